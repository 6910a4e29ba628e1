package dev.meshcall.server;

import static dev.meshcall.server.TestHttp.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.ws.TrafficBudgets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/calls/reject} on the embedded relay: a callee whose page has no session object for a ringing call
 * declines it, and the caller's socket gets the very {@code reject} the callee's own client would have sent; the
 * callee's pages get their copy. Every refusal leaves the caller's socket without a frame: 400 naming the field, 401
 * without a valid token, 403 for a session that is not the user's to decline or a recipient outside it, 503 for an
 * offline caller, 429 once the pair's signaling budget, shared with the sockets, is spent.
 */
class CallRejectApiTest {
    private static final String PATH = "/api/calls/reject";

    @TempDir
    static Path dataDir;
    private static MeshCallServer server;
    private static TestHttp http;
    private static User alice;
    private static User bob;
    private static User carol;
    private static User dave;

    /** A signed-up user of {@code server} and a token of theirs. */
    private record User(int id, String token, TestHttp http, MeshCallServer server) {
        static User signUp(TestHttp http, MeshCallServer server, String login) {
            int id = http.signUp(login, login + "-password");
            return new User(id, http.login(login, login + "-password"), http, server);
        }

        /** A page of theirs: a socket past {@code ready}. */
        TestSocket page() {
            return TestSocket.authenticated(http.client, server.webSocketUri(), token, id);
        }

        /** Their {@code POST /api/calls/reject}. */
        TestHttp.Reply reject(String json) {
            return http.post(PATH, json, token);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(SecurityConfig.forTest()
                .withWsConnectsPerSecond(1000).withTrafficBudgets(HarnessBudgets.GENEROUS))).start();
        http = new TestHttp(server.baseUri());
        alice = User.signUp(http, server, "alice");
        bob = User.signUp(http, server, "bob");
        carol = User.signUp(http, server, "carol");
        dave = User.signUp(http, server, "dave");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends {@code call} from the caller's page to each callee's page, which rings. */
    private static Signal ring(TestSocket callerPage, Signal call, TestSocket... calleePages) {
        for (int i = 0; i < calleePages.length; i++) {
            callerPage.send(Frame.signalTo(call.opponentsIds().get(i), call, null));
            assertThat(calleePages[i].nextIgnoringPresence()).isEqualTo(Frame.signalFrom(call.callerId(), call));
        }
        return call;
    }

    /** The caller gives up ringing: the callees' pages stop, and the session stops counting against their limits. */
    private static void hangUp(TestSocket callerPage, Signal call, TestSocket... calleePages) {
        Signal hangUp = Signal.builder(SignalType.HANG_UP, call.sessionId()).build();
        for (int i = 0; i < calleePages.length; i++) {
            callerPage.send(Frame.signalTo(call.opponentsIds().get(i), hangUp, null));
            assertThat(calleePages[i].nextIgnoringPresence()).isEqualTo(Frame.signalFrom(call.callerId(), hangUp));
        }
    }

    private static Signal call(CallType type, User caller, User... callees) {
        return Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(type).callerId(caller.id())
                .opponentsIds(Stream.of(callees).map(User::id).toList()).sdp("v=0 offer").platform("web").build();
    }

    /** The {@code reject} a callee's own client sends in {@code call}'s session (the client's CallSession). */
    private static Signal rejectOf(Signal call, String platform) {
        return Signal.builder(SignalType.REJECT, call.sessionId()).callType(call.callType())
                .callerId(call.callerId()).opponentsIds(call.opponentsIds()).platform(platform).build();
    }

    private static String body(String session, User recipient) {
        return "{\"sessionID\":\"" + session + "\",\"recipientId\":" + recipient.id() + ",\"platform\":\"web\"}";
    }


    @Test
    void aCalleeDeclinesWithoutASessionObject_andTheCallerGetsTheRejectOfItsOwnClient() {
        try (TestSocket alicePage = alice.page(); TestSocket bobTab = bob.page()) {
            Signal call = ring(alicePage, call(CallType.AUDIO, alice, bob), bobTab);

            TestHttp.Reply reply = bob.reject(body(call.sessionId(), alice));

            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(204);
            assertThat(reply.raw().body()).isEmpty();
            Frame reject = Frame.signalFrom(bob.id(), rejectOf(call, "web"));
            assertThat(alicePage.nextIgnoringPresence()).as("the caller's onRejectCallListener").isEqualTo(reject);
            assertThat(bobTab.nextIgnoringPresence()).as("bob's ringing tab stops: his own reject").isEqualTo(reject);
            alicePage.assertAliveWithNothingPending();
            bobTab.assertAliveWithNothingPending();
        }
    }

