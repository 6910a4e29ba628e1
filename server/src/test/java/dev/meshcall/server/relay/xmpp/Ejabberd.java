package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.LoopbackService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One member of a real ejabberd cluster for tests ({@link EjabberdCluster}; docs/xmpp.md, "An ejabberd cluster"):
 * Debian's ejabberd 23.01 as an Erlang node of its own ({@code meshcall-NAME@127.0.0.1}) with its own config dir,
 * spool (Mnesia) and log dirs, its client port on 127.0.0.1, and its Erlang distribution on 127.0.0.1 through the
 * cluster's own epmd. Started with {@code setsid ejabberdctl ... foreground} (as root, ejabberdctl runs the node as
 * the {@code ejabberd} user, so its directories belong to that user), stopped by its PIDs, never by name.
 * {@link #kill()} is a member dying (SIGKILL); {@link #startAgain()} brings it back with its data.
 */
public final class Ejabberd {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path dir;
    private final int port;
    private final int epmdPort;
    private final String config;
    private Process process;

    /**
     * Writes the member's files; does not start it.
     *
     * @param config the ejabberd.yml text ({@link EjabberdCluster#configText})
     * @param ctlConfig the ejabberdctl.cfg text ({@link EjabberdCluster#ctlConfigText})
     */
    Ejabberd(String name, Path dir, int port, int epmdPort, String config, String ctlConfig) throws IOException {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.epmdPort = epmdPort;
        this.config = config;
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("ejabberd.yml"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ejabberdctl.cfg"), ctlConfig, StandardCharsets.UTF_8);
        // Names are looked up in the hosts file only: no DNS query ever leaves the machine.
        Files.writeString(dir.resolve("inetrc"), "{lookup,[\"file\"]}.\n{host,{127,0,0,1},[\"localhost\"]}.\n",
                StandardCharsets.UTF_8);
    }

    /** The Erlang node name, {@code meshcall-NAME@127.0.0.1}. */
    public String node() {
        return "meshcall-" + name + "@127.0.0.1";
    }

    public String name() {
        return name;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The generated ejabberd.yml (for docs and failure messages). */
    public String config() {
        return config;
    }

    /** The settings a relay needs to use this member alone (no TLS: tests only). */
    public XmppSettings settings(String appId) {
        return XmppSettings.of(host(), port, EjabberdCluster.DOMAIN, appId, XmppSettings.Tls.DISABLED);
    }

    /** Starts the node; returns once it accepts client connections. */
    synchronized void launch() {
        if (process != null) {
            throw new IllegalStateException("ejabberd " + name + " is running");
        }
        try {
            Files.deleteIfExists(dir.resolve("ejabberd.pid"));
            List<String> command = new ArrayList<>(List.of("setsid"));
            command.addAll(ctl());
            command.add("foreground");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
            builder.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ejabberd " + name, e);
        }
        LoopbackService.awaitPort(process, port, START_TIMEOUT, "ejabberd " + name, this::logs);
    }

    /**
     * Runs {@code ejabberdctl COMMAND...} against this node (a hidden Erlang node of its own joins it for the call).
     *
     * @return the command's output
     * @throws IllegalStateException with the output when it fails
     */
    public String ctl(String... arguments) {
        List<String> command = ctl();
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("ERL_EPMD_PORT", Integer.toString(epmdPort));
            builder.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("ejabberdctl " + arguments[0] + " on " + name + " timed out: " + out);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ejabberdctl " + arguments[0] + " on " + name + " failed ("
                        + p.exitValue() + "): " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> ctl() {
        return new ArrayList<>(List.of("ejabberdctl", "--config-dir", dir.toString(),
                "--ctl-config", dir.resolve("ejabberdctl.cfg").toString(), "--spool", dir.resolve("spool").toString(),
                "--logs", dir.resolve("logs").toString()));
    }

    /** Creates an account with {@code ejabberdctl register} (the cluster shares it). */
    public void register(String user, String password) {
        ctl("register", user, EjabberdCluster.DOMAIN, password);
    }

    /** The Erlang VM's process id (ejabberd writes it to its pid file), once started. */
    public long pid() {
        try {
            Path file = dir.resolve("ejabberd.pid");
            if (Files.exists(file)) {
                return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to the process tree
        }
        Process current = process;
        if (current == null) {
            throw new IllegalStateException("ejabberd " + name + " is not running");
        }
        Optional<ProcessHandle> beam = current.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp")).orElse(false)).findFirst();
        return beam.orElseThrow(() -> new IllegalStateException("no beam.smp under ejabberd " + name)).pid();
    }

    /** Whether the node's process runs. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A member dying: SIGKILL to its Erlang VM by PID; its client streams break, the cluster sees it go. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Optional<ProcessHandle> vm = vm();
        vm.ifPresent(ProcessHandle::destroyForcibly);
        vm.ifPresent(Ejabberd::awaitExit);
        LoopbackService.stop(process);
        process = null;
    }

    /**
     * Stops the node (SIGTERM to the VM and its helpers, SIGKILL after 5 s) and waits until its VM is gone (it
     * outlives ejabberdctl's own process by a moment), keeping its data.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Optional<ProcessHandle> vm = vm();
        LoopbackService.stop(process);
        vm.ifPresent(handle -> {
            handle.destroy();
            awaitExit(handle);
        });
        process = null;
    }

    private Optional<ProcessHandle> vm() {
        try {
            return ProcessHandle.of(pid()).filter(ProcessHandle::isAlive);
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the stopped or killed node again on the same port with the same data; it rejoins the cluster. */
    public void startAgain() {
        launch();
    }

    /** The node's own logs so far (for failure messages). */
    public String logs() {
        return LoopbackService.tails(List.of(dir.resolve("stdout.log"), dir.resolve("logs").resolve("error.log")));
    }

    @Override
    public String toString() {
        return "ejabberd " + node() + " on 127.0.0.1:" + port;
    }
}
