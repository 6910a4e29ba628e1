package dev.meshcall.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arrows between the SDK's packages, read from the compiled classes (issue 11, docs/architecture.md): no package
 * cycles; the call state machine runs on the JVM, so it uses neither the browser bindings, nor the exported
 * JavaScript face, nor TeaVM's JSO; signaling does not reach up into the exported face; and only the packages that
 * talk to the browser use JSO. A forbidden use fails here with the two classes that make the arrow.
 */
class PackageArrowsTest {
    private static final String ROOT = "dev.meshcall.client";
    private static final String ROOT_PATH = ROOT.replace('.', '/') + "/";
    private static final String JSO = "org.teavm.jso";
    private static final String JSO_PATH = JSO.replace('.', '/') + "/";

    /** The packages that talk to the browser through JSO: the exported face, the bindings, the browser transport. */
    private static final Set<String> JSO_PACKAGES = Set.of(ROOT + ".api", ROOT + ".rtc.browser", ROOT + ".rtc.jso",
            ROOT + ".signaling");
    /**
     * The one class outside them that holds a JSO type today: the box that carries browser values through the call
     * logic as plain objects, so it has to name {@code JSObject}.
     */
    private static final Set<String> JSO_CLASSES = Set.of(ROOT_PATH + "BrowserValue");

    /**
     * From package, to package (ours or JSO's), one pair of classes that makes the arrow
     * ({@code ChatConnection -> BrowserValue}).
     */
    private static final Map<String, Map<String, String>> ARROWS = new TreeMap<>();
    /** A class outside {@link #JSO_PACKAGES} and {@link #JSO_CLASSES} that uses JSO, and one JSO class it uses. */
    private static final Map<String, String> STRAY_JSO = new TreeMap<>();

    @BeforeAll
    static void readTheCompiledClasses() throws Exception {
        Path classes = Path.of(Log.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(ROOT_PATH))) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String self = classes.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            String from = packageOf(self);
            for (String used : ClassReferences.of(file)) {
                String to = packageOf(used);
                boolean ours = used.startsWith(ROOT_PATH);
                boolean jso = used.startsWith(JSO_PATH);
                if ((ours || jso) && !to.equals(from)) {
                    ARROWS.computeIfAbsent(from, p -> new TreeMap<>()).putIfAbsent(to, simpleName(self) + " -> "
                            + simpleName(used));
                }
                if (jso && !JSO_PACKAGES.contains(from) && !JSO_CLASSES.contains(outerClassOf(self))) {
                    STRAY_JSO.putIfAbsent(self.replace('/', '.'), used.replace('/', '.'));
                }
            }
        }
        assertThat(ARROWS).as("arrows read from " + classes).containsKeys(ROOT + ".api", ROOT + ".call",
                ROOT + ".rtc.browser", ROOT + ".signaling");
    }

    @ParameterizedTest(name = "{0} does not use {1}")
    @CsvSource({
        "dev.meshcall.client.call, dev.meshcall.client.rtc.jso",
        "dev.meshcall.client.call, dev.meshcall.client.rtc.browser",
        "dev.meshcall.client.call, dev.meshcall.client.api",
        "dev.meshcall.client.call, org.teavm.jso",
        "dev.meshcall.client.signaling, dev.meshcall.client.api",
    })
    void aLowerLayerDoesNotUseAHigherOne(String from, String forbidden) {
        List<String> arrows = new ArrayList<>();
        ARROWS.forEach((source, targets) -> {
            if (within(source, from)) {
                targets.forEach((target, example) -> {
                    if (within(target, forbidden)) {
                        arrows.add(source + " -> " + target + " (" + example + ")");
                    }
                });
            }
        });
        assertThat(arrows).isEmpty();
    }

    @Test
    void onlyTheBrowserFacingPackagesUseJso() {
        assertThat(STRAY_JSO).as("classes outside " + JSO_PACKAGES + " that use " + JSO + ", with one use each")
                .isEmpty();
    }

    @Test
    void noPackagesUseEachOther() {
        for (String start : ARROWS.keySet()) {
            Optional<List<String>> cycle = pathBack(start);
            assertThat(cycle).as("a cycle through " + start).isEmpty();
        }
    }

    /** The arrows of a way from {@code start} back to itself, breadth first, or empty when there is none. */
    private static Optional<List<String>> pathBack(String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String next : ARROWS.getOrDefault(current, Map.of()).keySet()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(current + " -> " + next + " (" + ARROWS.get(current).get(next) + ")");
                    for (String at = current; !at.equals(start); at = cameFrom.get(at)) {
                        String before = cameFrom.get(at);
                        path.add(0, before + " -> " + at + " (" + ARROWS.get(before).get(at) + ")");
                    }
                    return Optional.of(path);
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, current);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean within(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    private static String packageOf(String binaryName) {
        int slash = binaryName.lastIndexOf('/');
        return slash < 0 ? "" : binaryName.substring(0, slash).replace('/', '.');
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('/') + 1);
    }

    /** {@code a/b/Outer} for {@code a/b/Outer$Inner} and {@code a/b/Outer$1}. */
    private static String outerClassOf(String binaryName) {
        int dollar = binaryName.indexOf('$', binaryName.lastIndexOf('/') + 1);
        return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
    }
}
