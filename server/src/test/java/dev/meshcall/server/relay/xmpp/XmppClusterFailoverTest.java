package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster member dies mid-call (docs/xmpp.md, "When a cluster member dies"): node 1 is given both members
 * ({@code --xmpp-host a,b}) and is on a; node 2 is on b. Member a is killed by its PID while signals flow; node 1
 * logs its user in on b, sends what it held, and a later hang-up reaches node 2 — and node 2's answer comes back.
 */
class XmppClusterFailoverTest {
    private static final String APP = "1";
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static EjabberdCluster cluster;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = EjabberdCluster.start(2);
    }

    @AfterAll
    static void stopCluster() throws Exception {
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

    private XmppRelay node(List<XmppHost> hosts) {
        XmppRelay relay = new XmppRelay(XmppSettings.of(hosts, EjabberdCluster.DOMAIN, APP,
                XmppSettings.Tls.DISABLED).withReconnectDelay(Duration.ofMillis(500)));
        closeAfter.add(relay);
        return relay;
    }

    private static Signal candidates(String session, int n) {
        return Signal.builder(SignalType.ICE_CANDIDATES, session).iceCandidates(List.of(
                new IceCandidate("candidate:" + n + " 1 udp 2122260223 127.0.0.1 " + (40000 + n)
                        + " typ host", "0", 0))).build();
    }

    /** The occupants of the node directory room, as {@code member} sees it (mod_muc_admin); empty without one. */
    private static List<String> occupants(Ejabberd member) {
        try {
            return member.ctl("get_room_occupants", "meshcall-" + APP, "conference." + EjabberdCluster.DOMAIN)
                    .lines().filter(line -> !line.isBlank()).toList();
        } catch (IllegalStateException e) {
            return List.of();  // no such room (yet)
        }
    }

    @Test
    void memberADiesMidCall_node1MovesToB_andALaterHangUpArrives() throws Exception {
        Ejabberd a = cluster.member(0);
        Ejabberd b = cluster.member(1);
        int alice = 501;
        int bob = 502;
        cluster.register(alice + "-" + APP, "pw-" + alice);
        cluster.register(bob + "-" + APP, "pw-" + bob);
        XmppHost hostA = new XmppHost(a.host(), a.port());
        XmppHost hostB = new XmppHost(b.host(), b.port());
        XmppRelay node1 = node(List.of(hostA, hostB));
        XmppRelay node2 = node(List.of(hostB));
        TestEndpoint alicePage = TestEndpoint.signedIn(node1, alice);
        // Node 1 makes the directory room first, so the room lives on member a and dies with it.
        Poll.until("node 1 is in the directory room on member a", Duration.ofSeconds(10),
                () -> occupants(a).size() == 1);
        TestEndpoint bobPage = TestEndpoint.signedIn(node2, bob);
        Poll.until("node 2 sees alice through the room", Duration.ofSeconds(10), () -> node2.isOnline(alice));
        assertThat(node1.currentHost()).isEqualTo(hostA);

        String session = UUID.randomUUID().toString();
        Signal call = Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(alice)
                .opponentsIds(List.of(bob)).sdp(SDP).platform("web").userInfo(Map.of("name", "Alice")).build();
        node1.deliver(alicePage, bob, call);
        assertThat(bobPage.next(Op.SIGNAL).signal()).isEqualTo(call);
        Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO).sdp(SDP).platform("web")
                .build();
        node2.deliver(bobPage, alice, accept);
        assertThat(alicePage.next(Op.SIGNAL).signal()).isEqualTo(accept);
        for (int n = 0; n < 5; n++) {
            node1.deliver(alicePage, bob, candidates(session, n));
        }
        for (int n = 0; n < 5; n++) {
            assertThat(bobPage.next(Op.SIGNAL).signal()).isEqualTo(candidates(session, n));
        }

        a.kill();
        Poll.until("node 1 sees member a go", Duration.ofSeconds(10), () -> node1.loggedInCount() == 0
                || node1.currentHost().equals(hostB));
        Signal hangUp = Signal.builder(SignalType.HANG_UP, session).callerId(alice).opponentsIds(List.of(bob))
                .userInfo(Map.of("reason", "bye")).build();
        node1.deliver(alicePage, bob, hangUp);

        Poll.until("node 1 logs alice in on member b", Duration.ofSeconds(10),
                () -> node1.loggedInCount() == 1 && node1.currentHost().equals(hostB));
        assertThat(bobPage.next(Op.SIGNAL)).as("the hang-up node 1 held while it moved")
                .isEqualTo(Frame.signalFrom(alice, hangUp));
        assertThat(node1.stats().reconnects()).isGreaterThanOrEqualTo(1);

        Signal callBack = Signal.builder(SignalType.CALL, UUID.randomUUID().toString()).callType(CallType.AUDIO)
                .callerId(bob).opponentsIds(List.of(alice)).sdp(SDP).platform("web").build();
        node2.deliver(bobPage, alice, callBack);
        assertThat(alicePage.next(Op.SIGNAL)).as("and the other way, to alice's new stream on b")
                .isEqualTo(Frame.signalFrom(bob, callBack));
        assertThat(node1.isServiceReachable(Duration.ofMillis(200))).isTrue();

        Poll.until("both nodes are in the directory room again, now on member b", Duration.ofSeconds(15),
                () -> occupants(b).size() == 2);
        int carol = 503;
        cluster.register(carol + "-" + APP, "pw-" + carol);
        TestEndpoint carolPage = TestEndpoint.signedIn(node1, carol);
        Poll.until("node 2 sees carol, who signed in on node 1 after the move (node directory)",
                Duration.ofSeconds(10), () -> node2.isOnline(carol));
        int dave = 504;
        cluster.register(dave + "-" + APP, "pw-" + dave);
        TestEndpoint.signedIn(node2, dave);
        Poll.until("node 1 sees dave, who signed in on node 2", Duration.ofSeconds(10), () -> node1.isOnline(dave));
        node1.unregister(alicePage);
        node1.unregister(carolPage);
        Poll.until("node 2 sees alice and carol leave", Duration.ofSeconds(10),
                () -> !node2.isOnline(alice) && !node2.isOnline(carol));
    }
}
