package dev.meshcall.server;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar meshcall-server.jar [--port N] [--bind ADDRESS] [--data-dir DIR] [--web-root DIR]}: starts one
 * node and keeps it running until the JVM is told to stop, then closes every WebSocket with 1001. Exit codes: 2 for
 * a bad command line, 1 when the server cannot start.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
        Logger log = LoggerFactory.getLogger(Main.class);
        MeshCallServer server = new MeshCallServer(flags.config(), flags.xmpp());
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("meshcall-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.close();
        }, "meshcall-shutdown"));
        log.info("MeshCall server ready at {} (data in {})", server.baseUri(),
                flags.config().dataDir().toAbsolutePath());
    }
}
