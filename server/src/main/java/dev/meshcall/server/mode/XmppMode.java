package dev.meshcall.server.mode;

import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.push.PushPeers;
import dev.meshcall.server.push.PushSubscriptionStore;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.xmpp.IncomingSignalListener;
import dev.meshcall.server.relay.xmpp.XmppAccounts;
import dev.meshcall.server.relay.xmpp.XmppMetrics;
import dev.meshcall.server.relay.xmpp.XmppRelay;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.relay.xmpp.XmppSocketAuthenticator;
import dev.meshcall.server.ws.Connections;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XMPP mode ({@code docs/xmpp.md}): identity, presence and routing live in the XMPP service, and any number of nodes
 * share it. The node keeps no database: the service holds the accounts, and the node cannot look them up without
 * blocking, so a signal to any user id goes on to the relay. Tokens are sealed with the nodes' shared key when one
 * is set, so that a page may reconnect to any node, and a revocation on one node reaches the others through the
 * user's account. The Web Push subscriptions posted through this node are kept in a database file of its own in the
 * data directory ({@code PushSubscriptionStore.openOwn}); the nodes ask each other to push through the node directory
 * room ({@link XmppPushPeers}).
 */
public final class XmppMode implements RelayMode {
    private static final Logger LOG = LoggerFactory.getLogger(XmppMode.class);
    /** How long {@code /health/ready} waits for a TCP connection to the service. */
    private static final Duration REACHABLE_WITHIN = Duration.ofSeconds(1);

    private final XmppRelay xmpp;
    private PushSubscriptionStore pushSubscriptions;

    public XmppMode(XmppSettings settings) {
        this.xmpp = new XmppRelay(settings);
    }

    @Override
    public Relay relay() {
        return xmpp;
    }

    @Override
    public TokenSeal tokenSeal() {
        return xmpp.settings().tokenSeal();
    }

    /**
     * Checks and learns from signals arriving from other nodes, meters the bridge, and passes revocations both ways:
     * one here is saved to the user's account, one saved elsewhere closes this node's sockets of that token. Opens
     * the node's own push subscriptions.
     *
     * @throws IOException when the push subscriptions' database cannot be opened, naming the directory
     */
    @Override
    public synchronized ModeServices open(ModeContext node) throws IOException {
        if (pushSubscriptions != null) {
            throw new IllegalStateException("the push subscriptions in " + node.dataDir() + " are already open");
        }
        pushSubscriptions = PushSubscriptionStore.openOwn(node.dataDir(), Clock.systemUTC());
        TokenService tokens = node.tokens();
        Connections connections = node.connections();
        xmpp.onIncoming(IncomingSignalListener.checking(node.sessions()));
        XmppMetrics.bind(xmpp, node.metrics());
        tokens.addRevocationListener(grant -> xmpp.revoke(grant.userId(), grant.secret(), grant.id(),
                grant.expires()));
        xmpp.onRevokedElsewhere((userId, tokenId, expires) -> {
            tokens.revokeHere(tokenId, expires);
            connections.closeSocketsWhere(userId, token -> tokenId.equals(tokens.idOf(token).orElse(null)));
        });
        if (xmpp.settings().tokenSecret() == null) {
            LOG.info("login tokens work on this node only, and Web Push reaches only the subscriptions posted through"
                    + " it; give every node the same MESHCALL_XMPP_TOKEN_SECRET to let a page reconnect to any of"
                    + " them and the nodes ask each other to push");
        }
        return new ModeServices(new XmppAccounts(xmpp, tokens, node.loginThrottle()),
                new XmppSocketAuthenticator(xmpp, tokens), userId -> true, pushSubscriptions,
                xmpp.asksNodesToPush() ? new XmppPushPeers(xmpp) : PushPeers.NONE);
    }

    /** The service is unreachable when a TCP connection to it cannot be made within a second. */
    @Override
    public String notReadyReason() {
        if (!xmpp.isServiceReachable(REACHABLE_WITHIN)) {
            return "the XMPP service at " + xmpp.settings().hostsText() + " is unreachable";
        }
        return null;
    }

    @Override
    public synchronized void close() {
        xmpp.close();
        if (pushSubscriptions != null) {
            pushSubscriptions.close();
            pushSubscriptions = null;
        }
    }
}
