package dev.meshcall.server;

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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The arrows between the server's packages, read from the compiled classes (issue 11, docs/architecture.md): no
 * package cycles; the root package (the node's composition) imports downward only, so nothing below it depends on
 * it; the relays know nothing of HTTP or the WebSocket layer. A forbidden use fails here with the two classes that
 * make the arrow.
 */
class PackageArrowsTest {
    private static final String ROOT = "dev.meshcall.server";
    private static final String ROOT_PATH = ROOT.replace('.', '/') + "/";

    /** From package, to package, one pair of classes that makes the arrow ({@code XmppAccounts -> ApiException}). */
    private static final Map<String, Map<String, String>> ARROWS = new TreeMap<>();

    @BeforeAll
    static void readTheCompiledClasses() throws Exception {
        Path classes = Path.of(MeshCallServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(ROOT_PATH))) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String self = classes.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            String from = packageOf(self);
            for (String used : ClassReferences.of(file)) {
                String to = packageOf(used);
                if (used.startsWith(ROOT_PATH) && !to.equals(from)) {
                    ARROWS.computeIfAbsent(from, p -> new TreeMap<>()).putIfAbsent(to, simpleName(self) + " -> "
                            + simpleName(used));
                }
            }
        }
        assertThat(ARROWS).as("arrows read from " + classes).containsKeys(ROOT, ROOT + ".ws", ROOT + ".relay.xmpp");
    }

    @Test
    void nothingBelowTheRootPackageUsesIt() {
        List<String> upward = new ArrayList<>();
        ARROWS.forEach((from, targets) -> {
            if (!from.equals(ROOT) && targets.containsKey(ROOT)) {
                upward.add(from + " -> " + ROOT + " (" + targets.get(ROOT) + ")");
            }
        });
        assertThat(upward).as("the root package composes the node; the packages below it take plain values")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} does not use {1}")
    @CsvSource({
        "relay, http",
        "relay, ws",
    })
    void aLowerLayerDoesNotUseAHigherOne(String from, String forbidden) {
        List<String> arrows = new ArrayList<>();
        ARROWS.forEach((source, targets) -> {
            if (within(source, ROOT + "." + from)) {
                targets.forEach((target, example) -> {
                    if (within(target, ROOT + "." + forbidden)) {
                        arrows.add(source + " -> " + target + " (" + example + ")");
                    }
                });
            }
        });
        assertThat(arrows).isEmpty();
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
}
