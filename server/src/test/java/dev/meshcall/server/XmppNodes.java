package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppService;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Two MeshCall nodes in XMPP mode on one XMPP service, for a test class (docs/xmpp.md, "Several nodes, one service"):
 * each node with an HTTP client, accounts made on the service ({@code ID-7}, password {@code secret-ID}), and a call
 * from a user on node 1 to one on node 2, answered. {@code XmppModeTest} runs it over Prosody, the cluster tests over
 * the members of an ejabberd cluster.
 */
final class XmppNodes implements AutoCloseable {
    /** The SDP of the test calls: the protocol only checks that there is one. */
    static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    final MeshCallServer node1;
    final MeshCallServer node2;
    final TestHttp http1;
    final TestHttp http2;
    private final XmppService service;

    private XmppNodes(XmppService service, MeshCallServer node1, MeshCallServer node2) {
        this.service = service;
        this.node1 = node1;
        this.node2 = node2;
        this.http1 = new TestHttp(node1.baseUri());
        this.http2 = new TestHttp(node2.baseUri());
    }

    /** Starts node 1 with {@code forNode1} and node 2 with {@code forNode2}, both in temporary data directories. */
    static XmppNodes start(XmppService service, XmppSettings forNode1, XmppSettings forNode2) throws IOException {
        return start(service, forNode1, forNode2, UnaryOperator.identity());
    }

    /** As the other {@code start}, each node's test configuration changed by {@code config}. */
    static XmppNodes start(XmppService service, XmppSettings forNode1, XmppSettings forNode2,
            UnaryOperator<ServerConfig> config) throws IOException {
        MeshCallServer node1 = new MeshCallServer(config.apply(ServerConfig.forTest(
                Files.createTempDirectory("meshcall-node-1-"))), forNode1).start();
        try {
            MeshCallServer node2 = new MeshCallServer(config.apply(ServerConfig.forTest(
                    Files.createTempDirectory("meshcall-node-2-"))), forNode2).start();
            return new XmppNodes(service, node1, node2);
        } catch (RuntimeException | IOException e) {
            node1.close();
            throw e;
        }
    }

    /**
     * Two nodes of app 7 on {@code prosody} that share {@code tokenSecret}, so that a token of either works on both,
     * and log their users in again 300 ms after the service comes back.
     */
    static XmppNodes onProsody(Prosody prosody, String tokenSecret) throws IOException {
        XmppSettings settings = prosody.settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret(tokenSecret);
        return start(prosody, settings, settings);
    }

    static URI ws(MeshCallServer node) {
        return URI.create("ws://127.0.0.1:" + node.port() + "/ws");
    }

    /** Makes account {@code id} on the service and signs it in through {@code http}: its token. */
    String newUser(int id, TestHttp http) {
        service.register(id + "-7", "secret-" + id);
        return http.login(Integer.toString(id), "secret-" + id);
    }

    /** A call from {@code caller}'s page on node 1 to {@code callee}'s on node 2, both new users, and its answer. */
    Answered answeredCall(int caller, int callee) {
        String callerToken = newUser(caller, http1);
        String calleeToken = newUser(callee, http2);
        TestSocket callerPage = TestSocket.authenticated(http1.client, ws(node1), callerToken, caller);
        TestSocket calleePage = TestSocket.authenticated(http2.client, ws(node2), calleeToken, callee);
        String session = UUID.randomUUID().toString();
        Signal call = Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(callee)).sdp(SDP).platform("web").build();
        callerPage.send(Frame.signalTo(callee, call, "c1"));
        assertThat(calleePage.nextIgnoringPresence()).as("the call, on node 2").isEqualTo(Frame.signalFrom(caller,
                call));
        Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp(SDP)
                .platform("web").build();
        calleePage.send(Frame.signalTo(caller, accept, "a1"));
        assertThat(callerPage.nextIgnoringPresence()).as("the answer: node 2 learned the session from the XMPP call")
                .isEqualTo(Frame.signalFrom(callee, accept));
        return new Answered(callerPage, calleePage, session);
    }

    /** An answered call's two pages and its session id. */
    record Answered(TestSocket caller, TestSocket callee, String session) implements AutoCloseable {
        @Override
        public void close() {
            Closeables.closeAll(caller, callee);
        }
    }

    @Override
    public void close() {
        Closeables.closeAll(node1, node2);
    }
}
