package dev.meshcall.server;

import dev.meshcall.server.logging.Logging;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar meshcall-server.jar [--port N] [--bind ADDRESS] [--data-dir DIR] [--web-root DIR]}: starts one
 * node and keeps it running until the JVM is told to stop, then closes every WebSocket with 1001. Exit codes: 2 for
 * a bad command line, 1 when the server cannot start. Logs go to standard output in the format of {@code --log-format}
 * ({@link Logging}); only a bad command line is reported on standard error, before logging starts.
 * {@code java -jar meshcall-server.jar add-user ...} creates an account instead ({@link AddUserCommand}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(AddUserCommand.NAME)) {
            int code = AddUserCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.in,
                    System.out, System.err);
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        ServerFlags flags;
        try {
            flags = ServerFlags.parse(args, System.getenv());
        } catch (ServerFlags.UsageException e) {
            System.err.println("meshcall-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (flags.helpRequested()) {
            System.out.print(ServerFlags.usage());
            return;
        }
        Logging.configure(flags.logging());
        Logger log = LoggerFactory.getLogger(Main.class);
        MeshCallServer server = new MeshCallServer(flags.config(), flags.xmpp());
        try {
            server.start();
        } catch (IOException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
        }, "meshcall-shutdown"));
        log.atInfo().setMessage("MeshCall server ready at {} (data in {})").addArgument(server.baseUri())
                .addArgument(flags.config().dataDir().toAbsolutePath()).addKeyValue("url", server.baseUri())
                .addKeyValue("mode", flags.xmpp() == null ? "embedded" : "xmpp").log();
    }
}
