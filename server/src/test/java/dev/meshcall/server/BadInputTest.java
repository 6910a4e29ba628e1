package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input over real sockets (OWASP ASVS V4.4; docs/security.md, "How it is tested"): each case is one attack by
 * mallory, and asserts the exact answer (error code and echoed ref, close code, or handshake status). Meanwhile bob
 * and carol, on their own sockets, run call/accept/iceCandidates/hangUp cycles without pause; after every case at
 * least one more whole cycle must have arrived intact, and no signal of theirs may ever be lost.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final Duration TOKEN_LIFETIME = Duration.ofMillis(1500);
    private static final String FOREIGN_SESSION = "foreign-" + UUID.randomUUID();

    @TempDir
    static Path dataDir;
    private static MeshCallServer server;
    private static TestHttp http;
    private static URI ws;
    private static int mallory;
    private static int bob;
    private static int carol;
    private static TestSocket bobSocket;
    private static TestSocket carolSocket;
    private static ScheduledExecutorService caller;
    private static final AtomicInteger CYCLES = new AtomicInteger();
    private static final AtomicReference<Throwable> CYCLE_FAILURE = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withAuthTimeout(Duration.ofMillis(700))
                .withTokenLifetime(TOKEN_LIFETIME)
                .withSecurity(SecurityConfig.forTest().withWsConnectsPerSecond(1000)
                        .withTrafficBudgets(HarnessBudgets.GENEROUS))).start();
        http = new TestHttp(server.baseUri());
        ws = server.webSocketUri();
        mallory = http.signUp("mallory", "mallory-password");
        bob = http.signUp("bob", "bob-password");
        carol = http.signUp("carol", "carol-password");
        bobSocket = TestSocket.authenticated(http.client, ws, http.login("bob", "bob-password"), bob);
        carolSocket = TestSocket.authenticated(http.client, ws, http.login("carol", "carol-password"), carol);
        // A session of bob and carol that stays open: mallory tries to signal into it.
        carolSocket.send(Frame.signalTo(bob, call(FOREIGN_SESSION, carol, bob), null));
        assertThat(bobSocket.nextIgnoringPresence().signal().sessionId()).isEqualTo(FOREIGN_SESSION);

        caller = Executors.newSingleThreadScheduledExecutor();
        // ~30 frames/s per socket: well inside the per-connection rate, so only mallory is ever limited.
        caller.scheduleWithFixedDelay(BadInputTest::oneCycle, 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (caller != null) {
            caller.shutdownNow();
            caller.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (bobSocket != null) {
            bobSocket.close();
            carolSocket.close();
        }
        server.close();
        assertThat(CYCLE_FAILURE.get()).as("the bystanders' call cycles").isNull();
    }

    /** One whole call between bob and carol; every signal must arrive, with the server's {@code from}. */
    private static void oneCycle() {
        if (CYCLE_FAILURE.get() != null) {
            return;
        }
        try {
            String session = UUID.randomUUID().toString();
            Signal call = call(session, bob, carol);
            bobSocket.send(Frame.signalTo(carol, call, null));
            assertThat(carolSocket.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob, call));
            Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp("v=0 answer")
                    .build();
            carolSocket.send(Frame.signalTo(bob, accept, null));
            assertThat(bobSocket.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(carol, accept));
            Signal candidates = Signal.builder(SignalType.ICE_CANDIDATES, session).iceCandidates(List.of(
                    new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0))).build();
            bobSocket.send(Frame.signalTo(carol, candidates, null));
            assertThat(carolSocket.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob, candidates));
            Signal hangUp = Signal.builder(SignalType.HANG_UP, session).build();
            bobSocket.send(Frame.signalTo(carol, hangUp, null));
            assertThat(carolSocket.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob, hangUp));
            CYCLES.incrementAndGet();
        } catch (Throwable e) {
            CYCLE_FAILURE.compareAndSet(null, e);
        }
    }

    /** At least one more whole cycle completes after the attack, and none failed. */
    private static void assertBystandersUnaffected(int cyclesBefore) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (CYCLES.get() <= cyclesBefore + 1 && CYCLE_FAILURE.get() == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertThat(CYCLE_FAILURE.get()).as("bob and carol's call cycles").isNull();
        assertThat(CYCLES.get()).as("whole call cycles of bob and carol after the attack").isGreaterThan(
                cyclesBefore + 1);
    }

    private static Signal call(String session, int caller, Integer... opponents) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(opponents)).sdp("v=0 offer").platform("web").build();
    }

    private static String malloryToken() {
        return http.login("mallory", "mallory-password");
    }

    private static TestSocket malloryConnected() {
        return TestSocket.authenticated(http.client, ws, malloryToken(), mallory);
    }

    /** One attack and what it must get. */
    record Case(String name, Runnable attack) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** After auth: a text frame that gets exactly this error code and ref; the socket stays open and usable. */
    private static Case error(String name, String text, ErrorCode code, String ref, String messagePart) {
        return new Case(name, () -> {
            try (TestSocket s = malloryConnected()) {
                s.sendText(text);
                Frame error = s.nextIgnoringPresence();
                assertThat(error.op()).as("answer to " + name).isEqualTo(Op.ERROR);
                assertThat(error.code()).as(error.message()).isEqualTo(code);
                assertThat(error.ref()).as("echoed ref").isEqualTo(ref);
                assertThat(error.message()).contains(messagePart);
                s.assertAliveWithNothingPending();
            }
        });
    }

    /** A signal frame of mallory's, as text. */
    private static String signal(int to, String signalJson, String ref) {
        return "{\"op\":\"signal\",\"to\":" + to + ",\"ref\":\"" + ref + "\",\"signal\":" + signalJson + "}";
    }

    /** What {@code attack} does to a fresh, authenticated socket: it must be closed with this code and reason. */
    private static Case closedAfterAuth(String name, Consumer<TestSocket> attack, int closeCode, String reason) {
        return new Case(name, () -> {
            try (TestSocket s = malloryConnected()) {
                attack.accept(s);
                assertThat(s.closeCode()).as("close code").isEqualTo(closeCode);
                assertThat(s.closeReason.join()).contains(reason);
            }
        });
    }

    /** What {@code attack} does to a socket that has not authenticated: closed with this code and reason. */
    private static Case closedBeforeAuth(String name, Consumer<TestSocket> attack, int closeCode, String reason) {
        return new Case(name, () -> {
            try (TestSocket s = new TestSocket(http.client, ws)) {
                attack.accept(s);
                assertThat(s.closeCode()).as("close code").isEqualTo(closeCode);
                assertThat(s.closeReason.join()).contains(reason);
            }
        });
    }

    /** A WebSocket handshake with this Origin header: refused with this HTTP status, or upgraded when 101. */
    private static Case handshake(String name, String origin, int status) {
        return new Case(name, () -> {
            Throwable failure = catchThrowable(() -> http.client.newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(ws, new WebSocket.Listener() { }).join().abort());
            if (status == 101) {
                assertThat(failure).as("handshake from " + origin).isNull();
                return;
            }
            assertThat(failure).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
            WebSocketHandshakeException refused = (WebSocketHandshakeException) failure.getCause();
            assertThat(refused.getResponse().statusCode()).isEqualTo(status);
        });
    }

    private static final String HANG_UP = "{\"signalType\":\"hangUp\",\"sessionID\":\"s-1\"}";
    private static final String CALL_TO_BOB_FMT = "{\"signalType\":\"call\",\"sessionID\":\"%s\",\"callType\":1,"
            + "\"callerID\":%d,\"opponentsIDs\":%s,\"sdp\":\"v=0\"}";

    static Stream<Case> cases() {
        return Stream.of(
                // ---- malformed or mistyped frames: error bad_request, ref echoed when it could be read
                error("malformed JSON", "{\"op\":", ErrorCode.BAD_REQUEST, null, "malformed JSON"),
                error("not JSON at all", "hello server", ErrorCode.BAD_REQUEST, null, "malformed JSON"),
                error("trailing text", "{\"op\":\"ping\",\"id\":\"1\"} x", ErrorCode.BAD_REQUEST, null,
                        "malformed JSON"),
                error("duplicate keys", "{\"op\":\"ping\",\"op\":\"ping\",\"id\":\"1\"}", ErrorCode.BAD_REQUEST,
                        null, "malformed JSON"),
                error("nesting deeper than 8", "{\"op\":\"ping\",\"id\":\"1\",\"ref\":\"r\",\"x\":"
                        + "[".repeat(20) + "]".repeat(20) + "}", ErrorCode.BAD_REQUEST, null, "malformed JSON"),
                error("a JSON array", "[1,2,3]", ErrorCode.BAD_REQUEST, null, ""),
                error("unknown op", "{\"op\":\"dance\",\"ref\":\"r-op\"}", ErrorCode.BAD_REQUEST, "r-op", "dance"),
                error("unknown signalType", signal(2, "{\"signalType\":\"dance\",\"sessionID\":\"s\"}", "r-st"),
                        ErrorCode.BAD_REQUEST, "r-st", "dance"),
                error("'to' of the wrong type", "{\"op\":\"signal\",\"to\":\"bob\",\"ref\":\"r-to\",\"signal\":"
                        + HANG_UP + "}", ErrorCode.BAD_REQUEST, "r-to", "to"),
                error("callType of the wrong type", signal(2, "{\"signalType\":\"call\",\"sessionID\":\"s\","
                        + "\"callType\":\"video\",\"callerID\":1,\"opponentsIDs\":[2],\"sdp\":\"v=0\"}", "r-ct"),
                        ErrorCode.BAD_REQUEST, "r-ct", "callType"),
                error("sessionID missing", signal(2, "{\"signalType\":\"hangUp\"}", "r-sid"),
                        ErrorCode.BAD_REQUEST, "r-sid", "sessionID"),
                error("sessionID with bad characters", signal(2, "{\"signalType\":\"hangUp\",\"sessionID\":"
                        + "\"../etc\"}", "r-sid2"), ErrorCode.BAD_REQUEST, "r-sid2", "sessionID"),
                error("signal missing", "{\"op\":\"signal\",\"to\":2,\"ref\":\"r-sig\"}", ErrorCode.BAD_REQUEST,
                        "r-sig", "signal"),
                error("sdp missing in call", signal(2, "{\"signalType\":\"call\",\"sessionID\":\"s\","
                        + "\"callType\":1,\"callerID\":1,\"opponentsIDs\":[2]}", "r-sdp"), ErrorCode.BAD_REQUEST,
                        "r-sdp", "sdp"),
                error("nested userInfo", signal(2, "{\"signalType\":\"hangUp\",\"sessionID\":\"s\","
                        + "\"userInfo\":{\"a\":{\"b\":1}}}", "r-ui"), ErrorCode.BAD_REQUEST, "r-ui", "a"),
                error("unknown signal field", signal(2, "{\"signalType\":\"hangUp\",\"sessionID\":\"s\","
                        + "\"moduleIdentifier\":\"WebRTCVideoChat\"}", "r-mi"), ErrorCode.BAD_REQUEST, "r-mi",
                        "moduleIdentifier"),
                error("a recipient id beyond int", "{\"op\":\"signal\",\"to\":1e400,\"ref\":\"r-big\",\"signal\":"
                        + HANG_UP + "}", ErrorCode.BAD_REQUEST, "r-big", "to"),
                // ---- limits: too_large naming the field
                error("sdp over 48 KiB", signal(2, "{\"signalType\":\"accept\",\"sessionID\":\"s\","
                        + "\"callType\":1,\"sdp\":\"" + "x".repeat(49 * 1024) + "\"}", "r-big-sdp"),
                        ErrorCode.TOO_LARGE, "r-big-sdp", "sdp"),
                error("33 candidates", signal(2, "{\"signalType\":\"iceCandidates\",\"sessionID\":\"s\","
                        + "\"iceCandidates\":[" + String.join(",", java.util.Collections.nCopies(33,
                        "{\"candidate\":\"c\"}")) + "]}", "r-33"), ErrorCode.TOO_LARGE, "r-33", "over the limit of 32"),
                error("4 opponents", signal(2, String.format(CALL_TO_BOB_FMT, "s-4", 1, "[2,3,4,5]"), "r-4"),
                        ErrorCode.BAD_REQUEST, "r-4", "opponentsIDs"),
                // ---- who may say what: the server's own rules
                new Case("self as opponent", () -> errorFor(String.format(CALL_TO_BOB_FMT, "s-self",
                        mallory, "[" + mallory + "," + bob + "]"), bob, ErrorCode.BAD_REQUEST, "opponentsIDs")),
                new Case("signal to oneself", () -> errorFor(HANG_UP, mallory, ErrorCode.BAD_REQUEST,
                        "oneself")),
                new Case("spoofed callerID", () -> errorFor(String.format(CALL_TO_BOB_FMT, "s-spoof", carol,
                        "[" + bob + "]"), bob, ErrorCode.FORBIDDEN, "callerID " + carol)),
                new Case("hangUp into a foreign session", () -> errorFor("{\"signalType\":\"hangUp\","
                        + "\"sessionID\":\"" + FOREIGN_SESSION + "\"}", bob, ErrorCode.FORBIDDEN,
                        "not a member of session " + FOREIGN_SESSION)),
                new Case("call reusing a foreign session", () -> errorFor(String.format(CALL_TO_BOB_FMT,
                        FOREIGN_SESSION, mallory, "[" + bob + "]"), bob, ErrorCode.FORBIDDEN, "not a member")),
                new Case("accept into a foreign session", () -> errorFor("{\"signalType\":\"accept\","
                        + "\"sessionID\":\"" + FOREIGN_SESSION + "\",\"callType\":1,\"sdp\":\"v=0\"}", carol,
                        ErrorCode.FORBIDDEN, "not a member")),
                new Case("signal to an unknown user", () -> errorFor(String.format(CALL_TO_BOB_FMT, "s-99",
                        mallory, "[99999]"), 99999, ErrorCode.NOT_FOUND, "no user 99999")),
                error("'from' set by the browser", "{\"op\":\"signal\",\"from\":3,\"signal\":" + HANG_UP + "}",
                        ErrorCode.BAD_REQUEST, null, "'from' is set by the server"),
                error("a presence frame from a browser", "{\"op\":\"presence\",\"userId\":2,\"online\":true}",
                        ErrorCode.BAD_REQUEST, null, "op 'presence'"),
                new Case("a second auth", () -> {
                    try (TestSocket s = malloryConnected()) {
                        s.send(Frame.auth(malloryToken()));
                        Frame error = s.nextIgnoringPresence();
                        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(error.message()).contains("op 'auth'");
                        s.assertAliveWithNothingPending();
                    }
                }),
                new Case("a binary frame", () -> {
                    try (TestSocket s = malloryConnected()) {
                        s.raw().sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}), true).join();
                        Frame error = s.nextIgnoringPresence();
                        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(error.ref()).isNull();
                        assertThat(error.message()).contains("binary");
                        s.assertAliveWithNothingPending();
                    }
                }),
                // ---- what closes the socket
                closedAfterAuth("a 1 MiB frame", s -> s.raw().sendText("x".repeat(1024 * 1024), true), 1009,
                        "over the limit of 65536"),
                closedAfterAuth("1 MiB in 4 KiB fragments", BadInputTest::sendFragmentsUntilClosed, 1009,
                        "over the limit of 65536"),
                closedAfterAuth("a 1 MiB binary frame", s -> s.raw().sendBinary(ByteBuffer.allocate(1024 * 1024),
                        true), 1009, "over the limit"),
                closedAfterAuth("a flood of 1,000 frames in a second", BadInputTest::flood, 1008,
                        "over the frame rate"),
                closedBeforeAuth("a frame before auth", s -> s.send(Frame.ping("early")), 1008,
                        "first frame must be auth, not ping"),
                closedBeforeAuth("a binary frame before auth", s -> s.raw().sendBinary(ByteBuffer.wrap(
                        new byte[] {1}), true), 1008, "binary"),
                closedBeforeAuth("auth with a forged token", s -> s.send(Frame.auth("A".repeat(43))), 1008,
                        "auth failed"),
                closedBeforeAuth("auth with a token of the wrong type", s -> s.sendText("{\"op\":\"auth\","
                        + "\"token\":42}"), 1008, "first frame must be auth"),
                closedBeforeAuth("auth with a revoked token", s -> {
                    String token = malloryToken();
                    assertThat(http.post("/api/logout", "", token).status()).isEqualTo(204);
                    s.send(Frame.auth(token));
                }, 1008, "auth failed: unknown, expired or revoked token"),
                new Case("auth with an expired token", () -> {
                    String token = malloryToken();
                    LockSupport.parkNanos(TOKEN_LIFETIME.plusMillis(100).toNanos());
                    try (TestSocket s = new TestSocket(http.client, ws)) {
                        s.send(Frame.auth(token));
                        assertThat(s.closeCode()).isEqualTo(1008);
                        assertThat(s.closeReason.join()).contains("auth failed: unknown, expired or revoked token");
                    }
                }),
                closedBeforeAuth("no auth at all", s -> { }, 1008, "no auth frame within 700 ms"),
                new Case("sign-out closes the open socket", () -> {
                    String token = malloryToken();
                    try (TestSocket s = TestSocket.authenticated(http.client, ws, token, mallory)) {
                        assertThat(http.post("/api/logout", "", token).status()).isEqualTo(204);
                        assertThat(s.closeCode()).isEqualTo(1008);
                        assertThat(s.closeReason.join()).isEqualTo("signed out");
                    }
                }),
                // ---- the handshake
                handshake("a foreign Origin", "https://evil.example", 403),
                handshake("Origin 'null'", "null", 403),
                handshake("the server's own Origin", "http://127.0.0.1:" + server.port(), 101));
    }

    /** Mallory sends this signal to {@code to}; the error must carry the code, the ref and the message. */
    private static void errorFor(String signalJson, int to, ErrorCode code, String messagePart) {
        String ref = "r-" + UUID.randomUUID();
        try (TestSocket s = malloryConnected()) {
            s.sendText(signal(to, signalJson, ref));
            Frame error = s.nextIgnoringPresence();
            assertThat(error.op()).isEqualTo(Op.ERROR);
            assertThat(error.code()).as(error.message()).isEqualTo(code);
            assertThat(error.ref()).isEqualTo(ref);
            assertThat(error.message()).contains(messagePart);
            s.assertAliveWithNothingPending();
        }
    }

    /**
     * 1 MiB as 256 fragments of 4 KiB, paced, stopping when the server closes: the close must come long before
     * the message ends, since the server stops reading at 64 KiB instead of buffering the message.
     */
    private static void sendFragmentsUntilClosed(TestSocket s) {
        String chunk = "y".repeat(4096);
        int sent = 0;
        for (int i = 0; i < 256 && !s.closeReason.isDone(); i++) {
            try {
                s.raw().sendText(chunk, i == 255).get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sent += chunk.length();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(s.closeCode()).isEqualTo(1009);
        System.out.printf("fragmented 1 MiB: closed 1009 after %d KiB were sent%n", sent / 1024);
        assertThat(sent).as("bytes sent before the server closed").isLessThan(512 * 1024);
    }

    /** 1,000 pings as fast as they go: rate_limited errors, then close 1008. */
    private static void flood(TestSocket s) {
        for (int i = 0; i < 1000 && !s.closeReason.isDone(); i++) {
            try {
                s.raw().sendText(FrameCodec.encode(Frame.ping("flood-" + i)), true).get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Frame frame = s.nextIgnoringPresence();
        while (frame.op() == Op.PONG) {
            frame = s.nextIgnoringPresence();
        }
        assertThat(frame.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(frame.ref()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesHostileInputAndLeavesOtherCallsAlone(Case attack) {
        int before = CYCLES.get();
        attack.attack().run();
        assertBystandersUnaffected(before);
    }
}
