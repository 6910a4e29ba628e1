package dev.meshcall.server;

import static dev.meshcall.server.XmppNodes.ws;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.server.relay.xmpp.Prosody;
import java.time.Duration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users of other XMPP clients, the seed system's own SDK among them, send only broadcast presence: it reaches the
 * subscribers in their roster, and no directed presence comes before they signal. With a shared roster group on the
 * service (Prosody's {@code mod_groups}, docs/xmpp.md "Users of the seed system's own SDK") a MeshCall user's own XMPP
 * session is such a subscriber, so the page shows them online and offline with nobody asking or granting a
 * subscription. Outside the group they stay unseen: that is the limit, not a fault.
 */
class XmppSharedRosterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Prosody prosody;
    private static XmppNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        prosody = Prosody.startWithSharedRoster("461-7", "462-7", "464-7");
        nodes = XmppNodes.onProsody(prosody, "xmpp-shared-roster-test: both nodes share this secret");
        for (int id : new int[] {461, 462, 463, 464}) {
            prosody.register(id + "-7", "secret-" + id);
        }
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(nodes, prosody);
    }

    @Test
    void anotherClientInTheGroup_showsOnlineAndOfflineOnThePage_thoughItSendsNoDirectedPresence() throws Exception {
        String watcherToken = nodes.http1.login("461", "secret-461");
        try (TestSocket watcher = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), watcherToken, 461)) {
            XMPPTCPConnection seedClient = login(462);
            try {
                assertThat(watcher.nextPresenceOf(462)).as("its login's broadcast presence")
                        .isEqualTo(Frame.presence(462, true));
                assertThat(listedOnline(watcherToken, 462)).isTrue();
            } finally {
                seedClient.disconnect();
            }
            assertThat(watcher.nextPresenceOf(462)).isEqualTo(Frame.presence(462, false));
            assertThat(listedOnline(watcherToken, 462)).isFalse();
        }
    }

    @Test
    void anotherClientInTheGroupOnlineBeforeThePageOpens_isListedOnline() throws Exception {
        XMPPTCPConnection seedClient = login(464);
        try {
            String watcherToken = nodes.http2.login("461", "secret-461");
            try (TestSocket watcher = TestSocket.authenticated(nodes.http2.client, ws(nodes.node2), watcherToken,
                    461)) {
                // the watcher's XMPP session probes its roster when it becomes available (RFC 6121, 4.3)
                Poll.until("464 listed online on node 2", WAIT, () -> listedOnline(nodes.http2, watcherToken, 464));
                watcher.assertAliveWithNothingPending();
            }
        } finally {
            seedClient.disconnect();
        }
    }

    @Test
    void aClientOutsideTheGroup_staysUnseenUntilItSignals() throws Exception {
        String watcherToken = nodes.http1.login("461", "secret-461");
        try (TestSocket watcher = TestSocket.authenticated(nodes.http1.client, ws(nodes.node1), watcherToken, 461)) {
            XMPPTCPConnection outsider = login(463);
            XMPPTCPConnection member = login(462);
            try {
                // 462's presence comes; by then the service has long handled 463's login, which goes to nobody
                assertThat(watcher.nextPresenceOf(462)).isEqualTo(Frame.presence(462, true));
                assertThat(listedOnline(watcherToken, 463)).as("463 is in no shared group").isFalse();
            } finally {
                member.disconnect();
                outsider.disconnect();
            }
        }
    }

    /** A plain XMPP client of user {@code id}, as the seed's SDK is: it logs in and sends its available presence. */
    private static XMPPTCPConnection login(int id) throws Exception {
        XMPPTCPConnection client = new XMPPTCPConnection(
                prosody.client(id + "-7", "secret-" + id, "seed-sdk").build());
        client.connect();
        client.login();
        return client;
    }

    private static boolean listedOnline(String token, int userId) {
        return listedOnline(nodes.http1, token, userId);
    }

    private static boolean listedOnline(TestHttp http, String token, int userId) {
        for (var user : http.get("/api/users", token).body().get("users")) {
            if (user.get("id").intValue() == userId) {
                return user.get("online").booleanValue();
            }
        }
        return false;
    }
}
