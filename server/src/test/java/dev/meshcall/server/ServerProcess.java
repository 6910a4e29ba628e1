package dev.meshcall.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real entry point, {@link Main}, in a JVM of its own with the given flags, as an operator runs it: its
 * standard output and standard error are kept apart, line by line, for the tests to search.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready at (http://127\\.0\\.0\\.1:\\d+/)");

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<URI> ready = new CompletableFuture<>();
    private final Thread outReader;
    private final Thread errReader;

    private ServerProcess(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Dmeshcall.pbkdf2.iterations=1000",
                Main.class.getName()));
        command.addAll(args);
        process = new ProcessBuilder(command).start();
        outReader = read(process.getInputStream(), stdout, "server-stdout-reader");
        errReader = read(process.getErrorStream(), stderr, "server-stderr-reader");
    }

    /** Starts {@code java … Main args}. */
    static ServerProcess start(String... args) throws IOException {
        return new ServerProcess(List.of(args));
    }

    /** The server's address, once it logged that it is ready. */
    URI awaitReady() throws InterruptedException, TimeoutException {
        try {
            return ready.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the server did not exit:\n" + output());
        }
        joinReaders();
        return process.exitValue();
    }

    /** Every line printed on standard output so far. */
    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** Every line printed on standard error so far. */
    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Both outputs, for messages and searches. */
    String output() {
        return String.join("\n", stdout()) + "\n" + String.join("\n", stderr());
    }

    /** Stops the server as an operator does (SIGTERM, so its shutdown hook runs) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        joinReaders();
    }

    private void joinReaders() throws InterruptedException {
        outReader.join(5_000);
        errReader.join(5_000);
    }

    private Thread read(InputStream stream, List<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    Matcher matcher = READY.matcher(line);
                    if (matcher.find()) {
                        ready.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the server exited before it was ready:\n" + output()));
        }, name);
        thread.start();
        return thread;
    }
}
