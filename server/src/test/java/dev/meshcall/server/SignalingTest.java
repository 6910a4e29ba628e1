package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signaling WebSocket end to end over real sockets: a whole call relayed between two users, and every refusal
 * the server makes, each followed by proof that the other users' relay still works.
 */
class SignalingTest {
    private static final Duration AUTH_TIMEOUT = Duration.ofMillis(700);

    @TempDir
    static Path dataDir;
    private static MeshCallServer server;
    private static TestHttp http;
    private static URI ws;
    private static int alice;
    private static int bob;
    private static int carol;
    private static int dave;
    private static String aliceToken;
    private static String bobToken;
    private static String carolToken;

    @BeforeAll
    static void start() throws Exception {
        // Many sockets in little time from one address: above the per-address connect rate (tested elsewhere).
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withAuthTimeout(AUTH_TIMEOUT)
                .withSecurity(SecurityConfig.forTest().withWsConnectsPerSecond(1000)
                        .withTrafficBudgets(HarnessBudgets.GENEROUS))).start();
        http = new TestHttp(server.baseUri());
        ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
        alice = http.signUp("alice", "alice-password");
        bob = http.signUp("bob", "bob-password");
        carol = http.signUp("carol", "carol-password");
        dave = http.signUp("dave", "dave-password");
        aliceToken = http.login("alice", "alice-password");
        bobToken = http.login("bob", "bob-password");
        carolToken = http.login("carol", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestSocket connect(String token, int userId) {
        return TestSocket.authenticated(http.client, ws, token, userId);
    }

    private static String newSession() {
        return UUID.randomUUID().toString();
    }

    private static Signal call(String session, int caller, Integer... opponents) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(opponents)).sdp("v=0 offer").platform("web").build();
    }

    private static Signal plain(SignalType type, String session) {
        return Signal.builder(type, session).build();
    }

    /** One full call from {@code caller} to {@code callee}: each signal arrives with the sender in {@code from}. */
    private static void assertCallRelayed(TestSocket caller, int callerId, TestSocket callee, int calleeId) {
        String session = newSession();
        Signal call = call(session, callerId, calleeId);
        caller.send(Frame.signalTo(calleeId, call, "c1"));
        assertThat(callee.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(callerId, call));

        Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp("v=0 answer")
                .build();
        callee.send(Frame.signalTo(callerId, accept, null));
        assertThat(caller.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(calleeId, accept));

        Signal candidates = Signal.builder(SignalType.ICE_CANDIDATES, session).iceCandidates(List.of(
                new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0))).build();
        caller.send(Frame.signalTo(calleeId, candidates, null));
        assertThat(callee.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(callerId, candidates));
        callee.send(Frame.signalTo(callerId, candidates, null));
        assertThat(caller.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(calleeId, candidates));

        caller.send(Frame.signalTo(calleeId, plain(SignalType.HANG_UP, session), null));
        assertThat(callee.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(callerId,
                plain(SignalType.HANG_UP, session)));
    }

    /** Sends a frame and expects an error frame with this code, message and ref; the socket stays open. */
    private static void assertRefused(TestSocket socket, Frame frame, ErrorCode code, String message) {
        socket.send(frame);
        Frame error = socket.nextIgnoringPresence();
        assertThat(error.op()).isEqualTo(Op.ERROR);
        assertThat(error.code()).as(error.message()).isEqualTo(code);
        assertThat(error.message()).contains(message);
        assertThat(error.ref()).isEqualTo(frame.ref());
        socket.assertAliveWithNothingPending();
    }

    /** Bob and carol can still call each other. */
    private static void assertOthersStillRelay() {
        try (TestSocket b = connect(bobToken, bob); TestSocket c = connect(carolToken, carol)) {
            assertCallRelayed(c, carol, b, bob);
        }
    }

    /**
     * Frames for a socket that come from another I/O thread wait in its outbox and leave in batches: a burst of
     * signals reaches each of the recipient's sockets whole and in the order sent. Bob has two sockets, so that at
     * least one is served by another I/O thread than alice's whichever thread each was given.
     */
    @Test
    void aBurstOfSignalsArrivesWholeAndInOrder_onEverySocketOfTheRecipient() {
        try (TestSocket a = connect(aliceToken, alice); TestSocket b1 = connect(bobToken, bob);
                TestSocket b2 = connect(bobToken, bob)) {
            String session = newSession();
            Signal call = call(session, alice, bob);
            a.send(Frame.signalTo(bob, call, null));
            assertThat(b1.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, call));
            assertThat(b2.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, call));
            List<Signal> burst = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                burst.add(Signal.builder(SignalType.ICE_CANDIDATES, session).iceCandidates(List.of(
                        new IceCandidate("candidate:" + i + " 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0)))
                        .build());
            }
            burst.forEach(signal -> a.send(Frame.signalTo(bob, signal, null)));
            for (TestSocket device : List.of(b1, b2)) {
                for (Signal signal : burst) {
                    assertThat(device.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, signal));
                }
            }
        }
    }

    @Test
    void relaysAWholeCallWithTheServerSettingFrom() {
        try (TestSocket a = connect(aliceToken, alice); TestSocket b = connect(bobToken, bob)) {
            assertCallRelayed(a, alice, b, bob);
            assertCallRelayed(b, bob, a, alice);
        }
    }

    @Test
    void answersPingWithPongOfTheSameId() {
        try (TestSocket a = connect(aliceToken, alice)) {
            a.send(Frame.ping("p-42"));
            assertThat(a.nextIgnoringPresence()).isEqualTo(Frame.pong("p-42"));
        }
    }

    @Test
    void deliversToEverySocketOfTheRecipient() {
        try (TestSocket a = connect(aliceToken, alice); TestSocket tab = connect(bobToken, bob);
                TestSocket phone = connect(bobToken, bob)) {
            Signal call = call(newSession(), alice, bob);
            a.send(Frame.signalTo(bob, call, null));

            assertThat(tab.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, call));
            assertThat(phone.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, call));
        }
    }

    @Test
    void tellsOthersWhenAUserComesOnlineAndGoesOffline() {
        try (TestSocket a = connect(aliceToken, alice)) {
            TestSocket c = connect(carolToken, carol);
            assertThat(nextPresenceOf(a, carol)).isEqualTo(Frame.presence(carol, true));
            TestSocket second = connect(carolToken, carol);
            c.close();
            second.close();
            assertThat(nextPresenceOf(a, carol)).isEqualTo(Frame.presence(carol, false));
        }
    }

    private static Frame nextPresenceOf(TestSocket socket, int userId) {
        Frame frame = socket.next();
        while (frame.op() != Op.PRESENCE || frame.userId() != userId) {
            frame = socket.next();
        }
        return frame;
    }

    @Test
    void closesWith1008WhenTheFirstFrameIsNotAuth() {
        try (TestSocket s = new TestSocket(http.client, ws)) {
            s.send(Frame.ping("1"));
            assertThat(s.closeCode()).isEqualTo(1008);
            assertThat(s.closeReason.join()).contains("first frame must be auth, not ping");
        }
        assertOthersStillRelay();
    }

    @Test
    void closesWith1008WhenNoAuthComesInTime() {
        try (TestSocket s = new TestSocket(http.client, ws)) {
            assertThat(s.closeCode()).isEqualTo(1008);
            assertThat(s.closeReason.join()).contains("no auth frame within 700 ms");
        }
        assertOthersStillRelay();
    }

    @Test
    void closesWith1008OnABadToken() {
        try (TestSocket s = new TestSocket(http.client, ws)) {
            s.send(Frame.auth("not-a-token"));
            assertThat(s.closeCode()).isEqualTo(1008);
            assertThat(s.closeReason.join()).contains("auth failed");
        }
        try (TestSocket s = new TestSocket(http.client, ws)) {
            s.sendText("{\"op\":\"auth\"");
            assertThat(s.closeCode()).isEqualTo(1008);
            assertThat(s.closeReason.join()).contains("malformed JSON");
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesASignalToOneself() {
        try (TestSocket a = connect(aliceToken, alice)) {
            assertRefused(a, Frame.signalTo(alice, plain(SignalType.HANG_UP, newSession()), "r1"),
                    ErrorCode.BAD_REQUEST, "cannot be sent to oneself");
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesASpoofedCaller() {
        try (TestSocket a = connect(aliceToken, alice)) {
            assertRefused(a, Frame.signalTo(bob, call(newSession(), carol, bob), "r2"),
                    ErrorCode.FORBIDDEN, "callerID " + carol + " is not the sender " + alice);
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesSignalsIntoSomeoneElsesSession() {
        try (TestSocket a = connect(aliceToken, alice); TestSocket b = connect(bobToken, bob);
                TestSocket c = connect(carolToken, carol)) {
            String session = newSession();
            a.send(Frame.signalTo(bob, call(session, alice, bob), null));
            assertThat(b.nextIgnoringPresence().signal().sessionId()).isEqualTo(session);

            assertRefused(c, Frame.signalTo(bob, plain(SignalType.HANG_UP, session), "r3"),
                    ErrorCode.FORBIDDEN, "not a member of session " + session);
            assertRefused(c, Frame.signalTo(bob, call(session, carol, bob), "r4"),
                    ErrorCode.FORBIDDEN, "not a member of session " + session);
            assertRefused(b, Frame.signalTo(carol, plain(SignalType.HANG_UP, session), "r5"),
                    ErrorCode.FORBIDDEN, "not a member of session " + session);
            b.assertAliveWithNothingPending();

            a.send(Frame.signalTo(bob, call(session, alice, bob), null));
            assertThat(b.nextIgnoringPresence().signal().signalType()).as("re-dial").isEqualTo(SignalType.CALL);
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesAnUnknownRecipient() {
        try (TestSocket a = connect(aliceToken, alice)) {
            assertRefused(a, Frame.signalTo(99, call(newSession(), alice, 99), "r6"), ErrorCode.NOT_FOUND,
                    "no user 99");
        }
        assertOthersStillRelay();
    }

    @Test
    void tellsTheSenderWhenTheRecipientIsOffline() {
        try (TestSocket a = connect(aliceToken, alice)) {
            assertRefused(a, Frame.signalTo(dave, call(newSession(), alice, dave), "r7"), ErrorCode.UNAVAILABLE,
                    "user " + dave + " is offline");
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesOpsABrowserMayNotSend() {
        try (TestSocket a = connect(aliceToken, alice)) {
            assertRefused(a, Frame.presence(bob, true), ErrorCode.BAD_REQUEST, "op 'presence'");
            assertRefused(a, Frame.auth(aliceToken), ErrorCode.BAD_REQUEST, "op 'auth'");
            assertRefused(a, Frame.signalFrom(bob, plain(SignalType.HANG_UP, "s")), ErrorCode.BAD_REQUEST,
                    "'from' is set by the server");
        }
        assertOthersStillRelay();
    }

    @Test
    void answersBadFramesWithAnErrorNamingTheFieldAndRef() {
        try (TestSocket a = connect(aliceToken, alice)) {
            a.sendText("{\"op\":\"signal\",\"to\":2,\"ref\":\"r8\",\"signal\":{\"signalType\":\"dance\","
                    + "\"sessionID\":\"s\"}}");
            Frame error = a.nextIgnoringPresence();
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message()).contains("dance");
            assertThat(error.ref()).isEqualTo("r8");

            a.sendText("not json");
            Frame malformed = a.nextIgnoringPresence();
            assertThat(malformed.message()).startsWith("malformed JSON");
            assertThat(malformed.ref()).isNull();
            a.assertAliveWithNothingPending();
        }
        assertOthersStillRelay();
    }

    @Test
    void answersBinaryFramesWithAnError() {
        try (TestSocket a = connect(aliceToken, alice)) {
            a.raw().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            Frame error = a.nextIgnoringPresence();
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message()).contains("binary");
            a.assertAliveWithNothingPending();
        }
        assertOthersStillRelay();
    }

    @Test
    void closesWith1009OnAFrameOver64KiB() {
        try (TestSocket a = connect(aliceToken, alice)) {
            a.sendText(FrameCodec.encode(Frame.ping("x".repeat(70 * 1024))));
            assertThat(a.closeCode()).isEqualTo(1009);
        }
        assertOthersStillRelay();
    }

    @Test
    void refusesFramesOverTheRateThenClosesAnAbuser() {
        try (TestSocket a = connect(aliceToken, alice)) {
            for (int i = 0; i < 400 && !a.raw().isOutputClosed(); i++) {
                try {
                    a.send(Frame.ping("flood-" + i));
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            Frame frame = a.nextIgnoringPresence();
            while (frame.op() == Op.PONG) {
                frame = a.nextIgnoringPresence();
            }
            assertThat(frame.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(a.closeCode()).isEqualTo(1008);
        }
        assertOthersStillRelay();
    }

    @Test
    void reportsOnlineUsersInTheUserList() {
        try (TestSocket a = connect(aliceToken, alice)) {
            TestHttp.Reply reply = http.get("/api/users", aliceToken);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().get("users").get(0).get("id").intValue()).isEqualTo(alice);
            assertThat(reply.body().get("users").get(0).get("online").booleanValue()).isTrue();
            assertThat(reply.body().get("users").get(3).get("online").booleanValue()).isFalse();
        }
    }
}
