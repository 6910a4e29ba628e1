package dev.meshcall.server;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the tests' real services (Prosody here, coturn in the e2e tests) do alike: take a free port on 127.0.0.1,
 * wait until the started process answers on it, stop it by its PID, show its logs in a failure, and delete its
 * temporary directory.
 */
public final class LoopbackService {
    private static final int LOG_TAIL_CHARS = 4000;

    private LoopbackService() {
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until {@code process} accepts TCP connections on 127.0.0.1:{@code port}.
     *
     * @throws IllegalStateException naming {@code name} with its {@code logs} when it exits first, or when
     *     {@code timeout} passes (the process is then stopped)
     */
    public static void awaitPort(Process process, int port, Duration timeout, String name, Supplier<String> logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + logs.get());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Poll.pause();
            }
        }
        stop(process);
        throw new IllegalStateException(name + " did not listen on " + port + " within " + timeout + ": "
                + logs.get());
    }

    /** Stops the process and its children by PID: SIGTERM, then SIGKILL after 5 s. */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last 4,000 characters of each existing file, each under its name (for failure messages). */
    public static String tails(List<Path> files) {
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            if (Files.exists(file)) {
                try {
                    String content = Files.readString(file, StandardCharsets.UTF_8);
                    text.append("--- ").append(file.getFileName()).append(" ---\n").append(
                            content.length() > LOG_TAIL_CHARS ? content.substring(content.length() - LOG_TAIL_CHARS)
                                    : content);
                } catch (IOException e) {
                    text.append("(").append(file.getFileName()).append(" unreadable: ").append(e.getMessage())
                            .append(")\n");
                }
            }
        }
        return text.toString();
    }

    /** Deletes a directory and everything in it; what cannot be deleted stays (a temporary one is harmless). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
