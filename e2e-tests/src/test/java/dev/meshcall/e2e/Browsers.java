package dev.meshcall.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Chromium instances of one test class: started once (in parallel, each costs 2-3 s), reused by every test of
 * the class, quit after the last one.
 */
public final class Browsers implements AutoCloseable {
    private final Map<String, Browser> open = new LinkedHashMap<>();

    /** Starts the named browsers in parallel (those already open are reused). */
    public synchronized List<Browser> start(String... names) {
        Map<String, CompletableFuture<Browser>> starting = new LinkedHashMap<>();
        for (String name : names) {
            if (!open.containsKey(name)) {
                starting.put(name, CompletableFuture.supplyAsync(() -> new Browser(name)));
            }
        }
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<Browser>> e : starting.entrySet()) {
            try {
                open.put(e.getKey(), e.getValue().join());
            } catch (RuntimeException ex) {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<Browser> result = new ArrayList<>();
        for (String name : names) {
            result.add(open.get(name));
        }
        return result;
    }

    /** Starts (or reuses) a browser left without some of {@link Browser#FLAGS}. */
    public synchronized Browser startWithout(String name, String... leftOutFlags) {
        return open.computeIfAbsent(name, n -> new Browser(n, List.of(leftOutFlags)));
    }

    /** Starts (or reuses) a browser with flags beyond {@link Browser#FLAGS}, e.g. --ignore-certificate-errors. */
    public synchronized Browser startWith(String name, String... extraFlags) {
        return open.computeIfAbsent(name, n -> new Browser(n, List.of(), List.of(extraFlags)));
    }

    /** Starts (or reuses) a browser whose {@code flag} of {@link Browser#FLAGS} is {@code replacement} instead. */
    public synchronized Browser startReplacing(String name, String flag, String replacement) {
        return open.computeIfAbsent(name, n -> new Browser(n, List.of(flag), List.of(replacement)));
    }

    /** Quits one browser before the class ends, so that no more run at once than a scenario needs. */
    public synchronized void close(String name) {
        Browser browser = open.remove(name);
        if (browser != null) {
            browser.close();
        }
    }

    /** Saves a screenshot of every open browser in {@code dir}, as {@code <prefix>-<browser>.png}. */
    public synchronized void screenshots(Path dir, String prefix) {
        open.values().forEach(b -> b.screenshot(dir.resolve(prefix + "-" + b.name() + ".png")));
    }

    public synchronized Browser get(String name) {
        return start(name).get(0);
    }

    public synchronized String drainConsoles() {
        StringBuilder out = new StringBuilder();
        open.values().forEach(b -> out.append(b.drainConsole()));
        return out.toString();
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Browser browser : open.values()) {
            try {
                browser.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
