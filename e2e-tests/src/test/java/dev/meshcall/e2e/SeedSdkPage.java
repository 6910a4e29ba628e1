package dev.meshcall.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The page of the seed system's own browser SDK ({@code seed-sdk/index.html}, {@code seed-sdk.js} and the harness
 * page's {@code web-root/listener-recorder.js} from the test classpath, and npm {@code connectycube}'s
 * {@code dist/connectycube.min.js}, from {@code -Dmeshcall.e2e.connectycube}) served by a small HTTP server on
 * 127.0.0.1 at a free port. Not by the MeshCall server: its Content-Security-Policy lets a page connect only to that
 * server, and this page connects to Prosody. Nothing else is served.
 */
public final class SeedSdkPage implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(
            "/", "text/html; charset=utf-8",
            "/seed-sdk.js", "text/javascript; charset=utf-8",
            "/listener-recorder.js", "text/javascript; charset=utf-8",
            "/connectycube.min.js", "text/javascript; charset=utf-8");

    private final HttpServer server;
    private final Path sdk;

    private SeedSdkPage(HttpServer server, Path sdk) {
        this.server = server;
        this.sdk = sdk;
    }

    /** Starts serving; fails naming the property when the SDK is not installed (the build's npm ci does it). */
    public static SeedSdkPage start() {
        String property = System.getProperty("meshcall.e2e.connectycube",
                "target/npm/node_modules/connectycube/dist/connectycube.min.js");
        Path sdk = Path.of(property);
        if (!Files.isRegularFile(sdk)) {
            throw new IllegalStateException("the seed's SDK is not at " + sdk.toAbsolutePath()
                    + " (-Dmeshcall.e2e.connectycube; the e2e-tests build installs npm connectycube into target/npm)");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            SeedSdkPage page = new SeedSdkPage(server, sdk);
            server.createContext("/", page::serve);
            server.start();
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the seed SDK's page", e);
        }
    }

    /** The page's address: {@code http://127.0.0.1:PORT/} (a secure context for getUserMedia). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = "GET".equals(exchange.getRequestMethod()) ? body(path) : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", TYPES.get(path));
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private byte[] body(String path) throws IOException {
        switch (path) {
            case "/":
                return resource("seed-sdk/index.html");
            case "/seed-sdk.js":
                return resource("seed-sdk/seed-sdk.js");
            case "/listener-recorder.js":
                return resource("web-root/listener-recorder.js");
            case "/connectycube.min.js":
                return Files.readAllBytes(sdk);
            default:
                return null;
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SeedSdkPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the test classpath");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