    @Test
    void theRequestsUserInfoTravelsWithTheReject_asTheSeedsExtension() {
        try (TestSocket alicePage = alice.page(); TestSocket bobTab = bob.page()) {
            Signal call = ring(alicePage, call(CallType.VIDEO, alice, bob), bobTab);

            TestHttp.Reply reply = bob.reject("{\"sessionID\":\"" + call.sessionId() + "\",\"recipientId\":"
                    + alice.id() + ",\"platform\":\"web\",\"userInfo\":{\"reason\":\"busy elsewhere\"}}");

            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(204);
            Signal reject = rejectOf(call, "web").toBuilder().userInfo(Map.of("reason", "busy elsewhere")).build();
            assertThat(alicePage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob.id(), reject));
        }
    }

    @Test
    void inAMeshTheRejectGoesToTheInitiatorAndToAnotherCallee_withoutAPlatformWhenNoneIsGiven() {
        try (TestSocket alicePage = alice.page(); TestSocket bobPage = bob.page();
                TestSocket carolPage = carol.page()) {
            Signal call = ring(alicePage, call(CallType.VIDEO, alice, bob, carol), bobPage, carolPage);
            String noPlatform = "{\"sessionID\":\"" + call.sessionId() + "\",\"recipientId\":";

            assertThat(bob.reject(noPlatform + carol.id() + "}").status()).isEqualTo(204);
            assertThat(bob.reject(noPlatform + alice.id() + "}").status()).isEqualTo(204);

            Frame reject = Frame.signalFrom(bob.id(), rejectOf(call, null));
            assertThat(carolPage.nextIgnoringPresence()).isEqualTo(reject);
            assertThat(alicePage.nextIgnoringPresence()).isEqualTo(reject);
            assertThat(reject.signal().opponentsIds()).as("in the call's order").containsExactly(bob.id(), carol.id());
            assertThat(bobPage.nextIgnoringPresence()).as("bob's own copy, once per reject").isEqualTo(reject);
            assertThat(bobPage.nextIgnoringPresence()).isEqualTo(reject);
            bobPage.assertAliveWithNothingPending();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no sessionID | {\"recipientId\":TO} | sessionID is missing",
        "sessionID a number | {\"sessionID\":7,\"recipientId\":TO} | sessionID must be a string",
        "sessionID too long | {\"sessionID\":\"LONG\",\"recipientId\":TO} | sessionID of 65 chars is over",
        "sessionID with space | {\"sessionID\":\"a b\",\"recipientId\":TO} | sessionID may hold only",
        "no recipientId | {\"sessionID\":\"SID\"} | recipientId is missing",
        "recipientId a string | {\"sessionID\":\"SID\",\"recipientId\":\"1\"} | recipientId must hold user ids",
        "recipientId 0 | {\"sessionID\":\"SID\",\"recipientId\":0} | recipientId must hold user ids",
        "recipientId 1.5 | {\"sessionID\":\"SID\",\"recipientId\":1.5} | recipientId must hold user ids",
        "platform a number | {\"sessionID\":\"SID\",\"recipientId\":TO,\"platform\":1} | platform must be a string",
        "platform too long | {\"sessionID\":\"SID\",\"recipientId\":TO,\"platform\":\"PLATFORM\"}"
            + " | platform of 257 chars is over",
        "an unknown field | {\"sessionID\":\"SID\",\"recipientId\":TO,\"extension\":{}} | unknown field 'extension'",
        "a nested userInfo | {\"sessionID\":\"SID\",\"recipientId\":TO,\"userInfo\":{\"a\":{}}} | userInfo",
        "to oneself | {\"sessionID\":\"SID\",\"recipientId\":SELF} | a signal cannot be sent to oneself",
        "not an object | [1] | the body must be a JSON object",
        "not JSON | {sessionID} | malformed JSON",
    })
    void aBadBodyIs400NamingTheField_andNothingIsSent(String what, String template, String message) {
        try (TestSocket alicePage = alice.page(); TestSocket bobPage = bob.page()) {
            Signal call = ring(alicePage, call(CallType.VIDEO, alice, bob), bobPage);
            String json = template.replace("TO", Integer.toString(alice.id()))
                    .replace("SELF", Integer.toString(bob.id())).replace("SID", call.sessionId())
                    .replace("LONG", "a".repeat(65))
                    .replace("PLATFORM", "w".repeat(257));

            assertError(bob.reject(json), 400, "bad_request", message);

            alicePage.assertAliveWithNothingPending();
            bobPage.assertAliveWithNothingPending();
            hangUp(alicePage, call, bobPage);
        }
    }

    @Test
    void withoutAValidTokenTheAnswerIs401_andNothingIsSent() {
        try (TestSocket alicePage = alice.page(); TestSocket bobPage = bob.page()) {
            Signal call = ring(alicePage, call(CallType.VIDEO, alice, bob), bobPage);
            String body = body(call.sessionId(), alice);
            String signedOut = http.login("bob", "bob-password");
            assertThat(http.post("/api/logout", "", signedOut).status()).isEqualTo(204);

            assertError(http.post(PATH, body, null), 401, "unauthorized", "Authorization: Bearer");
            assertError(http.post(PATH, body, "forged"), 401, "unauthorized", "token");
            assertError(http.post(PATH, body, signedOut), 401, "unauthorized", "token");

            alicePage.assertAliveWithNothingPending();
            bobPage.assertAliveWithNothingPending();
            hangUp(alicePage, call, bobPage);
        }
    }

    /**
     * Carol is in no session of alice's; dave is not in the one alice rings bob in; a session nobody called is known
     * to nobody; and alice, who started the call, leaves it with hangUp. Nobody is told who the members are.
     */
    @Test
    void aSessionThatIsNotTheUsersToDecline_orARecipientOutsideIt_is403_andNothingIsSent() {
        try (TestSocket alicePage = alice.page(); TestSocket bobPage = bob.page();
                TestSocket carolPage = carol.page()) {
            Signal call = ring(alicePage, call(CallType.VIDEO, alice, bob), bobPage);
            String session = call.sessionId();

            assertError(carol.reject(body(session, alice)), 403, "forbidden",
                    "user " + carol.id() + " is not a member of session " + session);
            assertError(bob.reject(body(session, dave)), 403, "forbidden",
                    "user " + dave.id() + " is not a member of session " + session);
            assertError(bob.reject(body(session, carol)), 403, "forbidden",
                    "user " + carol.id() + " is not a member of session " + session);
            assertError(bob.reject(body("never-called", alice)), 403, "forbidden",
                    "user " + bob.id() + " is not a member of session never-called");
            assertError(alice.reject(body(session, bob)), 403, "forbidden",
                    "its initiator leaves it with hangUp, not reject");

            for (TestSocket page : List.of(alicePage, bobPage, carolPage)) {
                page.assertAliveWithNothingPending();
            }
            assertThat(bob.reject(body(session, alice)).status()).as("bob still may").isEqualTo(204);
            assertThat(alicePage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob.id(), rejectOf(call, "web")));
        }
    }

