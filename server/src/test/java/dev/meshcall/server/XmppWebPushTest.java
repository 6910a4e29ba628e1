package dev.meshcall.server;

import static dev.meshcall.server.XmppNodes.SDP;
import static dev.meshcall.server.XmppNodes.ws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.push.PushSettings;
import dev.meshcall.server.push.VapidKeys;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Web Push in XMPP mode (docs/xmpp.md, "Web Push"): two nodes on one real Prosody, each keeping the subscriptions
 * posted through it, a {@link StandInPushService} as the push service. A caller on node 1 rings a callee whose
 * subscription is on node 2 (node 1 asks node 2 through the node directory room): one push per ringing call however
 * often the caller re-dials, a cancellation when the caller hangs up. The push REST endpoints answer on both nodes.
 * A plain XMPP client in the room (any account of the domain may join it) gets no push sent: neither by a request
 * of its own, nor by replaying a node's, nor by sending one straight to a node's user.
 */
class XmppWebPushTest {
    private static final String ROOM = "meshcall-7@conference." + Prosody.DOMAIN;
    private static final String PUSH_NS = "urn:xmpp:meshcall:push:0";
    private static Prosody prosody;
    private static XmppNodes nodes;
    private static StandInPushService pushService;

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.start();
        pushService = new StandInPushService();
        VapidKeys keys = VapidKeys.generate();
        XmppSettings settings = prosody.settings("7").withReconnectDelay(Duration.ofMillis(300))
                .withTokenSecret("xmpp-web-push-test: both nodes share this secret");
        nodes = XmppNodes.start(prosody, settings, settings, config -> config.withPush(PushSettings.defaults()
                .withAllowHttpEndpoints(true).withTimeout(Duration.ofSeconds(2)).withKeys(keys)));
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, pushService, prosody);
    }

    private record User(int id, String token) {
    }

    /** Signs {@code id} up through node 1 with {@code fullName} (its vCard) and in through {@code http}. */
    private static User user(int id, String fullName, TestHttp http) {
        TestHttp.Reply reply = nodes.http1.post("/api/users", "{\"login\":\"" + id + "\",\"password\":\"secret-" + id
                + "\",\"fullName\":\"" + fullName + "\"}", null);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return new User(id, http.login(Integer.toString(id), "secret-" + id));
    }

    private static StandInPushService.Subscription subscribe(User user, TestHttp http) throws Exception {
        StandInPushService.Subscription subscription = pushService.subscribe();
        TestHttp.Reply reply = http.post("/api/push/subscriptions", subscription.json(), user.token());
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return subscription;
    }

    private static List<StandInPushService.Push> pushesTo(StandInPushService.Subscription subscription) {
        return pushService.pushes.stream().filter(push -> push.subscription().equals("/push/" + subscription.id()))
                .toList();
    }

    private static Signal call(int caller, int callee, String session) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.AUDIO).callerId(caller)
                .opponentsIds(List.of(callee)).sdp(SDP).platform("web").build();
    }

    private static Signal hangUp(int caller, int callee, String session) {
        return Signal.builder(SignalType.HANG_UP, session).callerId(caller).opponentsIds(List.of(callee)).build();
    }

    private static boolean listedOnline(TestHttp http, String token, int userId) {
        for (var user : http.get("/api/users", token).body().get("users")) {
            if (user.get("id").intValue() == userId) {
                return user.get("online").booleanValue();
            }
        }
        return false;
    }

    /** Both nodes are in the directory room and see each other: each lists the other's page as online. */
    private static void bothNodesInTheRoom(User onNode1, User onNode2) {
        Poll.until("node 1 sees node 2 in the room", Duration.ofSeconds(10),
                () -> listedOnline(nodes.http1, onNode1.token(), onNode2.id()));
        Poll.until("node 2 sees node 1 in the room", Duration.ofSeconds(10),
                () -> listedOnline(nodes.http2, onNode2.token(), onNode1.id()));
    }

    private static double dropped(TestHttp http) {
        return MetricsText.value(http, "meshcall_xmpp_dropped_total{reason=\"push_request\"}");
    }

    @Test
    void thePushEndpointsAnswerOnEveryNode() throws Exception {
        User user = user(601, "Pat", nodes.http2);
        String key1 = nodes.http1.get("/api/push/key", user.token()).body().get("applicationServerKey").asText();
        assertThat(nodes.http2.get("/api/push/key", user.token()).body().get("applicationServerKey").asText())
                .as("the nodes were given the same VAPID keys").isEqualTo(key1);
        StandInPushService.Subscription subscription = pushService.subscribe();
        assertThat(nodes.http1.post("/api/push/subscriptions", subscription.json(), user.token()).status())
                .isEqualTo(201);
        assertThat(nodes.http1.post("/api/push/subscriptions", subscription.json(), user.token()).status())
                .isEqualTo(200);
        HttpResponse<String> deleted = nodes.http1.client.send(HttpRequest.newBuilder(
                nodes.node1.baseUri().resolve("/api/push/subscriptions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + user.token())
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"endpoint\":\"" + subscription.endpoint()
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
    }

    @Test
    void aCallerOnNode1RingsACalleeSubscribedThroughNode2_oncePerCall_andCancels() throws Exception {
        User alice = user(611, "Alice Liddell", nodes.http1);
        User bob = user(612, "Bob", nodes.http2);
        User carol = user(613, "Carol", nodes.http2);
        StandInPushService.Subscription subscription = subscribe(bob, nodes.http2);
        String session = UUID.randomUUID().toString();
        long before = System.currentTimeMillis();

        try (TestSocket alicePage = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), alice.token(),
                alice.id());
                TestSocket carolPage = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), carol.token(),
                        carol.id())) {
            bothNodesInTheRoom(alice, carol);
            assertThat(listedOnline(nodes.http1, alice.token(), bob.id())).as("bob has no page open").isFalse();

            alicePage.send(Frame.signalTo(bob.id(), call(alice.id(), bob.id(), session), null));
            Poll.until("the call's push, from node 2", Duration.ofSeconds(10),
                    () -> pushesTo(subscription).size() == 1);
            alicePage.send(Frame.signalTo(bob.id(), call(alice.id(), bob.id(), session), null));
            alicePage.send(Frame.signalTo(bob.id(), call(alice.id(), bob.id(), session), null));
            alicePage.send(Frame.signalTo(bob.id(), hangUp(alice.id(), bob.id(), session), null));
            Poll.until("the cancellation", Duration.ofSeconds(10), () -> pushesTo(subscription).size() >= 2);
        }

        assertThat(pushService.problems).as("VAPID and encryption as the stand-in checks them").isEmpty();
        List<StandInPushService.Push> pushes = pushesTo(subscription);
        assertThat(pushes).as("one push for the call and its re-dials, one cancellation").hasSize(2);
        StandInPushService.Push push = pushes.get(0);
        assertThat(push.payload().get("type").asText()).isEqualTo("call");
        assertThat(push.payload().get("sessionID").asText()).isEqualTo(session);
        assertThat(push.payload().get("callerID").asInt()).isEqualTo(alice.id());
        assertThat(push.payload().get("callerName").asText()).as("node 2 read it from alice's vCard")
                .isEqualTo("Alice Liddell");
        assertThat(push.payload().get("callType").asInt()).isEqualTo(2);
        assertThat(push.payload().get("expires").asLong()).isBetween(before + 59_000,
                System.currentTimeMillis() + 60_000);
        StandInPushService.Push cancel = pushes.get(1);
        assertThat(cancel.payload().toString()).isEqualTo("{\"type\":\"cancel\",\"sessionID\":\"" + session + "\"}");
        assertThat(cancel.topic()).isEqualTo(push.topic());
    }

    @Test
    void aPlainXmppClientCannotMakeTheNodesPush() throws Exception {
        User alice = user(621, "Alice", nodes.http1);
        User bob = user(622, "Bob", nodes.http2);
        User carol = user(623, "Carol", nodes.http2);
        StandInPushService.Subscription subscription = subscribe(bob, nodes.http2);
        prosody.register("666-7", "secret-666");
        XMPPTCPConnection rogue = new XMPPTCPConnection(prosody.client("666-7", "secret-666", "rogue").build());
        String session = UUID.randomUUID().toString();
        EntityBareJid room = JidCreate.entityBareFrom(ROOM);
        List<ExtensionElement> overheard = new CopyOnWriteArrayList<>();
        try (TestSocket alicePage = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), alice.token(),
                alice.id());
                TestSocket carolPage = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), carol.token(),
                        carol.id())) {
            bothNodesInTheRoom(alice, carol);
            rogue.connect().login();
            MultiUserChat chat = MultiUserChatManager.getInstanceFor(rogue).getMultiUserChat(room);
            chat.addMessageListener(message -> {
                ExtensionElement request = message.getExtensionElement("push", PUSH_NS);
                if (request != null) {
                    overheard.add(request);
                }
            });
            chat.join(Resourcepart.from("rogue"));

            // A real call, overheard by the rogue occupant: sealed, so it reads nothing of it.
            alicePage.send(Frame.signalTo(bob.id(), call(alice.id(), bob.id(), session), null));
            Poll.until("the call's push", Duration.ofSeconds(10), () -> pushesTo(subscription).size() == 1);
            alicePage.send(Frame.signalTo(bob.id(), hangUp(alice.id(), bob.id(), session), null));
            Poll.until("the cancellation", Duration.ofSeconds(10), () -> pushesTo(subscription).size() == 2);
            Poll.until("the rogue overheard both requests", Duration.ofSeconds(5), () -> overheard.size() == 2);
            assertThat(overheard.get(0).toXML().toString()).doesNotContain(session)
                    .doesNotContain(Integer.toString(bob.id()));
            attack(rogue, room, overheard.get(0), alice, bob, carol);
        } finally {
            rogue.disconnect();
        }
        assertThat(pushesTo(subscription)).as("nothing more was pushed").hasSize(2);
        assertThat(pushService.problems).isEmpty();
    }

    /** What a plain client may try: a request of its own, a replay of a node's, one sent straight to a user. */
    private static void attack(XMPPTCPConnection rogue, EntityBareJid room, ExtensionElement ring, User alice, User bob,
            User carol) throws Exception {
        double droppedOn1 = dropped(nodes.http1);
        double droppedOn2 = dropped(nodes.http2);
        ExtensionElement plain = StandardExtensionElement.builder("push", PUSH_NS).addAttribute("type", "call")
                .addAttribute("to", Integer.toString(bob.id())).addAttribute("from", Integer.toString(alice.id()))
                .addAttribute("session", "forged-1").addAttribute("callType", "1")
                .addAttribute("callerName", "Your bank").build();
        rogue.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(room).addExtension(plain)
                .build());
        Poll.until("both nodes dropped the unsealed request", Duration.ofSeconds(5),
                () -> dropped(nodes.http1) == droppedOn1 + 1 && dropped(nodes.http2) == droppedOn2 + 1);

        rogue.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(room).addExtension(ring)
                .build());
        Poll.until("both nodes dropped the replay of node 1's request", Duration.ofSeconds(5),
                () -> dropped(nodes.http1) == droppedOn1 + 2 && dropped(nodes.http2) == droppedOn2 + 2);

        rogue.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.chat)
                .to(JidCreate.entityBareFrom(carol.id() + "-7@" + Prosody.DOMAIN)).addExtension(ring).build());
        Poll.until("node 2 dropped the request sent straight to its user", Duration.ofSeconds(5),
                () -> dropped(nodes.http2) == droppedOn2 + 3);
    }
}
