package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.Closeables;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.meshcall.server.relay.xmpp.Prosody;

/**
 * Two server nodes sharing one real Prosody (docs/xmpp.md): Alice's browser on node 1 calls Bob's on node 2; media
 * flows peer to peer; then Prosody is stopped mid-call: the media keeps flowing, the nodes report not ready, and a
 * hang-up sent while XMPP is down reaches Bob once Prosody is back.
 */
class XmppNodesIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static Prosody prosody;
    static TestServer node1;
    static TestServer node2;
    static Participant alice;
    static Participant bob;
    /** Bob's second device, on node 1. */
    static Participant bobsPhone;

    @BeforeAll
    static void twoNodesOneProsody() {
        prosody = Prosody.start();
        node1 = new TestServer(UnaryOperator.identity(), prosody);
        node2 = new TestServer(UnaryOperator.identity(), prosody);
        List<Browser> browsers = env.browsers().start("alice", "bob", "bobsPhone");
        alice = Participant.onHarness("alice", browsers.get(0), node1);
        bob = Participant.onHarness("bob", browsers.get(1), node2);
        bobsPhone = Participant.anotherDeviceOf(bob, "bobsPhone", browsers.get(2), node1);
    }

    @AfterAll
    static void stopNodes() {
        Closeables.closeAll(node1, node2, prosody);
    }

    @Test
    void aCallAcrossNodesSurvivesAnXmppRestart_andTheHangUpSentMeanwhileArrives() throws Exception {
        alice.signIn();
        bob.signIn();
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        Figures.acceptToConnected("xmpp-cross-node", alice, bob);
        alice.seesVideoFrom(bob);
        bob.seesVideoFrom(alice);
        assertThat(get(node1, "/metrics").body()).contains("meshcall_signals_relayed_total{type=\"call\"}");
        assertThat(get(node2, "/metrics").body()).contains("meshcall_signals_relayed_total{type=\"accept\"} 1.0");

        prosody.stop();
        try {
            assertThat(get(node1, "/health/ready").statusCode()).as("node 1 ready without XMPP").isEqualTo(503);
            assertThat(get(node1, "/health/live").statusCode()).isEqualTo(200);
            alice.seesVideoFrom(bob);
            bob.seesVideoFrom(alice);
            alice.hangUp();
        } finally {
            prosody.startAgain();
        }

        bob.waitForEvent("onStopCallListener", alice);
        Poll.until("node 1 ready again", Duration.ofSeconds(15), () -> get(node1, "/health/ready").statusCode() == 200);
    }

    @Test
    void bothOfBobsDevicesRing_bobAcceptsOnOne_theOtherStopsRinging() {
        alice.signIn();
        bob.signIn();
        bobsPhone.signIn();

        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bobsPhone.waitForIncomingCall(alice);
        bob.accept();

        alice.waitForConnectedTo(bob);
        bobsPhone.waitForEvent("onSessionCloseListener");
        assertThat(bobsPhone.events("onAcceptCallListener")).isEmpty();
        alice.seesVideoFrom(bob);
        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void aPlainXmppClientGetsTheBrowsersCallInTheSeedsForm_andItsRejectReachesTheBrowser() throws Exception {
        alice.signIn();
        int seedUser = 20_001;
        prosody.register(seedUser + "-1", "pw-" + seedUser);
        XMPPTCPConnection client = new XMPPTCPConnection(prosody.client(seedUser + "-1", "pw-" + seedUser,
                "seed-sdk").build());
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        client.addSyncStanzaListener(stanza -> inbox.add((Message) stanza), StanzaTypeFilter.MESSAGE);
        client.connect().login();
        try {
            Map<String, Object> created = alice.browser().jsMap("return h.createSession([arguments[0]], "
                    + "MeshCall.videochat.CallType.VIDEO, {});", seedUser);
            assertThat(created).containsKey("id");
            assertThat(alice.browser().jsMap("return h.getUserMedia(arguments[0]);", VIDEO.mediaParams()))
                    .containsEntry("ok", true);
            assertThat(alice.browser().jsMap("return h.call(arguments[0]);", Map.of("name", "Alice")))
                    .containsEntry("ok", true);

            Message call = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("the plain client got the call").isNotNull();
            String xml = call.toXML().toString();
            assertThat(call.getType()).isEqualTo(Message.Type.headline);
            assertThat(call.getFrom().asBareJid().toString()).isEqualTo(alice.account().idText() + "-1@localhost");
            assertThat(xml).contains("<extraParams xmlns='jabber:client'><moduleIdentifier>WebRTCVideoChat"
                    + "</moduleIdentifier><signalType>call</signalType><sessionID>" + created.get("id")
                    + "</sessionID><callType>1</callType><callerID>" + alice.account().idText() + "</callerID>"
                    + "<opponentsIDs><opponentID>" + seedUser + "</opponentID></opponentsIDs><sdp>v=0");
            assertThat(xml).contains("<platform>web</platform><userInfo><name>Alice</name></userInfo>");

            StandardExtensionElement reject = StandardExtensionElement.builder("extraParams", "jabber:client")
                    .addElement("signalType", "reject")
                    .addElement("moduleIdentifier", "WebRTCVideoChat")
                    .addElement("sessionID", (String) created.get("id"))
                    .addElement("callerID", alice.account().idText())
                    .addElement("platform", "web")
                    .addElement(StandardExtensionElement.builder("userInfo", "jabber:client")
                            .addElement("reason", "busy").build())
                    .build();
            client.sendStanza(StanzaBuilder.buildMessage().to(call.getFrom().asBareJid())
                    .ofType(Message.Type.headline).addExtension(reject).build());

            Event rejected = alice.waitForEvent("onRejectCallListener",
                    e -> String.valueOf(seedUser).equals(e.userId()));
            assertThat(rejected.extension()).containsEntry("reason", "busy").containsEntry("busy", true);
        } finally {
            client.disconnect();
        }
    }

    private static HttpResponse<String> get(TestServer node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
