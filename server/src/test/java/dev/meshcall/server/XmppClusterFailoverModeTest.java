package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.Ejabberd;
import dev.meshcall.server.relay.xmpp.EjabberdCluster;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes over a two-member ejabberd cluster, node 1 started as {@code --xmpp-host A,B} (docs/xmpp.md,
 * "When a cluster member dies"): member a is killed by its PID mid-call; node 1 stays ready, its page's socket stays
 * open, and a hang-up sent after the kill reaches the page on node 2.
 */
class XmppClusterFailoverModeTest {
    private static EjabberdCluster cluster;
    private static XmppNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        cluster = EjabberdCluster.start(2);
        Ejabberd a = cluster.member(0);
        Ejabberd b = cluster.member(1);
        String secret = "xmpp-cluster-failover-mode-test: the nodes share it";
        XmppSettings both = ServerFlags.parse(new String[] {"--xmpp-host", a.host() + ":" + a.port() + ","
                + b.host() + ":" + b.port(), "--xmpp-domain", EjabberdCluster.DOMAIN, "--xmpp-tls", "disabled",
                "--xmpp-app-id", "7"}, Map.of("MESHCALL_XMPP_TOKEN_SECRET", secret)).xmpp()
                .withReconnectDelay(Duration.ofMillis(300));
        XmppSettings onB = b.settings("7").withReconnectDelay(Duration.ofMillis(300)).withTokenSecret(secret);
        nodes = XmppNodes.start(cluster, both, onB);
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, cluster);
    }

    @Test
    void memberADiesMidCall_node1StaysReady_andALaterHangUpArrives() {
        try (XmppNodes.Answered call = nodes.answeredCall(451, 452)) {
            TestSocket alice = call.caller();
            TestSocket bob = call.callee();
            String session = call.session();
            cluster.member(0).kill();
            Signal hangUp = Signal.builder(SignalType.HANG_UP, session).callerId(451).opponentsIds(List.of(452))
                    .build();
            // A stanza written in the moment the member dies is lost (no stream management: docs/xmpp.md), so the
            // hang-up goes once node 1 has logged alice in again, on b.
            Poll.until("node 1 logs alice in again on member b", Duration.ofSeconds(15),
                    () -> MetricsText.value(nodes.http1, "meshcall_xmpp_reconnects_total") >= 1
                            && MetricsText.value(nodes.http1, "meshcall_xmpp_logged_in") == 1);
            assertThat(nodes.http1.get("/health/ready", null).status()).isEqualTo(200);
            alice.send(Frame.signalTo(452, hangUp, "h1"));

            assertThat(bob.nextIgnoringPresence()).as("the hang-up after member a died")
                    .isEqualTo(Frame.signalFrom(451, hangUp));
            alice.send(Frame.ping("p"));
            assertThat(alice.nextIgnoringPresence()).as("alice's socket on node 1 stayed open")
                    .isEqualTo(Frame.pong("p"));
        }
    }
}
