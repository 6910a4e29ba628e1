package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.SessionLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session floods on the embedded relay (issue 12, item 2): a user sending {@code call}s with fresh session ids grew
 * the session table by thousands a minute, each held for two hours. Now a call to someone offline registers
 * nothing, a user's unanswered calls are capped and forgotten soon after the answer timeout, and the node holds only
 * so many sessions. Meanwhile a normal user is served promptly.
 */
class SessionFloodTest {
    private static final String ACTIVE = "meshcall_sessions_active";

    @TempDir
    Path dataDir;

    private MeshCallServer start(SessionLimits limits) throws Exception {
        return new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withSessionLimits(limits))).start();
    }

    static Signal freshCall(int caller, int callee) {
        return Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                .callerId(caller).opponentsIds(List.of(callee)).sdp("v=0 offer").platform("web").build();
    }

    /** The next frame that is not a presence event, expected to be an error of {@code code}. */
    static Frame nextError(TestSocket socket, ErrorCode code) {
        Frame frame = socket.nextIgnoringPresence();
        assertThat(frame.op()).as("%s", frame).isEqualTo(Op.ERROR);
        assertThat(frame.code()).as("%s", frame).isEqualTo(code);
        return frame;
    }

    @Test
    void callsToAnOfflineUserRegisterNoSession() throws Exception {
        try (MeshCallServer server = start(SessionLimits.defaults())) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int bob = http.signUp("bob", "bob-password");
            NormalUser normal = new NormalUser(server, "normal", "normal-password");
            try (TestSocket attacker = TestSocket.signedIn(http, server, "mallory", mallory)) {
                for (int i = 0; i < 150; i++) {
                    attacker.send(Frame.signalTo(bob, freshCall(mallory, bob), "c" + i));
                }
                normal.assertServedPromptly("a flood of calls to an offline user");
                for (int i = 0; i < 150; i++) {
                    Frame error = nextError(attacker, ErrorCode.UNAVAILABLE);
                    assertThat(error.message()).isEqualTo("user " + bob + " is offline");
                }

                assertThat(MetricsText.value(http, ACTIVE)).as("sessions after 150 calls to nobody").isZero();
                attacker.assertAliveWithNothingPending();
            }
        }
    }

    @Test
    void aUsersUnansweredCallsAreCapped_andForgottenSoonAfterTheAnswerTimeout() throws Exception {
        SessionLimits limits = SessionLimits.defaults().withAnswerTimeout(Duration.ofSeconds(1))
                .withAnswerGrace(Duration.ZERO).withMaxSessionsPerUser(5);
        try (MeshCallServer server = start(limits)) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int bob = http.signUp("bob", "bob-password");
            NormalUser normal = new NormalUser(server, "normal", "normal-password");
            try (TestSocket attacker = TestSocket.signedIn(http, server, "mallory", mallory);
                    TestSocket victim = TestSocket.signedIn(http, server, "bob", bob)) {
                for (int i = 0; i < 30; i++) {
                    attacker.send(Frame.signalTo(bob, freshCall(mallory, bob), "c" + i));
                }
                normal.assertServedPromptly("a flood of calls nobody answers");
                for (int i = 0; i < 25; i++) {
                    Frame error = nextError(attacker, ErrorCode.UNAVAILABLE);
                    assertThat(error.message()).isEqualTo("user " + mallory + " has 5 call sessions open, the"
                            + " limit (--max-sessions-per-user 5); hang up one first");
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(victim.nextIgnoringPresence().signal().signalType()).isEqualTo(SignalType.CALL);
                }
                victim.assertAliveWithNothingPending();
                assertThat(MetricsText.value(http, ACTIVE)).isEqualTo(5);

                Poll.until("the unanswered sessions forgotten after the answer timeout", Duration.ofSeconds(5),
                        () -> MetricsText.value(http, ACTIVE) == 0);
                attacker.send(Frame.signalTo(bob, freshCall(mallory, bob), "again"));
                assertThat(victim.nextIgnoringPresence().signal().signalType()).as("room again")
                        .isEqualTo(SignalType.CALL);
            }
        }
    }

    @Test
    void theNodeHoldsOnlySoManySessionsInAll() throws Exception {
        try (MeshCallServer server = start(SessionLimits.defaults().withMaxSessions(4))) {
            TestHttp http = new TestHttp(server.baseUri());
            int mallory = http.signUp("mallory", "mallory-password");
            int trudy = http.signUp("trudy", "trudy-password");
            int bob = http.signUp("bob", "bob-password");
            try (TestSocket first = TestSocket.signedIn(http, server, "mallory", mallory);
                    TestSocket second = TestSocket.signedIn(http, server, "trudy", trudy);
                    TestSocket victim = TestSocket.signedIn(http, server, "bob", bob)) {
                for (int i = 0; i < 4; i++) {
                    first.send(Frame.signalTo(bob, freshCall(mallory, bob), "c" + i));
                    assertThat(victim.nextIgnoringPresence().signal().signalType()).isEqualTo(SignalType.CALL);
                }
                second.send(Frame.signalTo(bob, freshCall(trudy, bob), "t"));

                Frame error = nextError(second, ErrorCode.UNAVAILABLE);
                assertThat(error.message()).isEqualTo("the server holds 4 call sessions, its limit"
                        + " (--max-sessions 4); try again later");
                assertThat(error.ref()).isEqualTo("t");
            }
        }
    }
}
