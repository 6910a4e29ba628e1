package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.Poll;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.SessionRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** {@link XmppRelay} against a real Prosody: two relays stand for two server nodes sharing one XMPP service. */
class XmppRelayTest {
    private static final String APP = "1";
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final AtomicInteger NEXT_USER = new AtomicInteger(100);
    private static Prosody prosody;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startProsody() {
        prosody = Prosody.start();
    }

    @AfterAll
    static void stopProsody() {
        if (prosody != null) {
            prosody.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private XmppRelay node() {
        XmppRelay relay = new XmppRelay(prosody.settings(APP).withReconnectDelay(Duration.ofMillis(300)));
        closeAfter.add(relay);
        return relay;
    }

    private static int newUser() {
        int id = NEXT_USER.incrementAndGet();
        prosody.register(id + "-" + APP, "pw-" + id);
        return id;
    }

    private static Signal call(int caller, int... opponents) {
        List<Integer> ids = new ArrayList<>();
        for (int id : opponents) {
            ids.add(id);
        }
        return Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                .callerId(caller).opponentsIds(ids).sdp(SDP).platform("web").userInfo(Map.of("name", "Alice"))
                .build();
    }

    @Test
    void aWrongPasswordIsALoginError() {
        int user = newUser();
        XmppRelay relay = node();

        assertThatThrownBy(() -> relay.login(user, "not-the-password"))
                .isInstanceOfSatisfying(XmppLoginException.class,
                        e -> assertThat(e.reason()).isEqualTo(XmppLoginException.Reason.WRONG_PASSWORD));
        assertThatThrownBy(() -> relay.login(NEXT_USER.get() + 1000, "whatever"))
                .isInstanceOfSatisfying(XmppLoginException.class,
                        e -> assertThat(e.reason()).isEqualTo(XmppLoginException.Reason.WRONG_PASSWORD));
        assertThat(relay.hasSession(user)).isFalse();
    }

    @Test
    void aSignalCrossesFromOneNodeToAnotherInOrderWithItsSender() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = node();
        XmppRelay node2 = node();
        // Listening before anyone signs in: node 2 may hear of alice from the node directory before any signal.
        BlockingQueue<String> presence = new LinkedBlockingQueue<>();
        node2.addPresenceListener((user, online) -> {
            if (user == alice) {
                presence.add(user + (online ? " online" : " offline"));
            }
        });
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        Signal call = call(alice, bob);
        Signal hangUp = Signal.builder(SignalType.HANG_UP, call.sessionId()).callerId(alice)
                .opponentsIds(List.of(bob)).userInfo(Map.of("reason", "bye", "busy", false, "n", 3L)).build();

        node1.deliver(alicePage, bob, call);
        node1.deliver(alicePage, bob, hangUp);

        assertThat(bobPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, call));
        assertThat(bobPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, hangUp));
        assertThat(presence.poll(5, TimeUnit.SECONDS)).isEqualTo(alice + " online");
        assertThat(node2.isOnline(alice)).isTrue();
        assertThat(node1.ping(alice, Duration.ofSeconds(2))).isTrue();

