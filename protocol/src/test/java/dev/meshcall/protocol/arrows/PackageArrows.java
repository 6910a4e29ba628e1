package dev.meshcall.protocol.arrows;

import java.io.IOException;
import java.net.URISyntaxException;
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
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The arrows between a module's packages, read from its compiled classes with {@link ClassReferences}: for each
 * package, the packages its classes use, each with one pair of classes that makes the arrow
 * ({@code XmppAccounts -> ApiException}), so that a failing architecture test names the code to look at
 * (docs/architecture.md). Shared by the server's and the client's {@code PackageArrowsTest}.
 */
public final class PackageArrows {
    /** From package, to package, one pair of classes that makes the arrow. */
    private final Map<String, Map<String, String>> arrows = new TreeMap<>();
    /** Every class read (binary name) and the classes it uses. */
    private final Map<String, List<String>> references = new TreeMap<>();

    private PackageArrows() {
    }

    /**
     * Reads every class of package {@code root} and below in the classes folder (or jar root) that {@code anchor}
     * was loaded from; an arrow is kept when it goes to another package under {@code root} or under one of
     * {@code alsoCounted} (e.g. {@code org.teavm.jso}).
     */
    public static PackageArrows read(Class<?> anchor, String root, String... alsoCounted)
            throws IOException, URISyntaxException {
        Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(pathOf(root)))) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        List<String> counted = new ArrayList<>(List.of(pathOf(root)));
        for (String other : alsoCounted) {
            counted.add(pathOf(other));
        }
        PackageArrows result = new PackageArrows();
        for (Path file : files) {
            String self = classes.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
            String from = packageOf(self);
            List<String> used = new ArrayList<>(ClassReferences.of(file));
            result.references.put(self, used);
            for (String target : used) {
                String to = packageOf(target);
                if (counted.stream().anyMatch(target::startsWith) && !to.equals(from)) {
                    result.arrows.computeIfAbsent(from, p -> new TreeMap<>()).putIfAbsent(to,
                            simpleName(self) + " -> " + simpleName(target));
                }
            }
        }
        return result;
    }

    /** From package, to package, one pair of classes that makes the arrow. */
    public Map<String, Map<String, String>> arrows() {
        return arrows;
    }

    /** The arrows from {@code from} (or a package below it) to {@code to} (or below), as "a -> b (X -> Y)". */
    public List<String> uses(String from, String to) {
        List<String> found = new ArrayList<>();
        arrows.forEach((source, targets) -> {
            if (within(source, from)) {
                targets.forEach((target, example) -> {
                    if (within(target, to)) {
                        found.add(source + " -> " + target + " (" + example + ")");
                    }
                });
            }
        });
        return found;
    }

    /**
     * Each class (dotted name) that uses a class under package {@code used} where {@code allowed(class, package)}
     * (binary name, its package) says it may not, with one such use.
     */
    public Map<String, String> usesOutside(String used, BiPredicate<String, String> allowed) {
        Map<String, String> stray = new TreeMap<>();
        String usedPath = pathOf(used);
        references.forEach((self, targets) -> {
            for (String target : targets) {
                if (target.startsWith(usedPath) && !allowed.test(self, packageOf(self))) {
                    stray.putIfAbsent(self.replace('/', '.'), target.replace('/', '.'));
                }
            }
        });
        return stray;
    }

    /** The arrows of a way from package {@code start} back to itself, breadth first, or empty when there is none. */
    public Optional<List<String>> cycleThrough(String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.poll();
            for (String next : arrows.getOrDefault(current, Map.of()).keySet()) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>();
                    path.add(current + " -> " + next + " (" + arrows.get(current).get(next) + ")");
                    for (String at = current; !at.equals(start); at = cameFrom.get(at)) {
                        String before = cameFrom.get(at);
                        path.add(0, before + " -> " + at + " (" + arrows.get(before).get(at) + ")");
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

    /** {@code a/b/Outer} for {@code a/b/Outer$Inner} and {@code a/b/Outer$1}. */
    public static String outerClassOf(String binaryName) {
        int dollar = binaryName.indexOf('$', binaryName.lastIndexOf('/') + 1);
        return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
    }

    private static boolean within(String pkg, String parent) {
        return pkg.equals(parent) || pkg.startsWith(parent + ".");
    }

    private static String pathOf(String pkg) {
        return pkg.replace('.', '/') + "/";
    }

    private static String packageOf(String binaryName) {
        int slash = binaryName.lastIndexOf('/');
        return slash < 0 ? "" : binaryName.substring(0, slash).replace('/', '.');
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('/') + 1);
    }
}
