package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.EjabberdCluster;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes in XMPP mode over a real two-member ejabberd cluster (docs/xmpp.md, "An ejabberd cluster"):
 * node 1 on member a, node 2 on member b. Sign-up, names, a call, who is online and a sign-out all cross the
 * cluster.
 */
class XmppClusterModeTest {
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static EjabberdCluster cluster;
    private static MeshCallServer node1;
    private static MeshCallServer node2;
    private static TestHttp http1;
    private static TestHttp http2;

    @BeforeAll
    static void start() throws Exception {
        cluster = EjabberdCluster.start(2);
        String secret = "xmpp-cluster-mode-test: both nodes share this secret";
        XmppSettings onA = cluster.member(0).settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret(secret);
        XmppSettings onB = cluster.member(1).settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret(secret);
        node1 = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-ejabberd-1-")), onA)
                .start();
        node2 = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-ejabberd-2-")), onB)
                .start();
        http1 = new TestHttp(node1.baseUri());
        http2 = new TestHttp(node2.baseUri());
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(node1, node2, cluster);
    }

    @Test
    void signUpOnNode1_loginAndNameOnNode2() {
        assertThat(http1.post("/api/users", "{\"login\":\"401\",\"password\":\"secret-401\",\"fullName\":\"Zoë Zed\"}",
                null).status()).as("in-band registration through member a").isEqualTo(201);
        assertThat(http2.post("/api/users", "{\"login\":\"401\",\"password\":\"other-401\"}", null).body()
                .get("error").textValue()).as("member b sees the account").isEqualTo("conflict");

        TestHttp.Reply wrong = http2.post("/api/login", "{\"userId\":401,\"password\":\"nope-nope\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        TestHttp.Reply right = http2.post("/api/login", "{\"userId\":401,\"password\":\"secret-401\"}", null);
        assertThat(right.status()).as(right.raw().body()).isEqualTo(200);
        assertThat(right.body().get("user").get("fullName").textValue()).as("the vCard written through member a")
                .isEqualTo("Zoë Zed");
    }

    @Test
    void aCallFromNode1ReachesNode2_andTheAnswerComesBack() {
        cluster.register("411-7", "secret-411");
        cluster.register("412-7", "secret-412");
        String aliceToken = http1.login("411", "secret-411");
        String bobToken = http2.login("412", "secret-412");
        try (TestSocket alice = TestSocket.authenticated(http1.client, ws(node1), aliceToken, 411);
                TestSocket bob = TestSocket.authenticated(http2.client, ws(node2), bobToken, 412)) {
            String session = UUID.randomUUID().toString();
            Signal call = Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(411)
                    .opponentsIds(List.of(412)).sdp(SDP).platform("web").build();
            alice.send(Frame.signalTo(412, call, "c1"));
            assertThat(bob.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(411, call));

            Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp(SDP)
                    .platform("web").build();
            bob.send(Frame.signalTo(411, accept, "a1"));
            assertThat(alice.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(412, accept));

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
        String onNode1 = http1.login("421", "secret-421");
        String onNode2 = http2.login("422", "secret-422");
        try (TestSocket watcher = TestSocket.authenticated(http1.client, ws(node1), onNode1, 421)) {
            TestSocket other = TestSocket.authenticated(http2.client, ws(node2), onNode2, 422);

            assertThat(watcher.nextPresenceOf(422)).as("told by the node directory on member b")
                    .isEqualTo(Frame.presence(422, true));
            assertThat(listedOnline(http1, onNode1, 422)).isTrue();

            other.close();
            assertThat(watcher.nextPresenceOf(422)).isEqualTo(Frame.presence(422, false));
            assertThat(listedOnline(http1, onNode1, 422)).isFalse();
        }
    }

    @Test
    void signingOutOnNode2ClosesTheUsersSocketsOnNode1() {
        cluster.register("431-7", "secret-431");
        String token = http1.login("431", "secret-431");
        try (TestSocket onNode1 = TestSocket.authenticated(http1.client, ws(node1), token, 431);
                TestSocket onNode2 = TestSocket.authenticated(http2.client, ws(node2), token, 431)) {
            onNode2.send(Frame.ping("p2"));
            assertThat(onNode2.nextIgnoringPresence()).isEqualTo(Frame.pong("p2"));

            assertThat(http2.post("/api/logout", "", token).status()).isEqualTo(204);

            assertThat(onNode2.closeCode()).isEqualTo(1008);
            assertThat(onNode1.closeCode()).as("node 2 told node 1 over the user's own connections, across members")
                    .isEqualTo(1008);
            assertThat(onNode1.closeReason.join()).isEqualTo("signed out");
            TestSocket again = new TestSocket(http1.client, ws(node1));
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
        String watcherToken = http1.login("441", "secret-441");
        String token = http2.login("442", "secret-442");
        try (TestSocket watcher = TestSocket.authenticated(http1.client, ws(node1), watcherToken, 441)) {
            TestSocket onNode2 = TestSocket.authenticated(http2.client, ws(node2), token, 442);
            assertThat(watcher.nextPresenceOf(442)).isEqualTo(Frame.presence(442, true));
            TestSocket onNode1 = TestSocket.authenticated(http1.client, ws(node1), token, 442);
            onNode1.send(Frame.ping("p"));
            assertThat(onNode1.nextIgnoringPresence()).isEqualTo(Frame.pong("p"));

            assertThat(http1.post("/api/logout", "", token).status()).isEqualTo(204);
            assertThat(onNode2.closeCode()).isEqualTo(1008);

            assertThat(watcher.nextPresenceOf(442)).as("442 left both nodes").isEqualTo(Frame.presence(442, false));
            assertThat(listedOnline(http1, watcherToken, 442)).isFalse();
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

    private static URI ws(MeshCallServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }
}