    /**
     * The push case: bob has no page open. A 1:1 call to him was refused as offline and started no session, so there
     * is nothing of his to decline (403, as for any session that is not his); a group call delivered to carol did
     * start one, with bob in it, and he declines it as if his page had rung.
     */
    @Test
    void aCalleeWithNoPageOpen_declinesACallThatStartedASession_butNotOneThatNeverDid() {
        try (TestSocket alicePage = alice.page(); TestSocket carolPage = carol.page()) {
            Signal oneToOne = call(CallType.VIDEO, alice, bob);
            alicePage.send(Frame.signalTo(bob.id(), oneToOne, "c1"));
            Frame offline = alicePage.nextIgnoringPresence();
            assertThat(offline.code()).as("%s", offline).isEqualTo(ErrorCode.UNAVAILABLE);
            Signal group = call(CallType.VIDEO, alice, bob, carol);
            alicePage.send(Frame.signalTo(bob.id(), group, "g1"));
            assertThat(alicePage.nextIgnoringPresence().code()).isEqualTo(ErrorCode.UNAVAILABLE);
            alicePage.send(Frame.signalTo(carol.id(), group, "g2"));
            assertThat(carolPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice.id(), group));

            assertError(bob.reject(body(oneToOne.sessionId(), alice)), 403, "forbidden",
                    "user " + bob.id() + " is not a member of session " + oneToOne.sessionId());
            assertThat(bob.reject(body(group.sessionId(), alice)).status()).isEqualTo(204);

            assertThat(alicePage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob.id(), rejectOf(group, "web")));
            Signal hangUp = Signal.builder(SignalType.HANG_UP, group.sessionId()).build();
            alicePage.send(Frame.signalTo(carol.id(), hangUp, null));
            assertThat(carolPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice.id(), hangUp));
        }
    }

    /** As a socket's reject to someone offline: {@code unavailable}, nothing kept; bob's own pages still stop. */
    @Test
    void aCallerWhoWentOfflineIs503_andNothingIsKept_butTheCalleesOwnPagesStopRinging() {
        try (TestSocket bobPage = bob.page()) {
            Signal call;
            try (TestSocket alicePage = alice.page()) {
                call = ring(alicePage, call(CallType.VIDEO, alice, bob), bobPage);
            }
            Poll.until("alice's page is gone", Duration.ofSeconds(5), () -> !server.relay().isOnline(alice.id()));

            assertError(bob.reject(body(call.sessionId(), alice)), 503, "unavailable",
                    "user " + alice.id() + " is offline");

            assertThat(bobPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob.id(), rejectOf(call, "web")));
            try (TestSocket alicePage = alice.page()) {
                alicePage.assertAliveWithNothingPending();
            }
        }
    }

    /**
     * The REST reject is charged to the same budget of the ben-to-ann pair as ben's socket: with room for one
     * reject, the REST one passes, then ben's own socket is refused, and so is a second REST one.
     */
    @Test
    void theRejectCountsAgainstTheSameSignalingBudgetAsTheSockets(@TempDir Path budgetDir) throws Exception {
        TrafficBudgets oneRejectAtATime = new TrafficBudgets(64 << 20, 40, 10_000, 10_000);
        try (MeshCallServer tight = new MeshCallServer(ServerConfig.forTest(budgetDir)
                .withSecurity(SecurityConfig.forTest().withTrafficBudgets(oneRejectAtATime))).start()) {
            TestHttp tightHttp = new TestHttp(tight.baseUri());
            User ann = User.signUp(tightHttp, tight, "ann");
            User ben = User.signUp(tightHttp, tight, "ben");
            try (TestSocket annPage = ann.page(); TestSocket benPage = ben.page()) {
                Signal call = Signal.builder(SignalType.CALL, "b1").callType(CallType.AUDIO).callerId(ann.id())
                        .opponentsIds(List.of(ben.id())).sdp("v").build();
                ring(annPage, call, benPage);
                Signal reject = rejectOf(call, "web");
                int rejectBytes = FrameCodec.encode(Frame.signalTo(ann.id(), reject, null)).length();
                assertThat(rejectBytes).as("one reject fits the burst of 160 bytes, two do not").isBetween(81, 160);

                assertThat(ben.reject(body("b1", ann)).status()).isEqualTo(204);
                assertThat(benPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(ben.id(), reject));
                benPage.send(Frame.signalTo(ann.id(), reject, "ws"));
                Frame refused = benPage.nextIgnoringPresence();
                assertError(ben.reject(body("b1", ann)), 429, "rate_limited", "--pair-bytes-per-second");

                assertThat(refused.op()).isEqualTo(Op.ERROR);
                assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(refused.message()).contains("--pair-bytes-per-second");
                assertThat(annPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(ben.id(), reject));
                annPage.assertAliveWithNothingPending();
            }
        }
    }

    /** As the other state-changing calls: POST only, a foreign page's {@code Origin} 403, a non-JSON body 415. */
    @Test
    void onlyPostIsAllowed_aForeignPageMayNotAsk_andTheBodyMustBeJson() throws Exception {
        TestHttp.Reply get = http.get(PATH, bob.token());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.raw().headers().firstValue("Allow")).hasValue("POST");

        HttpResponse<String> foreign = post("application/json", "https://evil.example");
        HttpResponse<String> text = post("text/plain", null);

        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.body()).contains("\"forbidden\"");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
    }

    private static HttpResponse<String> post(String contentType, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(PATH))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + bob.token())
                .POST(HttpRequest.BodyPublishers.ofString(body("s", alice)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
