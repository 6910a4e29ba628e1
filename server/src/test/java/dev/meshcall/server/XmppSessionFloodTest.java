package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.SessionLimits;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session floods over XMPP (issue 12, item 2), two nodes sharing one real Prosody: a user's unanswered calls to a
 * user on the other node are capped on the sender's node, each node holds only the sessions that passed it, and both
 * forget them soon after the answer timeout. (The XMPP service drops a headline to an offline user without a word,
 * so in this mode a session is registered once the service took its call.) A normal user is served promptly.
 */
class XmppSessionFloodTest {
    private static final String ACTIVE = "meshcall_sessions_active";
    private static Prosody prosody;
    private static MeshCallServer node1;
    private static MeshCallServer node2;

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.start();
        XmppSettings settings = prosody.settings("9").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret("xmpp-session-flood-test: both nodes share this secret");
        SecurityConfig security = SecurityConfig.defaults().withSessionLimits(SessionLimits.defaults()
                .withAnswerTimeout(Duration.ofSeconds(1)).withAnswerGrace(Duration.ZERO).withMaxSessionsPerUser(5));
        node1 = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-xmpp-flood-1-"))
                .withSecurity(security), settings).start();
        node2 = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-xmpp-flood-2-"))
                .withSecurity(security), settings).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {node1, node2, prosody}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    void unansweredCallsAreCappedOnTheSendersNode_andForgottenOnBothSoonAfterTheAnswerTimeout() {
        TestHttp http1 = new TestHttp(node1.baseUri());
        TestHttp http2 = new TestHttp(node2.baseUri());
        prosody.register("511-9", "secret-511");
        prosody.register("512-9", "secret-512");
        NormalUser normal = new NormalUser(node1, "513", "secret-513");
        try (TestSocket mallory = TestSocket.authenticated(http1.client, node1.webSocketUri(),
                http1.login("511", "secret-511"), 511);
                TestSocket bob = TestSocket.authenticated(http2.client, node2.webSocketUri(),
                        http2.login("512", "secret-512"), 512)) {
            for (int i = 0; i < 30; i++) {
                mallory.send(Frame.signalTo(512, SessionFloodTest.freshCall(511, 512), "c" + i));
            }
            normal.assertServedPromptly("a flood of calls over XMPP that nobody answers");
            for (int i = 0; i < 25; i++) {
                Frame error = SessionFloodTest.nextError(mallory, ErrorCode.UNAVAILABLE);
                assertThat(error.message()).contains("(--max-sessions-per-user 5)");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(bob.nextIgnoringPresence().signal().signalType()).isEqualTo(SignalType.CALL);
            }
            bob.assertAliveWithNothingPending();
            assertThat(MetricsText.value(http1, ACTIVE)).as("node 1").isEqualTo(5);
            assertThat(MetricsText.value(http2, ACTIVE)).as("node 2").isEqualTo(5);

            Poll.until("both nodes forget the unanswered sessions", Duration.ofSeconds(5),
                    () -> MetricsText.value(http1, ACTIVE) == 0 && MetricsText.value(http2, ACTIVE) == 0);
        }
    }
}
