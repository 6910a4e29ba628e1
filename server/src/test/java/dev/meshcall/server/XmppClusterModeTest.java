package dev.meshcall.server;

import static dev.meshcall.server.XmppNodes.ws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.EjabberdCluster;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes in XMPP mode over a real two-member ejabberd cluster (docs/xmpp.md, "An ejabberd cluster"):
 * node 1 on member a, node 2 on member b. Sign-up, names, a call, who is online and a sign-out all cross the
 * cluster.
 */
class XmppClusterModeTest {
    private static EjabberdCluster cluster;
    private static XmppNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        cluster = EjabberdCluster.start(2);
        String secret = "xmpp-cluster-mode-test: both nodes share this secret";
        XmppSettings onA = cluster.member(0).settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret(secret);
        XmppSettings onB = cluster.member(1).settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret(secret);
        nodes = XmppNodes.start(cluster, onA, onB);
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, cluster);
    }

    @Test
    void signUpOnNode1_loginAndNameOnNode2() {
        assertThat(nodes.http1.post("/api/users",
                "{\"login\":\"401\",\"password\":\"secret-401\",\"fullName\":\"Zoë Zed\"}", null).status())
                .as("in-band registration through member a").isEqualTo(201);
        assertThat(nodes.http2.post("/api/users", "{\"login\":\"401\",\"password\":\"other-401\"}", null).body()
                .get("error").textValue()).as("member b sees the account").isEqualTo("conflict");

        TestHttp.Reply wrong = nodes.http2.post("/api/login", "{\"userId\":401,\"password\":\"nope-nope\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        TestHttp.Reply right = nodes.http2.post("/api/login", "{\"userId\":401,\"password\":\"secret-401\"}", null);
        assertThat(right.status()).as(right.raw().body()).isEqualTo(200);
        assertThat(right.body().get("user").get("fullName").textValue()).as("the vCard written through member a")
                .isEqualTo("Zoë Zed");
    }

    @Test
    void aCallFromNode1ReachesNode2_andTheAnswerComesBack() {
        try (XmppNodes.Answered call = nodes.answeredCall(411, 412)) {
            TestSocket alice = call.caller();
            TestSocket bob = call.callee();
            String session = call.session();
            Signal hangUp = Signal.builder(SignalType.HANG_UP, session).callerId(411).opponentsIds(List.of(412))
                    .build();
            alice.send(Frame.signalTo(412, hangUp, "h1"));
            assertThat(bob.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(411, hangUp));
        }
    }

    @Test
    void aUserOnNode2ShowsOnlineOnNode1BeforeAnySignal_andOfflineWhenTheirPageCloses() {
        cluster.register("421-7", "secret-421");
        cluster.register("422-7", "secret-422");
        String onNode1 = nodes.http1.login("421", "secret-421");
        String onNode2 = nodes.http2.login("422", "secret-422");
        try (TestSocket watcher = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), onNode1, 421)) {
            TestSocket other = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), onNode2, 422);

            assertThat(watcher.nextPresenceOf(422)).as("told by the node directory on member b")
                    .isEqualTo(Frame.presence(422, true));
            assertThat(listedOnline(nodes.http1, onNode1, 422)).isTrue();

            other.close();
            assertThat(watcher.nextPresenceOf(422)).isEqualTo(Frame.presence(422, false));
            assertThat(listedOnline(nodes.http1, onNode1, 422)).isFalse();
        }
    }

    @Test
    void signingOutOnNode2ClosesTheUsersSocketsOnNode1() {
        cluster.register("431-7", "secret-431");
        String token = nodes.http1.login("431", "secret-431");
        try (TestSocket onNode1 = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), token, 431);
                TestSocket onNode2 = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), token, 431)) {
            onNode2.send(Frame.ping("p2"));
            assertThat(onNode2.nextIgnoringPresence()).isEqualTo(Frame.pong("p2"));

            assertThat(nodes.http2.post("/api/logout", "", token).status()).isEqualTo(204);

            assertThat(onNode2.closeCode()).isEqualTo(1008);
            assertThat(onNode1.closeCode()).as("node 2 told node 1 over the user's own connections, across members")
                    .isEqualTo(1008);
            assertThat(onNode1.closeReason.join()).isEqualTo("signed out");
            TestSocket again = new TestSocket(nodes.http1.client, ws(nodes.node1));
            again.send(Frame.auth(token));
            assertThat(again.readyOrCloseCode()).as("node 1 reads the sign-out from the account (mod_private)")
                    .isEqualTo(1008);
        }
    }

    /**
     * The user's socket on node 1 closes first (signed out there), so node 1's XMPP session of the user is unavailable
     * when the one on node 2 leaves: the service tells it nothing of that (RFC 6121, 4.5.2), and what it heard of the
     * node 2 device before must not keep the user online on node 1.
     */
    @Test
    void aUserSignedOutOnNode1WithPagesOnBothNodes_showsOfflineOnNode1() {
        cluster.register("441-7", "secret-441");
        cluster.register("442-7", "secret-442");
        String watcherToken = nodes.http1.login("441", "secret-441");
        String token = nodes.http2.login("442", "secret-442");
        try (TestSocket watcher = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), watcherToken, 441)) {
            TestSocket onNode2 = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), token, 442);
            assertThat(watcher.nextPresenceOf(442)).isEqualTo(Frame.presence(442, true));
            TestSocket onNode1 = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), token, 442);
            onNode1.send(Frame.ping("p"));
            assertThat(onNode1.nextIgnoringPresence()).isEqualTo(Frame.pong("p"));

            assertThat(nodes.http1.post("/api/logout", "", token).status()).isEqualTo(204);
            assertThat(onNode2.closeCode()).isEqualTo(1008);

            assertThat(watcher.nextPresenceOf(442)).as("442 left both nodes").isEqualTo(Frame.presence(442, false));
            assertThat(listedOnline(nodes.http1, watcherToken, 442)).isFalse();
        }
    }

    private static boolean listedOnline(TestHttp http, String token, int userId) {
        for (var user : http.get("/api/users", token).body().get("users")) {
            if (user.get("id").intValue() == userId) {
                return user.get("online").booleanValue();
            }
        }
        return false;
    }

}
