package dev.meshcall.server;

import static dev.meshcall.server.XmppNodes.SDP;
import static dev.meshcall.server.XmppNodes.ws;
import static dev.meshcall.server.TestHttp.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.Prosody;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/calls/reject} in XMPP mode, two nodes on a real Prosody. A node knows a call only from the
 * signals it carried: its users' own and those that arrived for them. The node where the callee's page rang and the
 * node the caller called from both know it, and either sends the callee's {@code reject} as the seed system's
 * stanza, which reaches the caller's page on its node in the form the callee's own client sends. A node that
 * carried none of the call's signals cannot tell whether the user is in it, and answers 403 as for any session that
 * is not the user's, without signing the user in to the service.
 */
class XmppCallRejectTest {
    private static final String PATH = "/api/calls/reject";

    private static Prosody prosody;
    private static XmppNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.start();
        nodes = XmppNodes.onProsody(prosody, "xmpp-call-reject-test: both nodes share this secret");
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, prosody);
    }

    private static Signal call(int caller, int callee) {
        return Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                .callerId(caller).opponentsIds(List.of(callee)).sdp(SDP).platform("web").build();
    }

    /** The {@code reject} the callee's own client sends in {@code call}'s session. */
    private static Signal rejectOf(Signal call) {
        return Signal.builder(SignalType.REJECT, call.sessionId()).callType(call.callType())
                .callerId(call.callerId()).opponentsIds(call.opponentsIds()).platform("web").build();
    }

    private static Signal ring(TestSocket callerPage, TestSocket calleePage, Signal call) {
        callerPage.send(Frame.signalTo(call.opponentsIds().get(0), call, null));
        assertThat(calleePage.nextIgnoringPresence()).as("the call rings").isEqualTo(Frame.signalFrom(
                call.callerId(), call));
        return call;
    }

    private static String body(Signal call, int recipientId) {
        return "{\"sessionID\":\"" + call.sessionId() + "\",\"recipientId\":" + recipientId + ",\"platform\":\"web\"}";
    }

    private static TestSocket page(MeshCallServer node, TestHttp http, String token, int userId) {
        return TestSocket.authenticated(http.client, ws(node), token, userId);
    }

    /**
     * Asks node 2 to send the callee's reject until it knows the call (the stanza that teaches it travels on its own;
     * a refused request sends nothing), then the caller's page gets that one reject.
     */
    private static void declineThroughNode2OnceItKnows(TestSocket callerPage, Signal call, int callee, String token) {
        Poll.until("node 2 has learned the call from its stanza and sent the reject", Duration.ofSeconds(5),
                () -> nodes.http2.post(PATH, body(call, call.callerId()), token).status() == 204);
        assertThat(callerPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(callee, rejectOf(call)));
        callerPage.assertAliveWithNothingPending();
    }


    @Test
    void theCalleesNodeSendsTheReject_andTheCallerOnTheOtherNodeGetsTheRejectOfItsOwnClient() {
        String callerToken = nodes.newUser(601, nodes.http1);
        String calleeToken = nodes.newUser(602, nodes.http2);
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 601);
                TestSocket calleeTab = page(nodes.node2, nodes.http2, calleeToken, 602)) {
            Signal call = ring(callerPage, calleeTab, call(601, 602));

            TestHttp.Reply reply = nodes.http2.post(PATH, body(call, 601), calleeToken);

            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(204);
            Frame reject = Frame.signalFrom(602, rejectOf(call));
            assertThat(callerPage.nextIgnoringPresence()).as("over XMPP, on node 1").isEqualTo(reject);
            assertThat(calleeTab.nextIgnoringPresence()).as("the callee's ringing tab stops").isEqualTo(reject);
            callerPage.assertAliveWithNothingPending();
        }
    }

    /**
     * The push case: the callee signed in on node 2 (its XMPP session lives there a while without a page) but has no
     * page open. The call still reached that session, so node 2 knows it, and the callee declines through it.
     */
    @Test
    void aCalleeSignedInWithNoPageOpen_declinesThroughItsNode() {
        String callerToken = nodes.newUser(641, nodes.http1);
        String calleeToken = nodes.newUser(642, nodes.http2);
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 641)) {
            Signal call = call(641, 642);
            callerPage.send(Frame.signalTo(642, call, null));

            declineThroughNode2OnceItKnows(callerPage, call, 642, calleeToken);
        }
    }

    /**
     * The push case when the callee signs in only after the call began: the first {@code call} found nobody to reach
     * (the service drops a headline to a user with no connection), so node 2 knows nothing of it and refuses; the
     * caller's re-dial reaches the new sign-in, and the same request then goes through.
     */
    @Test
    void aCalleeWhoSignsInAfterTheCallBegan_isRefusedUntilTheCallersRedialReachesItsNode() {
        String callerToken = nodes.newUser(651, nodes.http1);
        prosody.register("652-7", "secret-652");
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 651)) {
            Signal call = call(651, 652);
            callerPage.send(Frame.signalTo(652, call, null));
            callerPage.assertAliveWithNothingPending();
            String calleeToken = nodes.http2.login("652", "secret-652");

            assertError(nodes.http2.post(PATH, body(call, 651), calleeToken), 403, "forbidden",
                    "user 652 is not a member of session " + call.sessionId());
            callerPage.send(Frame.signalTo(652, call, null));
            declineThroughNode2OnceItKnows(callerPage, call, 652, calleeToken);
        }
    }

    /** The callee's token works on any node (the nodes share the token secret); node 1 saw the call go out. */
    @Test
    void theCallersNodeKnowsTheCallToo_soTheCalleeMayDeclineThroughIt() {
        String callerToken = nodes.newUser(611, nodes.http1);
        String calleeToken = nodes.newUser(612, nodes.http2);
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 611);
                TestSocket calleePage = page(nodes.node2, nodes.http2, calleeToken, 612)) {
            Signal call = ring(callerPage, calleePage, call(611, 612));

            TestHttp.Reply reply = nodes.http1.post(PATH, body(call, 611), calleeToken);

            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(204);
            assertThat(callerPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(612, rejectOf(call)));
        }
    }

    /**
     * Caller and callee are both on node 1; node 2 carried nothing of their call. It cannot tell the callee from a
     * stranger, so it refuses as it would a stranger, and node 1, which knows the call, sends it.
     */
    @Test
    void aNodeThatCarriedNothingOfTheCallRefusesIt_403_andTheNodeThatDidSendsIt() {
        String callerToken = nodes.newUser(621, nodes.http1);
        String calleeToken = nodes.newUser(622, nodes.http1);
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 621);
                TestSocket calleePage = page(nodes.node1, nodes.http1, calleeToken, 622)) {
            Signal call = ring(callerPage, calleePage, call(621, 622));

            assertError(nodes.http2.post(PATH, body(call, 621), calleeToken), 403, "forbidden",
                    "user 622 is not a member of session " + call.sessionId());
            callerPage.assertAliveWithNothingPending();

            assertThat(nodes.http1.post(PATH, body(call, 621), calleeToken).status()).isEqualTo(204);
            assertThat(callerPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(622, rejectOf(call)));
        }
    }

    @Test
    void aStrangerOrARecipientOutsideTheCall_is403_aBadBody400_andNoToken401_andNothingIsSent() {
        String callerToken = nodes.newUser(631, nodes.http1);
        String calleeToken = nodes.newUser(632, nodes.http2);
        String strangerToken = nodes.newUser(633, nodes.http2);
        try (TestSocket callerPage = page(nodes.node1, nodes.http1, callerToken, 631);
                TestSocket calleePage = page(nodes.node2, nodes.http2, calleeToken, 632);
                TestSocket strangerPage = page(nodes.node2, nodes.http2, strangerToken, 633)) {
            Signal call = ring(callerPage, calleePage, call(631, 632));
            String session = call.sessionId();

            assertError(nodes.http2.post(PATH, body(call, 631), strangerToken), 403, "forbidden",
                    "user 633 is not a member of session " + session);
            assertError(nodes.http2.post(PATH, body(call, 633), calleeToken), 403, "forbidden",
                    "user 633 is not a member of session " + session);
            assertError(nodes.http2.post(PATH, "{\"sessionID\":\"" + session + "\"}", calleeToken), 400,
                    "bad_request", "recipientId is missing");
            assertError(nodes.http2.post(PATH, body(call, 631), null), 401, "unauthorized",
                    "Authorization: Bearer");

            for (TestSocket page : List.of(callerPage, calleePage, strangerPage)) {
                page.assertAliveWithNothingPending();
            }
        }
    }
}
