package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding (issue 12, item 7): a page of {@code http://evil.example} whose name is re-pointed at this server
 * sends {@code Host: evil.example} and {@code Origin: http://evil.example}, and the "own origin" taken from
 * {@code Host} let its WebSocket handshake through, and REST answered any {@code Host}. Now requests must name one of
 * the server's public hosts ({@code --public-url}, by default localhost and this machine's addresses at the port):
 * others get 421 {@code misdirected} on the REST API and the WebSocket, and a request naming no host 400.
 */
class HostCheckTest {
    @TempDir
    Path dataDir;

    /** Sends a raw HTTP/1.1 request and returns what came back (status line, headers, body), up to 4 KiB. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int length = 0;
            while (length < buffer.length) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
                if (text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n") || text.endsWith("}")) {
                    break;
                }
            }
            return new String(buffer, 0, length, StandardCharsets.US_ASCII);
        }
    }

    private static String handshake(int port, String host, String origin) throws IOException {
        return raw(port, "GET /ws HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13"
                + "\r\n\r\n");
    }

    private static String login(int port, String host) throws IOException {
        String body = "{\"login\":\"alice\",\"password\":\"alice-password\"}";
        return raw(port, "POST /api/login HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void aRequestForAnotherHostIsMisdirected_onTheWebSocketAndTheRestApi() throws Exception {
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            int port = server.port();
            new TestHttp(server.baseUri()).signUp("alice", "alice-password");
            NormalUser normal = new NormalUser(server, "normal", "normal-password");

            String evil = "evil.example:" + port;
            String upgrade = handshake(port, evil, "http://" + evil);
            assertThat(upgrade).startsWith("HTTP/1.1 421").contains("\"error\":\"misdirected\"")
                    .contains("not as '" + evil + "'; see --public-url");
            for (int i = 0; i < 50; i++) {
                assertThat(login(port, evil)).startsWith("HTTP/1.1 421");
            }
            assertThat(raw(port, "GET /api/users HTTP/1.1\r\nHost: " + evil + "\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 421");
            normal.assertServedPromptly("requests for a rebound host name");

            assertThat(login(port, "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
            assertThat(login(port, "localhost:" + port)).startsWith("HTTP/1.1 200");
            assertThat(login(port, "localhost:" + (port + 1))).as("another port").startsWith("HTTP/1.1 421");
            assertThat(handshake(port, "localhost:" + port, "http://localhost:" + port)).startsWith("HTTP/1.1 101");
            assertThat(raw(port, "POST /api/login HTTP/1.0\r\nContent-Length: 0\r\n\r\n")).as("no Host at all")
                    .startsWith("HTTP/1.0 400").contains("names no Host");
            assertThat(raw(port, "GET /health HTTP/1.1\r\nHost: " + evil + "\r\nConnection: close\r\n\r\n"))
                    .as("health checks and static files answer any name").startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void withAPublicUrlOnlyItsHostIsServed_andItsOriginMayOpenTheWebSocket() throws Exception {
        SecurityConfig security = SecurityConfig.forTest()
                .withPublicUrls(List.of(URI.create("https://meet.example.org")));
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(security))
                .start()) {
            int port = server.port();
            assertThat(handshake(port, "meet.example.org", "https://meet.example.org"))
                    .as("a TLS-terminating proxy passing the public host on").startsWith("HTTP/1.1 101");
            assertThat(handshake(port, "meet.example.org", "http://evil.example")).startsWith("HTTP/1.1 403");
            assertThat(login(port, "127.0.0.1:" + port)).startsWith("HTTP/1.1 421")
                    .contains("this server answers as meet.example.org");
        }
    }
}