        node1.unregister(alicePage);
        assertThat(presence.poll(5, TimeUnit.SECONDS)).isEqualTo(alice + " offline");
        // Node 1's list in the directory room may reach node 2 late and show alice for a moment more (it was
        // published when she signed in); the list without her follows.
        Poll.until("node 2 to see alice offline", Duration.ofSeconds(5), () -> !node2.isOnline(alice));
    }

    @Test
    void everyDeviceRings_andAnAcceptReachesTheUsersOtherDevices() throws Exception {
        // A device rings for calls sent after the service has its presence (a few ms after it signs in).
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = node();
        XmppRelay node2 = node();
        XmppRelay node3 = node();
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobLaptop = TestEndpoint.signedIn(node2, bob);
        TestEndpoint bobPhone = TestEndpoint.signedIn(node3, bob);
        Poll.until("bob's devices see each other", Duration.ofSeconds(15),
                () -> node2.remoteDevices(bob) == 1 && node3.remoteDevices(bob) == 1);
        Signal call = call(alice, bob);

        node1.deliver(alicePage, bob, call);
        assertThat(bobLaptop.next(Op.SIGNAL).signal()).isEqualTo(call);
        assertThat(bobPhone.next(Op.SIGNAL).signal()).isEqualTo(call);

        Signal accept = Signal.builder(SignalType.ACCEPT, call.sessionId()).callType(CallType.VIDEO).sdp(SDP)
                .platform("web").build();
        node2.deliver(bobLaptop, alice, accept);

        assertThat(alicePage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, accept));
        assertThat(bobPhone.next(Op.SIGNAL)).as("bob's own accept from the laptop, so the phone stops ringing")
                .isEqualTo(Frame.signalFrom(bob, accept));
        bobLaptop.expectNoSignal(Duration.ofMillis(300));
    }

    /**
     * A mesh of alice, bob and carol, each node checking incoming signals as the server does: bob's laptop answers
     * carol's mesh call, his phone rejects alice, and every other page of bob's — on the same node (sharing one XMPP
     * connection) or on another — gets the copy, without the session check that a signal to oneself would fail.
     */
    @Test
    void anOwnAnswerToAnyMemberReachesTheUsersOtherPages_onThisNodeAndOthers() throws Exception {
        int alice = newUser();
        int bob = newUser();
        int carol = newUser();
        XmppRelay node1 = node();
        XmppRelay node2 = node();
        XmppRelay node3 = node();
        for (XmppRelay node : List.of(node1, node2, node3)) {
            node.onIncoming(IncomingSignalListener.checking(new SessionRegistry(Duration.ofHours(2),
                    Clock.systemUTC())));
        }
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint carolPage = TestEndpoint.signedIn(node1, carol);
        TestEndpoint bobLaptop = TestEndpoint.signedIn(node2, bob);
        TestEndpoint bobTab = new TestEndpoint(bob);
        node2.register(bobTab);
        TestEndpoint bobPhone = TestEndpoint.signedIn(node3, bob);
        Poll.until("bob's devices see each other", Duration.ofSeconds(15),
                () -> node2.remoteDevices(bob) == 1 && node3.remoteDevices(bob) == 1);
        Signal call = call(alice, bob, carol);
        node1.deliver(alicePage, bob, call);
        node1.deliver(alicePage, carol, call);
        for (TestEndpoint page : List.of(bobLaptop, bobTab, bobPhone, carolPage)) {
            assertThat(page.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, call));
        }
        node1.deliver(carolPage, bob, call);
        for (TestEndpoint page : List.of(bobLaptop, bobTab, bobPhone)) {
            assertThat(page.next(Op.SIGNAL)).as("carol's mesh call, alice as caller")
                    .isEqualTo(Frame.signalFrom(carol, call));
        }

        Signal accept = Signal.builder(SignalType.ACCEPT, call.sessionId()).callType(CallType.VIDEO).sdp(SDP)
                .platform("web").build();
        node2.deliver(bobLaptop, carol, accept);

        assertThat(carolPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, accept));
        assertThat(bobTab.next(Op.SIGNAL)).as("the page on the same node").isEqualTo(Frame.signalFrom(bob, accept));
        assertThat(bobPhone.next(Op.SIGNAL)).as("the page on another node").isEqualTo(Frame.signalFrom(bob, accept));

        Signal reject = Signal.builder(SignalType.REJECT, call.sessionId()).platform("web").build();
        node3.deliver(bobPhone, alice, reject);

        assertThat(alicePage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, reject));
        assertThat(bobLaptop.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, reject));
        assertThat(bobTab.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, reject));

        plainClient(bob).sendStanza(StanzaBuilder.buildMessage().to(node3.sessionJid(bob))
                .ofType(Message.Type.headline).addExtension(SignalMapper.fromSignal(
                        Signal.builder(SignalType.HANG_UP, call.sessionId()).build())).build());
        Poll.until("a hangUp from bob's own account is not taken for a copy", Duration.ofSeconds(5),
                () -> node3.stats().droppedCount("wrong_from") == 1);
        for (TestEndpoint page : List.of(bobLaptop, bobTab, bobPhone, alicePage, carolPage)) {
            page.expectNoSignal(Duration.ZERO);
        }
        for (XmppRelay node : List.of(node1, node2, node3)) {
            assertThat(node.stats().droppedCount("bad_request") + node.stats().droppedCount("forbidden"))
                    .as("nothing refused by the session check").isZero();
        }
    }

    @Test
    void aPlainSmackClientGetsTheSeedsStanza_andItsRejectReachesThePage() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = node();
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        XMPPTCPConnection bobClient = plainClient(bob);
        BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
        bobClient.addSyncStanzaListener(s -> inbox.add((Message) s), StanzaTypeFilter.MESSAGE);
        Signal call = call(alice, bob);

        node1.deliver(alicePage, bob, call);

        Message received = inbox.poll(5, TimeUnit.SECONDS);
        assertThat(received).as("bob's plain client got the call").isNotNull();
        assertThat(received.getType()).isEqualTo(Message.Type.headline);
        assertThat(received.getStanzaId()).as("an id, as the seed's SDK puts on every message").isNotBlank();
        assertThat(received.getFrom().asBareJid().toString()).isEqualTo(alice + "-1@localhost");
        assertThat(received.toXML().toString()).contains("<extraParams xmlns='jabber:client'><moduleIdentifier>"
                + "WebRTCVideoChat</moduleIdentifier><signalType>call</signalType><sessionID>" + call.sessionId()
                + "</sessionID><callType>1</callType><callerID>" + alice + "</callerID><opponentsIDs><opponentID>"
                + bob + "</opponentID></opponentsIDs><sdp>");

        bobClient.sendStanza(raw(alice, "<moduleIdentifier>WebRTCVideoChat</moduleIdentifier>"
                + "<signalType>reject</signalType><sessionID>" + call.sessionId() + "</sessionID><callerID>" + alice
                + "</callerID><platform>web</platform><userInfo><reason>busy</reason></userInfo>"));

        Frame reject = alicePage.next(Op.SIGNAL);
        assertThat(reject.from()).isEqualTo(bob);
        assertThat(reject.signal().signalType()).isEqualTo(SignalType.REJECT);
        assertThat(reject.signal().userInfo()).containsEntry("reason", "busy").containsEntry("busy", true);
    }

    @Test
    void badXmppInputIsDropped_andTheBridgeStillServesTheNextCall() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = node();
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        XMPPTCPConnection bobClient = plainClient(bob);
        String session = UUID.randomUUID().toString();
        String head = "<moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>hangUp</signalType>"
                + "<sessionID>" + session + "</sessionID>";

        bobClient.sendStanza(raw(alice, "<userInfo><a><b>1</b></a></userInfo>" + head));
        bobClient.sendStanza(raw(alice, head.replace("hangUp", "dance")));
        bobClient.sendStanza(raw(alice, head.replace("hangUp", "accept") + "<callType>1</callType><sdp>"
                + "a".repeat(49 * 1024) + "</sdp>"));
        bobClient.sendStanza(raw(alice, head + "<callerID>x</callerID>"));
        bobClient.sendStanza(StanzaBuilder.buildMessage().to(node1.addresses().bareJid(alice))
                .ofType(Message.Type.headline).addExtension(SignalMapper.fromSignal(
                        Signal.builder(SignalType.HANG_UP, session).build()))
                .addExtension(new DelayInformation(new Date(System.currentTimeMillis() - 60_000))).build());
        int mallory = NEXT_USER.incrementAndGet();
        prosody.register(mallory + "-2", "pw-x");
        XMPPTCPConnection other = plainClient(mallory + "-2", "pw-x");
        other.sendStanza(raw(alice, head));

        Signal fine = Signal.builder(SignalType.HANG_UP, session).build();
        bobClient.sendStanza(StanzaBuilder.buildMessage().to(node1.addresses().bareJid(alice))
                .ofType(Message.Type.headline).addExtension(SignalMapper.fromSignal(fine)).build());

        assertThat(alicePage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, fine));
        XmppStats stats = node1.stats();
        assertThat(stats.droppedCount("bad_request")).isEqualTo(3);
        assertThat(stats.droppedCount("too_large")).isEqualTo(1);
        assertThat(stats.droppedCount("delayed")).isEqualTo(1);
        // mallory's stanza came over another client's stream, so it may arrive after bob's last one
        Poll.until("the foreign sender's stanza is dropped", Duration.ofSeconds(5),
                () -> stats.droppedCount("wrong_from") == 1);
        alicePage.expectNoSignal(Duration.ZERO);
    }

    @Test
    void afterTheXmppServiceRestarts_everyoneIsBackAndWhatWasSentMeanwhileArrives() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = node();
        XmppRelay node2 = node();
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        Signal call = call(alice, bob);
        node1.deliver(alicePage, bob, call);
        assertThat(bobPage.next(Op.SIGNAL).signal()).isEqualTo(call);

        prosody.stop();
        Poll.until("both nodes see the loss", Duration.ofSeconds(15),
                () -> node1.loggedInCount() == 0 && node2.loggedInCount() == 0);
        assertThat(node1.isServiceReachable(Duration.ofMillis(200))).isFalse();
        Signal hangUp = Signal.builder(SignalType.HANG_UP, call.sessionId()).callerId(alice)
                .opponentsIds(List.of(bob)).build();
        node1.deliver(alicePage, bob, hangUp);
        prosody.startAgain();

        Poll.until("both nodes log in again", Duration.ofSeconds(15),
                () -> node1.loggedInCount() == 1 && node2.loggedInCount() == 1);
        assertThat(bobPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, hangUp));
        assertThat(node1.stats().reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(node1.isServiceReachable(Duration.ofMillis(200))).isTrue();
    }

    @Test
    void aSignalToAUserWhoLeftIsSentToNobodySeen_waits_thenTheSenderIsToldItWasNotDelivered() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppSettings quick = new XmppSettings(prosody.host(), prosody.port(), prosody.domain(), APP,
                XmppSettings.Tls.DISABLED, Duration.ofMillis(200), Duration.ofSeconds(5), 4, Duration.ofSeconds(1),
                Duration.ofMinutes(2), null);
        XmppRelay node1 = new XmppRelay(quick);
        closeAfter.add(node1);
        XmppRelay node2 = node();
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        Signal call = call(alice, bob);
        Poll.until("node 1 sees bob", Duration.ofSeconds(15), () -> node1.isOnline(bob));
        assertThat(node1.deliver(alicePage, bob, call)).isEqualTo(Delivery.DELIVERED);
        assertThat(bobPage.next(Op.SIGNAL).signal()).isEqualTo(call);
        node2.deliver(bobPage, alice, Signal.builder(SignalType.HANG_UP, call.sessionId()).build());
        alicePage.next(Op.SIGNAL);

        node2.unregister(bobPage);
        Poll.until("node 1 sees bob leave", Duration.ofSeconds(15),
                () -> !node1.isOnline(bob));
        assertThat(node1.deliver(alicePage, bob, Signal.builder(SignalType.HANG_UP, call.sessionId()).build()))
                .as("sent on, the service being the one to know").isEqualTo(Delivery.SENT_TO_NOBODY_SEEN);

        Frame error = alicePage.next(Op.ERROR);
        assertThat(error.code().wireName()).isEqualTo("unavailable");
        assertThat(error.message()).contains("user " + bob).contains("not delivered");
        assertThat(node1.stats().droppedCount("expired")).isEqualTo(1);
    }

    @Test
    void whileTheServiceIsDownTheBufferIsBounded() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppSettings small = new XmppSettings(prosody.host(), prosody.port(), prosody.domain(), APP,
                XmppSettings.Tls.DISABLED, Duration.ofMillis(200), Duration.ofSeconds(5), 2, Duration.ofSeconds(30),
                Duration.ofMinutes(2), null);
        XmppRelay node1 = new XmppRelay(small);
        closeAfter.add(node1);
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        prosody.stop();
        try {
            Poll.until("node 1 sees the loss", Duration.ofSeconds(15),
                    () -> node1.loggedInCount() == 0);
            Signal hangUp = Signal.builder(SignalType.HANG_UP, UUID.randomUUID().toString()).build();
            node1.deliver(alicePage, bob, hangUp);
            node1.deliver(alicePage, bob, hangUp);
            assertThatThrownBy(() -> node1.deliver(alicePage, bob, hangUp))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code().wireName()).isEqualTo("unavailable"));
        } finally {
            prosody.startAgain();
        }
    }

    @Test
    void onlyTheUsersOwnConnectionMaySayATokenIsRevoked() throws Exception {
        int alice = newUser();
        int mallory = newUser();
        XmppRelay node1 = node();
        List<String> revoked = new CopyOnWriteArrayList<>();
        node1.onRevokedElsewhere((userId, tokenId, expires) -> revoked.add(userId + " " + tokenId));
        TestEndpoint.signedIn(node1, alice);
        Jid aliceOnNode1 = JidCreate.from(alice + "-" + APP + "@localhost/" + sessionResource(node1, alice));
        String id = "0123456789abcdef0123456789abcdef";
        Instant expires = Instant.now().plusSeconds(3600);

        plainClient(mallory).sendStanza(StanzaBuilder.buildMessage().to(aliceOnNode1).ofType(Message.Type.headline)
                .addExtension(RevokedTokens.notice(id, expires)).build());
        Poll.until("mallory's notice is dropped", Duration.ofSeconds(5),
                () -> node1.stats().droppedCount("wrong_from") == 1);
        assertThat(revoked).isEmpty();

        plainClient(alice).sendStanza(StanzaBuilder.buildMessage().to(aliceOnNode1).ofType(Message.Type.headline)
                .addExtension(RevokedTokens.notice(id, expires)).build());
        Poll.until("alice's own notice is taken", Duration.ofSeconds(5), () -> revoked.contains(alice + " " + id));
    }

    private static String sessionResource(XmppRelay relay, int userId) {
        return relay.sessionJid(userId).getResourceOrThrow().toString();
    }

    private XMPPTCPConnection plainClient(int userId) throws Exception {
        return plainClient(userId + "-" + APP, "pw-" + userId);
    }

    private XMPPTCPConnection plainClient(String user, String password) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(prosody.client(user, password, "plain").build());
        connection.connect().login();
        closeAfter.add(connection::disconnect);
        // The service has its initial presence once it answers a ping sent after it: only then does it get signals.
        PingManager.getInstanceFor(connection).pingMyServer(false, 5000);
        return connection;
    }

    private static Message raw(int to, String children) throws Exception {
        ExtensionElement element = new RawXml("<extraParams xmlns='jabber:client'>" + children + "</extraParams>");
        return StanzaBuilder.buildMessage().to(JidCreate.entityBareFrom(to + "-" + APP + "@localhost"))
                .ofType(Message.Type.headline).addExtension(element).build();
    }

}
