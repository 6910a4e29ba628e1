package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.ws.ConnectionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caps on sockets and connections (issue 12, item 4): one user held 1,000 sockets, 150 sockets that stopped reading
 * took the heap from 29 to 255 MB, and 200 slowloris connections were all still open after 30 s. Now a user has at
 * most so many sockets, the bytes waiting across all sockets are budgeted, idle and half-sent connections are timed
 * out, and the node accepts only so many connections at once.
 */
class ConnectionCapsTest {
    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private MeshCallServer start(SecurityConfig security) throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(security.withWsConnectsPerSecond(1000)))
                .start();
        return server;
    }

    private Socket rawSocket() throws IOException {
        Socket socket = new Socket();
        opened.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        return socket;
    }

    /** Whether the server closed the connection (end of stream or reset) within the socket's read timeout. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aUserMayOpenOnlySoManySockets_andClosingOneMakesRoom() throws Exception {
        start(SecurityConfig.forTest().withConnectionLimits(ConnectionLimits.defaults().withMaxSocketsPerUser(3)));
        TestHttp http = new TestHttp(server.baseUri());
        int mallory = http.signUp("mallory", "mallory-password");
        String token = http.login("mallory", "mallory-password");
        NormalUser normal = new NormalUser(server, "normal", "normal-password");
        List<TestSocket> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestSocket socket = TestSocket.authenticated(http.client, server.webSocketUri(), token, mallory);
            opened.add(socket);
            admitted.add(socket);
        }
        for (int i = 0; i < 30; i++) {
            TestSocket extra = new TestSocket(http.client, server.webSocketUri());
            opened.add(extra);
            extra.send(Frame.auth(token));
            assertThat(extra.readyOrCloseCode()).as("socket %d past the limit", i + 4).isEqualTo(1008);
            assertThat(extra.closeReason.join()).isEqualTo("user " + mallory + " has 3 sockets open, the limit"
                    + " (--max-sockets-per-user 3)");
        }
        normal.assertServedPromptly("one user opening sockets past the limit");

        admitted.get(0).close();
        Poll.until("a place free again", Duration.ofSeconds(5), () -> {
            TestSocket again = new TestSocket(http.client, server.webSocketUri());
            opened.add(again);
            again.send(Frame.auth(token));
            return again.readyOrCloseCode() == 0;
        });
        admitted.get(1).assertAliveWithNothingPending();
    }

    @Test
    void socketsThatStopReadingShareOneServerWideBudget_theOneHoldingMostIsClosedFirst() throws Exception {
        long budget = 512 * 1024;
        start(SecurityConfig.forTest().withMaxPendingBytes(64 * 1024 * 1024)
                .withTrafficBudgets(HarnessBudgets.GENEROUS)
                .withConnectionLimits(ConnectionLimits.defaults().withMaxPendingBytesTotal(budget)));
        TestHttp http = new TestHttp(server.baseUri());
        int alice = http.signUp("alice", "alice-password");
        int slow = http.signUp("slow", "slow-password");
        NormalUser normal = new NormalUser(server, "normal", "normal-password");
        String slowToken = http.login("slow", "slow-password");
        List<RawClient> stalled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawClient reader = new RawClient(server.port(), 4096);
            opened.add(reader);
            reader.sendText(FrameCodec.encode(Frame.auth(slowToken)));
            assertThat(reader.readText()).contains("\"ready\"");
            stalled.add(reader);
        }
        try (TestSocket sender = TestSocket.authenticated(http.client, server.webSocketUri(),
                http.login("alice", "alice-password"), alice)) {
            Signal call = Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                    .callerId(alice).opponentsIds(List.of(slow)).sdp("v=0 " + "a".repeat(40 * 1024)).build();
            for (int i = 0; i < 150 && server.relay().isOnline(slow); i++) {
                sender.send(Frame.signalTo(slow, call, null));
            }
            normal.assertServedPromptly("sockets that stop reading");
            Poll.until("every stalled socket closed as too slow", Duration.ofSeconds(10),
                    () -> server.connections().slowConsumersClosed() == 5);
            for (RawClient reader : stalled) {
                reader.drainUntilClosed();
            }
            Poll.until("nothing left waiting", Duration.ofSeconds(5), () -> server.connections().pendingBytes() == 0);
            sender.assertAliveWithNothingPending();
        }
    }

    @Test
    void idleAndHalfSentConnectionsAreClosedAfterTheirTimeouts() throws Exception {
        start(SecurityConfig.forTest().withHttpTimeouts(HttpTimeouts.defaults()
                .withRequestHeader(Duration.ofSeconds(1)).withIdle(Duration.ofSeconds(2))));
        NormalUser normal = new NormalUser(server, "normal", "normal-password");
        List<Socket> halfSent = new ArrayList<>();
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket socket = rawSocket();
            socket.setSoTimeout(1);
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
            halfSent.add(socket);
            Socket quiet = rawSocket();
            quiet.setSoTimeout(1);
            silent.add(quiet);
        }
        normal.assertServedPromptly("100 idle and half-sent connections");

        Poll.until("every half-sent request cut off after the 1 s header timeout", Duration.ofSeconds(6),
                () -> halfSent.stream().allMatch(ConnectionCapsTest::closedByServer));
        Poll.until("every silent connection closed after the 2 s idle timeout", Duration.ofSeconds(8),
                () -> silent.stream().allMatch(ConnectionCapsTest::closedByServer));
    }

    @Test
    void theNodeAcceptsOnlySoManyConnectionsAtOnce() throws Exception {
        start(SecurityConfig.forTest().withConnectionLimits(ConnectionLimits.defaults().withMaxConnections(20)));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(rawSocket());
        }
        Socket extra = rawSocket();
        extra.setSoTimeout(500);
        extra.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> extra.getInputStream().read()).as("no answer past 20 connections")
                .isInstanceOf(SocketTimeoutException.class);

        for (Socket socket : held.subList(0, 5)) {
            socket.close();
        }
        extra.setSoTimeout(5000);
        byte[] answer = extra.getInputStream().readNBytes(12);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).as("answered once connections closed")
                .isEqualTo("HTTP/1.1 200");
    }
}
