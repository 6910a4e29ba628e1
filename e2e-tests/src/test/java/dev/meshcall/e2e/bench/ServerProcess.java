package dev.meshcall.e2e.bench;

import dev.meshcall.server.relay.xmpp.XmppService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The MeshCall server as people run it — {@code java -jar server/target/meshcall-server.jar} — in a child process
 * of this JVM (so inside the same loopback-only network namespace), on a free port with a fresh data directory.
 * Its memory is read from {@code /proc} and {@code jcmd}. {@link #xmppFlags} make it a node of an XMPP service.
 */
final class ServerProcess implements AutoCloseable {
    /**
     * More JVM options for every server process, space-separated, {@code {port}} replaced by its port: e.g.
     * {@code -Dmeshcall.bench.serverJvm=-XX:StartFlightRecording=filename=/tmp/node-{port}.jfr,dumponexit=true}.
     */
    private static final String JVM_OPTIONS = System.getProperty("meshcall.bench.serverJvm", "");

    private final Process process;
    private final int port;
    private final long startedAtNanos;
    private final Path log;

    ServerProcess(List<String> serverFlags) {
        try {
            this.port = freePort();
            Path dataDir = Files.createTempDirectory("meshcall-bench-data-");
            this.log = Files.createTempFile("meshcall-bench-server-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dmeshcall.pbkdf2.iterations=1000");
            for (String option : JVM_OPTIONS.split(" ")) {
                if (!option.isBlank()) {
                    command.add(option.replace("{port}", Integer.toString(port)));
                }
            }
            command.add("-jar");
            command.add(jar().toString());
            command.add("--port");
            command.add(Integer.toString(port));
            command.add("--data-dir");
            command.add(dataDir.toString());
            // The simulated users all sign up from 127.0.0.1.
            command.add("--signup-rate");
            command.add("1000000");
            command.addAll(serverFlags);
            this.startedAtNanos = System.nanoTime();
            this.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The flags that make a server a node of {@code service} (no TLS: loopback, tests only), given every host of it
     * with host {@code first} first (a cluster member of its own).
     */
    static List<String> xmppFlags(XmppService service, int first) {
        return List.of("--xmpp-host", service.hostList(first), "--xmpp-domain", service.domain(), "--xmpp-app-id", "1",
                "--xmpp-tls", "disabled");
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("meshcall.bench.serverJar", "../server/target/meshcall-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath() + ": build it first");
        }
        return jar;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Polls {@code GET /} until it answers 200; returns the milliseconds from process start. */
    double waitUntilServing(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedAtNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedAtNanos) / 1e6;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        throw new IllegalStateException("the server did not serve / within " + timeout + ": " + logTail());
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size of the server process, in KiB. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for pid " + process.pid());
    }

    /** Heap in use after a full GC, in KiB (via {@code jcmd}). */
    long heapUsedAfterGcKib() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        int at = info.indexOf("used ");
        if (at < 0) {
            throw new IllegalStateException("unexpected GC.heap_info: " + info);
        }
        String number = info.substring(at + 5).replaceAll("^([0-9]+)K.*$", "$1").split("\\D")[0];
        return Long.parseLong(number);
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(30, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
