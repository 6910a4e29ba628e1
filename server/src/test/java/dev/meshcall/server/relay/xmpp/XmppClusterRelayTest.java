package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link XmppRelay} over a real two-member ejabberd cluster: node 1's relay on member a, node 2's on member b, so
 * every signal and presence crosses the cluster (ejabberd routes between its Erlang nodes).
 */
class XmppClusterRelayTest {
    private static final String APP = "1";
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final AtomicInteger NEXT_USER = new AtomicInteger(100);
    private static EjabberdCluster cluster;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = EjabberdCluster.start(2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeAfter) {
            closeable.close();
        }
    }

    private XmppRelay nodeOn(Ejabberd member) {
        XmppRelay relay = new XmppRelay(member.settings(APP).withReconnectDelay(Duration.ofMillis(300)));
        closeAfter.add(relay);
        return relay;
    }

    private static int newUser() {
        int id = NEXT_USER.incrementAndGet();
        cluster.register(id + "-" + APP, "pw-" + id);
        return id;
    }

    private static Signal call(int caller, int callee, String sdp) {
        return Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.VIDEO)
                .callerId(caller).opponentsIds(List.of(callee)).sdp(sdp).platform("web")
                .userInfo(Map.of("name", "Alice")).build();
    }

    @Test
    void theClusterHasBothMembers() {
        String members = cluster.listCluster(cluster.member(1));
        assertThat(members).as(cluster.logs()).contains(cluster.member(0).node()).contains(cluster.member(1).node());
    }

    @Test
    void aCallCrossesTheClusterBothWays() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = nodeOn(cluster.member(0));
        XmppRelay node2 = nodeOn(cluster.member(1));
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        Signal call = call(alice, bob, SDP);

        node1.deliver(alicePage, bob, call);
        assertThat(bobPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, call));

        Signal accept = Signal.builder(SignalType.ACCEPT, call.sessionId()).callType(CallType.VIDEO).sdp(SDP)
                .platform("web").build();
        node2.deliver(bobPage, alice, accept);
        assertThat(alicePage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(bob, accept));

        Signal hangUp = Signal.builder(SignalType.HANG_UP, call.sessionId()).callerId(alice)
                .opponentsIds(List.of(bob)).build();
        node1.deliver(alicePage, bob, hangUp);
        assertThat(bobPage.next(Op.SIGNAL)).isEqualTo(Frame.signalFrom(alice, hangUp));
    }

    @Test
    void anSdpOfTheLargestSizeCrossesAtOnce() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = nodeOn(cluster.member(0));
        XmppRelay node2 = nodeOn(cluster.member(1));
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        String big = "v=0\r\n" + "a=x\r\n".repeat((Limits.MAX_SDP_CHARS - 5) / 5);
        assertThat(big.length()).isGreaterThan(Limits.MAX_SDP_CHARS - 5);

        for (int i = 0; i < 3; i++) {
            Signal call = call(alice, bob, big);
            long start = System.nanoTime();
            node1.deliver(alicePage, bob, call);
            Frame received = bobPage.next(Op.SIGNAL);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(received).isEqualTo(Frame.signalFrom(alice, call));
            assertThat(millis).as("a 48 KiB SDP through the shaper without waiting (%d ms)", millis)
                    .isLessThan(500);
        }
    }

    @Test
    void whoIsOnlineOnOneMemberIsSeenOnTheOther_beforeAnySignal() throws Exception {
        int alice = newUser();
        int bob = newUser();
        XmppRelay node1 = nodeOn(cluster.member(0));
        XmppRelay node2 = nodeOn(cluster.member(1));
        BlockingQueue<String> presence = new LinkedBlockingQueue<>();
        node2.addPresenceListener((user, online) -> {
            if (user == alice) {
                presence.add(user + (online ? " online" : " offline"));
            }
        });
        TestEndpoint.signedIn(node2, bob);
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);

        assertThat(presence.poll(10, TimeUnit.SECONDS)).as("the node directory room, across the cluster")
                .isEqualTo(alice + " online");
        assertThat(node2.isOnline(alice)).isTrue();

        node1.unregister(alicePage);
        assertThat(presence.poll(10, TimeUnit.SECONDS)).isEqualTo(alice + " offline");
        assertThat(node2.isOnline(alice)).isFalse();
    }
}
