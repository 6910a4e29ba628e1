package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow request bodies (issue 12): 20 clients that declare a 16,000-byte login body and send it a byte at a time must
 * not hold the server's worker threads. While they trickle, a login and {@code /health} answer within a second; and
 * each slow body is cut off once the body timeout has passed. Before the fix every body was read blocking on one of
 * the 16 workers, with no timeout, so both answers waited for as long as the trickle lasted.
 */
class SlowBodyTest {
    private static final int SLOW_CLIENTS = 20;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration PROMPT = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private final List<Socket> slow = new ArrayList<>();
    private final ExecutorService trickle = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : slow) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void slowBodiesHoldNoWorker_andAreCutOffAfterTheBodyTimeout() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(SecurityConfig.forTest()
                .withHttpTimeouts(HttpTimeouts.defaults().withRequestBody(BODY_TIMEOUT)))).start();
        TestHttp http = new TestHttp(server.baseUri());
        http.signUp("alice", "alice-password");
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(startSlowLogin());
        }
        Future<?> trickling = trickle.submit(this::trickleUntilClosed);

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health"))
                .timeout(PROMPT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("/health while %d bodies trickle", SLOW_CLIENTS).isEqualTo(200);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "api/login"))
                .timeout(PROMPT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"alice\",\"password\":\"alice-password\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login while %d bodies trickle: %s", SLOW_CLIENTS, login.body())
                .isEqualTo(200);

        Poll.until("every slow body cut off after the " + BODY_TIMEOUT.toSeconds() + " s body timeout",
                BODY_TIMEOUT.plusSeconds(4), () -> slow.stream().allMatch(SlowBodyTest::closedByServer));
        trickling.cancel(true);
    }

    /** Sends a login's headers, declaring a 16,000-byte body, and its first byte. */
    private Socket startSlowLogin() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        socket.setSoTimeout(1);
        String head = "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: 16000\r\n\r\n{";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** One more byte to every slow client, each {@link Poll#INTERVAL}, until the server has closed them all. */
    private void trickleUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            for (Socket socket : slow) {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    // Closed by the server: what the test waits for.
                }
            }
            try {
                Poll.pause();
            } catch (AssertionError interrupted) {
                return;
            }
        }
    }

    /** Whether the server closed the connection (end of stream or reset), polled without blocking long. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
