package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.Closeables;
import dev.meshcall.server.ServerConfig;
import dev.meshcall.server.relay.xmpp.Prosody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two XMPP-mode nodes behind a balancer (docs/xmpp.md, "Several nodes, one service"): the web app signed in through
 * node 1 holds only a token; node 1 shuts down (closing the page's socket with 1001), the balancer sends the page's
 * reconnect to node 2, which accepts node 1's token (the nodes share the token secret), logs the user in to XMPP,
 * and the user can be called there, media and all. Before that, the page on node 1 shows the user on node 2 online
 * (the nodes' directory room).
 */
class NodeFailoverIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    private static Prosody prosody;
    private static TestServer node1;
    private static TestServer node2;
    private static LoopbackBalancer balancer;

    @BeforeAll
    static void twoNodesBehindABalancer() {
        prosody = Prosody.start();
        balancer = new LoopbackBalancer(0); // pointed at node 1 once it runs
        node1 = new TestServer(behind(balancer), prosody);
        node2 = new TestServer(behind(balancer), prosody);
        balancer.pointAt(node1.server().port());
    }

    /**
     * A node that answers as the balancer (what a deployment sets with {@code --public-url}) and as itself on its own
     * port, where the harness page of the other person connects directly.
     */
    private static UnaryOperator<ServerConfig> behind(LoopbackBalancer balancer) {
        int port = freeLoopbackPort();
        return config -> config.withPort(port).withSecurity(config.security().withPublicUrls(
                List.of(URI.create(balancer.baseUrl()), URI.create("http://127.0.0.1:" + port))));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(balancer, node2, node1, prosody);
    }

    @Test
    void whenItsNodeShutsDownThePageReconnectsToAnotherWithItsToken_andCanBeCalledThere() {
        List<Browser> browsers = env.browsers().start("rita", "sam");
        Participant rita = Participant.onWebPage("rita", browsers.get(0), node1, balancer.baseUrl()).signUpOnPage();
        Participant sam = Participant.onHarness("sam", browsers.get(1), node2).signIn();
        rita.page().waitUntilOnline(sam.account());  // sam is on the other node: the node directory tells node 1

        balancer.pointAt(node2.server().port());
        node1.server().close();

        Event back = rita.waitForEvent("onReconnectListener");
        assertThat(back).as("the page's SDK reconnected through the balancer").isNotNull();
        assertThat(rita.events("onDisconnectedListener")).as("told of the loss first").isNotEmpty();
        assertThat(String.valueOf(rita.events("onDisconnectedListener").get(0).get("extension")))
                .as("the node said it was going away").contains("1001");
        sam.call(rita, VIDEO);
        rita.page().waitForIncomingCall();
        rita.accept();
        sam.waitForConnectedTo(rita);
        rita.page().waitForStatus("connected");
        sam.seesVideoFrom(rita);
        rita.seesVideoFrom(sam);

        sam.hangUp();
        rita.page().waitForStatus("ended");
    }
}
