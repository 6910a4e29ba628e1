package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.ws.TrafficBudgets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods aimed at one user (issue 12, item 3): one socket re-dialling a call with a 47 KiB offer, within the
 * per-socket frame rate, pushed megabytes a second at bob, and bob's socket was closed as too slow within seconds.
 * Now what may be aimed at one user is budgeted (bytes and new sessions a second, per recipient and per sender and
 * recipient), the excess is refused to the sender with {@code rate_limited} naming the budget, and bob, who reads
 * nothing while it lasts, is never disconnected. A normal user is served promptly meanwhile.
 */
class TargetedFloodTest {
    private static final String BIG_SDP = "v=0 " + "a".repeat(47 * 1024);

    @TempDir
    Path dataDir;

    private MeshCallServer start(TrafficBudgets budgets) throws Exception {
        return new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withTrafficBudgets(budgets))).start();
    }

    private static Signal call(String session, int caller, int callee, String sdp) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(callee)).sdp(sdp).platform("web").build();
    }

    /**
     * Pings, and reads the answers to the frames sent before it up to the pong: each must be {@code rate_limited}
     * naming {@code budget}. Returns how many there were.
     */
    private static int rateLimitedBeforePong(TestSocket sender, String budget) {
        sender.send(Frame.ping("count"));
        int limited = 0;
        Frame frame = sender.nextIgnoringPresence();
        while (frame.op() != Op.PONG) {
            assertThat(frame.op()).as("%s", frame).isEqualTo(Op.ERROR);
            assertThat(frame.code()).as("%s", frame).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(frame.message()).as("%s", frame).contains(budget);
            limited++;
            frame = sender.nextIgnoringPresence();
        }
        return limited;
    }

    /** Pings, and counts the signals that arrive before the pong. */
    private static int signalsBeforePong(TestSocket socket) {
        socket.send(Frame.ping("count"));
        int signals = 0;
        Frame frame = socket.nextIgnoringPresence();
        while (frame.op() != Op.PONG) {
            assertThat(frame.op()).as("%s", frame).isEqualTo(Op.SIGNAL);
            signals++;
            frame = socket.nextIgnoringPresence();
        }
        return signals;
    }

    /** After the flood the stalled reader reads what waited, and its socket still answers a ping. */
    private static int callsWaitingThenPong(RawClient reader) throws Exception {
        reader.sendText(FrameCodec.encode(Frame.ping("after")));
        int calls = 0;
        for (int i = 0; i < 1_000; i++) {
            Frame frame = FrameCodec.decode(reader.readText());
            if (frame.op() == Op.PONG) {
                return calls;
            }
            if (frame.op() == Op.SIGNAL) {
                calls++;
            }
        }
        throw new AssertionError("no pong after 1000 frames");
    }

    @Test
    void aSenderMayPushOnlyItsBudgetAtOneUser_andTheStalledRecipientStaysConnected() throws Exception {
        try (MeshCallServer server = start(TrafficBudgets.defaults())) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int bob = http.signUp("bob", "bob-password");
            NormalUser normal = new NormalUser(server, "normal", "normal-password");
            try (TestSocket attacker = TestSocket.signedIn(http, server, "mallory", mallory);
                    RawClient stalled = new RawClient(server.port(), 4096)) {
                stalled.sendText(FrameCodec.encode(Frame.auth(http.login("bob", "bob-password"))));
                assertThat(stalled.readText()).contains("\"ready\"");
                Signal redial = call(UUID.randomUUID().toString(), mallory, bob, BIG_SDP);
                int frames = 150;
                for (int i = 0; i < frames; i++) {
                    attacker.send(Frame.signalTo(bob, redial, "r" + i));
                }
                normal.assertServedPromptly("a flood of 47 KiB calls at one user");
                int delivered = frames - rateLimitedBeforePong(attacker, "(--pair-bytes-per-second)");
                assertThat(delivered).as("calls within the pair's 4 s burst of 64 KiB/s").isBetween(4, 10);

                assertThat(server.connections().slowConsumersClosed()).as("sockets closed as too slow").isZero();
                assertThat(callsWaitingThenPong(stalled)).as("calls that reached bob").isEqualTo(delivered);
            }
        }
    }

    @Test
    void newCallsFromOneSenderToOneUserAreBudgeted() throws Exception {
        try (MeshCallServer server = start(TrafficBudgets.defaults())) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int bob = http.signUp("bob", "bob-password");
            try (TestSocket attacker = TestSocket.signedIn(http, server, "mallory", mallory);
                    TestSocket victim = TestSocket.signedIn(http, server, "bob", bob)) {
                for (int i = 0; i < 30; i++) {
                    attacker.send(Frame.signalTo(bob, call(UUID.randomUUID().toString(), mallory, bob, "v=0"),
                            "c" + i));
                }
                int burst = TrafficBudgets.DEFAULT_PAIR_SESSIONS_PER_SECOND * TrafficBudgets.BURST_SECONDS;
                int limited = rateLimitedBeforePong(attacker, "(--pair-sessions-per-second)");
                assertThat(30 - limited).as("calls past the pair's burst of new sessions").isBetween(burst, burst + 2);
                assertThat(signalsBeforePong(victim)).as("calls that rang bob").isEqualTo(30 - limited);
            }
        }
    }

    @Test
    void everyoneTogetherMayPushOnlyTheRecipientsBudgetAtOneUser() throws Exception {
        TrafficBudgets budgets = TrafficBudgets.defaults().withPairBytesPerSecond(1 << 20)
                .withRecipientBytesPerSecond(32 * 1024);
        try (MeshCallServer server = start(budgets)) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int trudy = http.signUp("trudy", "trudy-password");
            int bob = http.signUp("bob", "bob-password");
            try (TestSocket first = TestSocket.signedIn(http, server, "mallory", mallory);
                    TestSocket second = TestSocket.signedIn(http, server, "trudy", trudy);
                    TestSocket victim = TestSocket.signedIn(http, server, "bob", bob)) {
                Signal fromMallory = call(UUID.randomUUID().toString(), mallory, bob, BIG_SDP);
                Signal fromTrudy = call(UUID.randomUUID().toString(), trudy, bob, BIG_SDP);
                for (int i = 0; i < 10; i++) {
                    first.send(Frame.signalTo(bob, fromMallory, "m" + i));
                    second.send(Frame.signalTo(bob, fromTrudy, "t" + i));
                }
                int limited = rateLimitedBeforePong(first, "(--recipient-bytes-per-second)")
                        + rateLimitedBeforePong(second, "(--recipient-bytes-per-second)");
                assertThat(20 - limited).as("48 KiB calls within bob's 128 KiB burst").isBetween(2, 3);
                assertThat(signalsBeforePong(victim)).as("calls that reached bob").isEqualTo(20 - limited);
            }
        }
    }
}
