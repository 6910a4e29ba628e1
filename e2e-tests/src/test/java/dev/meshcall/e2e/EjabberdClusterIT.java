package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.Closeables;
import dev.meshcall.server.ServerFlags;
import dev.meshcall.server.ops.MeteredRelay;
import dev.meshcall.server.relay.xmpp.Ejabberd;
import dev.meshcall.server.relay.xmpp.EjabberdCluster;
import dev.meshcall.server.relay.xmpp.XmppHost;
import dev.meshcall.server.relay.xmpp.XmppRelay;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes over a real two-member ejabberd 23.01 cluster (docs/xmpp.md, "When one Prosody is not enough"),
 * each started as a deployment would be, {@code --xmpp-host} with its own member first and the other second: node 1
 * on member a, node 2 on member b. Alice's browser is on node 1, Bob's on node 2: they see each other online, call
 * with media both ways peer to peer, and a sign-out on node 1 closes Bob's page's socket on node 2. Then member a is
 * killed by its PID mid-call: node 1 logs its users in again on member b, the media never stops, and Alice's later
 * hang-up reaches Bob. The kill comes last (it leaves node 1 on member b for good).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EjabberdClusterIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    /** The longest either side's decoded video may stand still while member a dies (a stall is many seconds). */
    private static final Duration MAX_FRAME_GAP = Duration.ofSeconds(2);
    /** How long the media is watched from the kill on, at least: past node 1's logging in again. */
    private static final Duration WATCHED_AFTER_KILL = Duration.ofSeconds(4);

    static EjabberdCluster cluster;
    static TestServer node1;
    static TestServer node2;
    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void twoNodesOnTwoMembers() {
        cluster = EjabberdCluster.start(2);
        node1 = nodeOn(cluster.member(0), cluster.member(1));
        node2 = nodeOn(cluster.member(1), cluster.member(0));
        List<Browser> browsers = env.browsers().start("alice", "bob");
        alice = Participant.onHarness("alice", browsers.get(0), node1);
        bob = Participant.onHarness("bob", browsers.get(1), node2);
    }

    /** A node started with {@code --xmpp-host OWN,OTHER --xmpp-domain localhost}, as docs/xmpp.md says to. */
    private static TestServer nodeOn(Ejabberd own, Ejabberd other) {
        try {
            XmppSettings service = ServerFlags.parse(new String[] {
                "--xmpp-host", own.host() + ":" + own.port() + "," + other.host() + ":" + other.port(),
                "--xmpp-domain", EjabberdCluster.DOMAIN, "--xmpp-tls", "disabled", "--xmpp-app-id", "1"},
                    Map.of()).xmpp();
            return TestServer.xmppNode(UnaryOperator.identity(), service);
        } catch (ServerFlags.UsageException e) {
            throw new IllegalStateException("the flags of a node on " + own + ": " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(node1, node2, cluster);
    }

    @Test
    @Order(1)
    void usersOnBothMembersSeeEachOtherAndCall_andASignOutOnNode1ClosesTheSocketOnNode2() {
        alice.signIn();
        bob.signIn();
        assertThat(relayOf(node1).currentHost()).as("node 1's member").isEqualTo(hostOf(cluster.member(0)));
        assertThat(relayOf(node2).currentHost()).as("node 2's member").isEqualTo(hostOf(cluster.member(1)));
        alice.waitForEvent("onPresenceListener", e -> bob.account().idText().equals(e.userId())
                && Boolean.TRUE.equals(e.get("online")));
        Poll.until("node 1 lists Bob (node 2) online", Participant.TIMEOUT, () -> listsOnline(node1, alice, bob));
        Poll.until("node 2 lists Alice (node 1) online", Participant.TIMEOUT, () -> listsOnline(node2, bob, alice));
        // Bob's other tab reaches node 1 with the same sign-in (a balancer in front of the nodes).
        try (OnlineUser bobsOtherTab = OnlineUser.connect(node1, bob.account(), bob.token())) {
            talking();
            alice.hangUp();
            bob.waitForEvent("onStopCallListener", alice);

            node1.logout(bob.token());

            Event closed = bob.waitForEvent("onDisconnectedListener");
            assertThat(String.valueOf(closed.get("reason"))).as("Bob's page on node 2, signed out on node 1")
                    .contains("1008").contains("signed out");
            alice.waitForEvent("onPresenceListener", e -> bob.account().idText().equals(e.userId())
                    && Boolean.FALSE.equals(e.get("online")));
        }
    }

    @Test
    @Order(2)
    void memberADiesMidCall_node1MovesToB_theMediaNeverStops_andALaterHangUpArrives() {
        alice.signIn();
        bob.signIn();
        XmppRelay relay1 = relayOf(node1);
        assertThat(relay1.currentHost()).as("node 1's member before the kill").isEqualTo(hostOf(cluster.member(0)));
        talking();
        long reconnectsBefore = relay1.stats().reconnects();
        FramesWatch media = new FramesWatch(alice, bob);

        cluster.member(0).kill();
        long killedAt = System.nanoTime();

        Poll.until("node 1 logs its users in again on member b, video decoded all along on both sides",
                Duration.ofSeconds(20), () -> {
                    media.sample();
                    return System.nanoTime() - killedAt >= WATCHED_AFTER_KILL.toNanos()
                            && relay1.currentHost().equals(hostOf(cluster.member(1)))
                            && relay1.stats().reconnects() > reconnectsBefore
                            && relay1.sessionCount() > 0 && relay1.loggedInCount() == relay1.sessionCount();
                });
        Figures.print("longest-frame-gap-through-member-kill", "ejabberd-cluster", "both", media.longestGapMillis());
        assertThat(alice.events("onDisconnectedListener")).as("Alice's socket on node 1 stayed open").isEmpty();

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    /** Alice (node 1) calls Bob (node 2), he accepts, and each decodes and hears the other over loopback. */
    private static void talking() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        Figures.acceptToConnected("ejabberd-cluster", alice, bob);
        alice.seesAndHearsEachOther(bob);
        alice.usesLoopbackPathWith(bob);
    }

    private static boolean listsOnline(TestServer node, Participant viewer, Participant other) {
        return node.users(viewer.account()).stream()
                .anyMatch(u -> other.account().idText().equals(String.valueOf(u.get("id")))
                        && Boolean.TRUE.equals(u.get("online")));
    }

    private static XmppRelay relayOf(TestServer node) {
        return (XmppRelay) ((MeteredRelay) node.server().relay()).delegate();
    }

    private static XmppHost hostOf(Ejabberd member) {
        return new XmppHost(member.host(), member.port());
    }

    /**
     * Both sides' decoded video frames, read at each {@link #sample}: fails at once when either side's count has not
     * risen for longer than {@link #MAX_FRAME_GAP}.
     */
    private static final class FramesWatch {
        private final Participant[][] sides;
        private final long[] frames;
        private final long[] risenAt;
        private long longestGap;

        FramesWatch(Participant a, Participant b) {
            this.sides = new Participant[][] {{a, b}, {b, a}};
            this.frames = new long[sides.length];
            this.risenAt = new long[sides.length];
            long now = System.nanoTime();
            for (int i = 0; i < sides.length; i++) {
                frames[i] = sides[i][0].inboundVideoFramesDecoded(sides[i][1]);
                risenAt[i] = now;
            }
        }

        void sample() {
            for (int i = 0; i < sides.length; i++) {
                long now = System.nanoTime();
                long decoded = sides[i][0].inboundVideoFramesDecoded(sides[i][1]);
                long gap = now - risenAt[i];
                if (decoded > frames[i]) {
                    frames[i] = decoded;
                    risenAt[i] = now;
                    longestGap = Math.max(longestGap, gap);
                } else if (gap > MAX_FRAME_GAP.toNanos()) {
                    throw new AssertionError(sides[i][0] + "'s video from " + sides[i][1] + " stood still at "
                            + decoded + " frames for " + gap / 1_000_000 + " ms");
                }
            }
        }

        double longestGapMillis() {
            return longestGap / 1e6;
        }
    }
}
