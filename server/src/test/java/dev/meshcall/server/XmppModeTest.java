package dev.meshcall.server;

import static dev.meshcall.server.XmppNodes.SDP;
import static dev.meshcall.server.XmppNodes.ws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes in XMPP mode sharing one real Prosody: sign-up by in-band registration, login through XMPP,
 * a call from a browser on node 1 to one on node 2, metrics, and readiness while the XMPP service is down.
 */
class XmppModeTest {
    private static Prosody prosody;
    private static XmppNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.start();
        nodes = XmppNodes.onProsody(prosody, "xmpp-mode-test: both nodes share this secret");
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, prosody);
    }

    @Test
    void signUpAndLoginGoThroughXmpp() {
        assertThat(nodes.http1.post("/api/users", "{\"login\":\"301\",\"password\":\"secret-301\"}", null).status())
                .isEqualTo(201);
        assertThat(nodes.http2.post("/api/users", "{\"login\":\"301\",\"password\":\"other-301\"}", null).body()
                .get("error").textValue()).isEqualTo("conflict");
        assertThat(nodes.http2.post("/api/users", "{\"login\":\"alice\",\"password\":\"secret-301\"}", null).status())
                .as("in XMPP mode the login is the numeric user id").isEqualTo(400);

        TestHttp.Reply wrong = nodes.http2.post("/api/login", "{\"userId\":301,\"password\":\"nope-nope\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("message").textValue()).isEqualTo("wrong login or password");
        TestHttp.Reply right = nodes.http2.post("/api/login", "{\"login\":\"301\",\"password\":\"secret-301\"}", null);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body().get("user").get("id").intValue()).isEqualTo(301);
    }

    /** Issue 12, item 6, in XMPP mode: the login is read after NFKC, and a full name may not hide characters. */
    @Test
    void namesAreCheckedAsInTheEmbeddedMode() {
        TestHttp.Reply rtl = nodes.http1.post("/api/users", "{\"login\":\"351\",\"password\":\"secret-351\","
                + "\"fullName\":\"Eve \\u202egnp.exe\"}", null);
        assertThat(rtl.status()).isEqualTo(400);
        assertThat(rtl.body().get("message").textValue())
                .startsWith("fullName may not hold the invisible format character U+202E");
        prosody.register("352-7", "secret-352");
        TestHttp.Reply fullwidth = nodes.http1.post("/api/login", "{\"login\":\"\\uff13\\uff15\\uff12\","
                + "\"password\":\"secret-352\"}", null);
        assertThat(fullwidth.status()).as(fullwidth.raw().body()).isEqualTo(200);
        assertThat(fullwidth.body().get("user").get("id").intValue()).isEqualTo(352);
    }

    @Test
    void aWrongMethodIsRefusedWithTheAllowedOnes_asInTheEmbeddedMode() {
        TestHttp.Reply login = nodes.http1.get("/api/login", null);
        assertThat(login.status()).isEqualTo(405);
        assertThat(login.body().get("error").textValue()).isEqualTo("method_not_allowed");
        assertThat(login.raw().headers().firstValue("Allow")).hasValue("POST");
        TestHttp.Reply logout = nodes.http1.get("/api/logout", null);
        assertThat(logout.status()).isEqualTo(405);
        assertThat(logout.raw().headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aCallFromNode1ReachesNode2_andTheAnswerComesBack_andMetricsCountIt() {
        try (XmppNodes.Answered call = nodes.answeredCall(311, 312)) {
            TestSocket alice = call.caller();
            String metrics = nodes.http1.get("/metrics", null).raw().body();
            assertThat(metrics).contains("meshcall_signals_relayed_total{type=\"call\"} 1.0");
            assertThat(metrics).contains("meshcall_online_users 1.0");
            assertThat(nodes.http2.get("/metrics", null).raw().body())
                    .contains("meshcall_signals_relayed_total{type=\"accept\"} 1.0");
            alice.send(Frame.ping("p"));
            assertThat(alice.nextIgnoringPresence().op()).isEqualTo(Op.PONG);
        }
    }

    /**
     * A mesh across two nodes: alice (381, node 1) calls bob (382) and carol (383, node 2); bob has two pages on node
     * 2 and one on node 1, and all three ring. Carol's mesh call (alice as caller) reaches bob; bob's answer from one
     * page reaches carol and stops his other pages, on his node and on the other; so does a reject.
     */
    @Test
    void everyPageOfAUserRingsOnEveryNode_andTheirOwnAnswerToAnyMemberStopsTheOthers() {
        for (int id = 381; id <= 383; id++) {
            prosody.register(id + "-7", "secret-" + id);
        }
        String aliceToken = nodes.http1.login("381", "secret-381");
        String bobToken = nodes.http2.login("382", "secret-382");
        String carolToken = nodes.http2.login("383", "secret-383");
        try (TestSocket alice = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), aliceToken, 381);
                TestSocket bobOnNode1 = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), bobToken, 382);
                TestSocket bobLaptop = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), bobToken, 382);
                TestSocket bobTab = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), bobToken, 382);
                TestSocket carol = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), carolToken, 383)) {
            String session = UUID.randomUUID().toString();
            Signal call = Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(381)
                    .opponentsIds(List.of(382, 383)).sdp(SDP).platform("web").build();
            alice.send(Frame.signalTo(382, call, null));
            alice.send(Frame.signalTo(383, call, null));
            for (TestSocket page : List.of(bobOnNode1, bobLaptop, bobTab, carol)) {
                assertThat(page.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(381, call));
            }
            carol.send(Frame.signalTo(382, call, null));
            for (TestSocket page : List.of(bobOnNode1, bobLaptop, bobTab)) {
                assertThat(page.nextIgnoringPresence()).as("carol's mesh call").isEqualTo(Frame.signalFrom(383, call));
            }

            Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp(SDP)
                    .platform("web").build();
            bobLaptop.send(Frame.signalTo(383, accept, null));
            assertThat(carol.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(382, accept));
            assertThat(bobTab.nextIgnoringPresence()).as("same node").isEqualTo(Frame.signalFrom(382, accept));
            assertThat(bobOnNode1.nextIgnoringPresence()).as("other node").isEqualTo(Frame.signalFrom(382, accept));

            Signal reject = Signal.builder(SignalType.REJECT, session).platform("web").build();
            bobOnNode1.send(Frame.signalTo(381, reject, null));
            assertThat(alice.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(382, reject));
            assertThat(bobLaptop.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(382, reject));
            assertThat(bobTab.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(382, reject));

            for (TestSocket page : List.of(alice, bobOnNode1, bobLaptop, bobTab, carol)) {
                page.assertAliveWithNothingPending();
            }
        }
    }

    @Test
    void failedXmppLoginsAreThrottledLikeEmbeddedOnes() {
        prosody.register("321-7", "secret-321");
        for (int i = 0; i < 5; i++) {
            assertThat(nodes.http1.post("/api/login", "{\"userId\":321,\"password\":\"wrong-" + i + "\"}", null)
                    .status()).isEqualTo(401);
        }

        TestHttp.Reply throttled = nodes.http1.post("/api/login", "{\"userId\":321,\"password\":\"secret-321\"}", null);

        assertThat(throttled.status()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.body().get("error").textValue()).isEqualTo("rate_limited");
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void notReadyWhileTheXmppServiceIsDown_andPingsSaySo() throws Exception {
        assertThat(nodes.http1.get("/health/live", null).status()).isEqualTo(200);
        assertThat(nodes.http1.get("/health/ready", null).status()).isEqualTo(200);
        prosody.register("331-7", "secret-331");
        String token = nodes.http1.login("331", "secret-331");
        try (TestSocket carol = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), token, 331)) {
            prosody.stop();
            try {
                TestHttp.Reply down = nodes.http1.get("/health/ready", null);
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.body().get("reason").textValue()).contains("unreachable");
                assertThat(nodes.http1.get("/health/live", null).status()).isEqualTo(200);

                carol.send(Frame.ping("while-down"));
                Frame answer = carol.nextIgnoringPresence();
                assertThat(answer.op()).isEqualTo(Op.ERROR);
                assertThat(answer.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(answer.ref()).isEqualTo("while-down");

                TestSocket elsewhere = new TestSocket(nodes.http2.client, ws(nodes.node2));
                elsewhere.send(Frame.auth(token));
                assertThat(elsewhere.closeCode()).as("node 2 cannot log the user in now: try again later")
                        .isEqualTo(1013);
            } finally {
                prosody.startAgain();
            }
        }
        Poll.until("ready again", Duration.ofSeconds(15),
                () -> nodes.http1.get("/health/ready", null).status() == 200);
    }

    @Test
    void aTokenFromNode1OpensASocketOnNode2_andSigningOutOnNode2ClosesItsSocketsOnEveryNode() {
        prosody.register("341-7", "secret-341");
        String token = nodes.http1.login("341", "secret-341");
        try (TestSocket onNode1 = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), token, 341);
                TestSocket onNode2 = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), token, 341)) {
            onNode2.send(Frame.ping("p2"));
            assertThat(onNode2.nextIgnoringPresence()).as("node 2 logged user 341 in to XMPP from the token")
                    .isEqualTo(Frame.pong("p2"));

            assertThat(nodes.http2.post("/api/logout", "", token).status()).isEqualTo(204);

            assertThat(onNode2.closeCode()).isEqualTo(1008);
            assertThat(onNode2.closeReason.join()).isEqualTo("signed out");
            Poll.until("node 1 refuses the token revoked on node 2", Duration.ofSeconds(10), () -> {
                TestSocket again = new TestSocket(nodes.http1.client, ws(nodes.node1));
                again.send(Frame.auth(token));
                return again.readyOrCloseCode() == 1008;
            });
            assertThat(onNode1.closeCode()).as("node 2 told node 1 over the user's own XMPP connections")
                    .isEqualTo(1008);
            assertThat(onNode1.closeReason.join()).isEqualTo("signed out");
        }
        assertThat(nodes.http1.get("/api/users", token).status()).as("revoked on node 1 now too").isEqualTo(401);
    }

    @Test
    void aTokenSealedWithAnotherSecretIsRefused() throws Exception {
        prosody.register("351-7", "secret-351");
        XmppSettings other = prosody.settings("7").withTokenSecret("another deployment's secret, 32+ chars");
        try (MeshCallServer stranger = new MeshCallServer(ServerConfig.forTest(
                Files.createTempDirectory("meshcall-xmpp-3-")), other).start()) {
            String token = new TestHttp(stranger.baseUri()).login("351", "secret-351");
            TestSocket socket = new TestSocket(nodes.http1.client, ws(nodes.node1));
            socket.send(Frame.auth(token));

            assertThat(socket.closeCode()).isEqualTo(1008);
            assertThat(socket.closeReason.join()).contains("unknown, expired or revoked token");
        }
    }

    @Test
    void aUserOnNode2ShowsOnlineOnNode1BeforeAnySignal_andOfflineWhenTheirPageCloses() {
        prosody.register("361-7", "secret-361");
        prosody.register("362-7", "secret-362");
        String onNode1 = nodes.http1.login("361", "secret-361");
        String onNode2 = nodes.http2.login("362", "secret-362");
        try (TestSocket watcher = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), onNode1, 361)) {
            TestSocket other = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), onNode2, 362);

            assertThat(watcher.nextPresenceOf(362)).as("told by the node directory").isEqualTo(Frame.presence(362,
                    true));
            assertThat(listedOnline(nodes.http1, onNode1, 362)).isTrue();

            other.close();
            assertThat(watcher.nextPresenceOf(362)).isEqualTo(Frame.presence(362, false));
            assertThat(listedOnline(nodes.http1, onNode1, 362)).isFalse();
        }
    }

    @Test
    void theNameGivenAtSignUpOnNode1IsShownByNode2_fromTheUsersVCard() {
        assertThat(nodes.http1.post("/api/users", "{\"login\":\"371\",\"password\":\"secret-371\","
                + "\"fullName\":\"Zoë Zed\"}", null).status()).isEqualTo(201);
        prosody.register("372-7", "secret-372");

        TestHttp.Reply self = nodes.http2.post("/api/login", "{\"userId\":371,\"password\":\"secret-371\"}", null);
        assertThat(self.body().get("user").get("fullName").textValue()).as("node 2 read 371's own vCard")
                .isEqualTo("Zoë Zed");
        String zoe = self.body().get("token").textValue();
        String watcher = nodes.http1.login("372", "secret-372");
        try (TestSocket other = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), watcher, 372);
                TestSocket page = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), zoe, 371)) {
            other.nextPresenceOf(371);
            assertThat(nameListed(nodes.http1, watcher, 371)).isEqualTo("Zoë Zed");
            assertThat(nameListed(nodes.http1, watcher, 372)).as("no vCard: the default").isEqualTo("User 372");
        }
    }

    private static String nameListed(TestHttp http, String token, int userId) {
        for (var user : http.get("/api/users", token).body().get("users")) {
            if (user.get("id").intValue() == userId) {
                return user.get("fullName").textValue();
            }
        }
        throw new AssertionError("user " + userId + " not listed");
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
