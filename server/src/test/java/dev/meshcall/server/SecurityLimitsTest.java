package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits that protect the server's memory and sockets: a reader that stops reading is cut off, and one address
 * cannot open WebSockets faster than the connect rate. Each test has its own server, since the limits count per
 * address and every test comes from 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityLimitsTest {
    @TempDir
    Path dataDir;
    private MeshCallServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void closesASocketThatStopsReadingBeforeItsQueueGrowsPastTheCap() throws Exception {
        int cap = 256 * 1024;
        server = new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withMaxPendingBytes(cap)
                        .withTrafficBudgets(HarnessBudgets.GENEROUS))).start();
        TestHttp http = new TestHttp(server.baseUri());
        int alice = http.signUp("alice", "alice-password");
        int slow = http.signUp("slow", "slow-password");
        try (TestSocket sender = TestSocket.authenticated(http.client, server.webSocketUri(),
                http.login("alice", "alice-password"), alice);
                RawClient stalled = new RawClient(server.port(), 4096)) {
            stalled.sendText(FrameCodec.encode(Frame.auth(http.login("slow", "slow-password"))));
            assertThat(stalled.readText()).contains("\"ready\"");
            // From here on the stalled client reads nothing. Alice re-dials one call with a 40 KiB offer, her
            // traffic budgets raised so that it reaches the stalled socket (TargetedFloodTest: the default ones).
            Signal call = Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                    .callerId(alice).opponentsIds(List.of(slow)).sdp("v=0 " + "a".repeat(40 * 1024)).build();
            int sent = 0;
            while (sent < 150 && server.connections().slowConsumersClosed() == 0) {
                sender.send(Frame.signalTo(slow, call, null));
                sent++;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.connections().slowConsumersClosed() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(server.connections().slowConsumersClosed()).as("sockets closed as too slow").isEqualTo(1);
            long drained = stalled.drainUntilClosed();
            System.out.printf("slow reader: closed; %d frames of 40 KiB were sent to it, %d KiB reached its socket"
                    + " before the close (cap %d KiB)%n", sent, drained / 1024, cap / 1024);
            assertThat(drained).as("bytes the stalled client finds buffered, then the socket is closed")
                    .isLessThan(16L * 1024 * 1024);
            while (server.relay().isOnline(slow) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(server.relay().isOnline(slow)).as("the slow user after the close").isFalse();
        }
    }

    @Test
    void servesThePageSoOtherSitesCannotFrameItOrSniffIt() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
        TestHttp.Reply page = new TestHttp(server.baseUri()).get("/meshcall.js", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void refusesNewWebSocketsOverTheConnectRateWith429() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
        TestHttp http = new TestHttp(server.baseUri());
        int accepted = 0;
        WebSocketHandshakeException refused = null;
        for (int i = 0; i < 60 && refused == null; i++) {
            Throwable failure = catchThrowable(() -> http.client.newWebSocketBuilder()
                    .buildAsync(server.webSocketUri(), new WebSocket.Listener() { }).join().abort());
            if (failure == null) {
                accepted++;
            } else {
                assertThat(failure).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(WebSocketHandshakeException.class);
                refused = (WebSocketHandshakeException) failure.getCause();
            }
        }
        assertThat(refused).as("a refused handshake among 60 quick ones").isNotNull();
        assertThat(accepted).as("handshakes admitted first").isGreaterThanOrEqualTo(
                SecurityConfig.DEFAULT_WS_CONNECTS_PER_SECOND);
        assertThat(refused.getResponse().statusCode()).isEqualTo(429);
        assertThat(refused.getResponse().headers().firstValue("Retry-After")).hasValue("1");

        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(catchThrowable(() -> http.client.newWebSocketBuilder()
                .buildAsync(server.webSocketUri(), new WebSocket.Listener() { }).join().abort()))
                .as("a handshake once tokens have refilled").isNull();
    }
}
