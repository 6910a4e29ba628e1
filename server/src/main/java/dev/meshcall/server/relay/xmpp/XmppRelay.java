package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.PresenceListener;
import dev.meshcall.server.relay.Relay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jivesoftware.smack.UnparseableStanza;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay over an XMPP service (docs/xmpp.md): the service is the authority for identity, presence and
 * routing, so any number of server nodes can share users. Each signed-in user has one Smack connection on this node
 * ({@code userId-appId@domain/meshcall-NODE}), shared by all of the user's WebSockets here, and available presence
 * while at least one is open.
 *
 * <p>This class only composes the parts and keeps Smack behind our own API (docs/architecture.md):
 * <ul>
 * <li>{@link XmppSessions}: the users' sessions on this node and the watchdog that logs them in again;</li>
 * <li>{@link XmppPresence}: who is online (this node's pages, other connections' presence, the node directory);</li>
 * <li>{@link XmppAccountService}: in-band sign-up, vCard names and token revocations in the users' accounts;</li>
 * <li>{@link XmppSignalPath}: signals out as the seed system's stanza, and incoming stanzas checked and handed on.
 * </li>
 * </ul>
 * The sessions tell what they hear to one {@link XmppUserSession.Listener} here, which hands it to the part it
 * concerns; {@link XmppMetrics} reads {@link #stats}, {@link #sessionCount} and {@link #loggedInCount}.
 */
public final class XmppRelay implements Relay, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XmppRelay.class);

    private final XmppSettings settings;
    private final XmppHosts hosts;
    private final XmppAddresses addresses;
    private final XmppStats stats = new XmppStats();
    private final XmppBackground background = new XmppBackground();
    private final XmppSessions sessions;
    private final XmppAccountService accounts;
    private final XmppPresence presence;
    private final XmppSignalPath signals;
    private final NodePushRequests pushRequests;
    private final AtomicBoolean toldNoRoom = new AtomicBoolean();

    public XmppRelay(XmppSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hosts = new XmppHosts(settings.hosts());
        this.addresses = new XmppAddresses(settings.domain(), settings.appId());
        String resource = "meshcall-" + UUID.randomUUID().toString().substring(0, 8);
        ExtraParamsProvider.register();
        this.sessions = new XmppSessions(settings, hosts, addresses, resource, background, new SessionEvents());
        this.accounts = new XmppAccountService(settings, hosts, addresses, resource, sessions, background, stats);
        this.presence = new XmppPresence(settings, addresses, resource, sessions, background,
                accounts::lookUpNameSoon);
        this.signals = new XmppSignalPath(settings, addresses, sessions, presence, stats);
        this.pushRequests = new NodePushRequests(settings.tokenSecret() == null ? null
                : TokenSeal.shared(settings.tokenSecret(), NodePushRequests.PURPOSE), Clock.systemUTC(), stats);
        sessions.addListener(accounts);  // a new session's own name is read before the directory is joined
        sessions.addListener(presence);
        sessions.startWatchdog();
    }

    XmppAddresses addresses() {
        return addresses;
    }

    public XmppSettings settings() {
        return settings;
    }

    /** Counters for metrics and tests. */
    public XmppStats stats() {
        return stats;
    }

    /** Sets who is told of signals arriving from XMPP (the server's session registry). */
    public void onIncoming(IncomingSignalListener listener) {
        signals.onIncoming(listener);
    }

    /** Sets who is told when another node asks this one to push to a user ({@link NodePushRequests}). */
    public void onPushRequest(PushRequestListener listener) {
        pushRequests.onRequest(listener);
    }

    /**
     * Asks the other nodes, through the node directory room, to ring {@code recipientId} by Web Push for
     * {@code callerId}'s call {@code sessionId} ({@link NodePushRequests}). Never blocks for long (one stanza
     * written, as a signal is).
     *
     * @return whether the request went out: not without the nodes' shared secret, nor while this node is not in the
     *     room (no multi-user chat on the service, or not joined yet)
     */
    public boolean askNodesToRing(int callerId, int recipientId, String sessionId, CallType callType) {
        return pushRequests.ring(callerId, recipientId, sessionId, callType).map(this::sendToNodes).orElse(false);
    }

    /** Asks the other nodes to take away the notification of {@code sessionId} (as {@link #askNodesToRing}). */
    public boolean askNodesToCancel(int callerId, int recipientId, String sessionId) {
        return pushRequests.cancel(callerId, recipientId, sessionId).map(this::sendToNodes).orElse(false);
    }

    /** Whether this node can ask the others to push: it has the nodes' shared secret. */
    public boolean asksNodesToPush() {
        return pushRequests.enabled();
    }

    private boolean sendToNodes(ExtensionElement element) {
        boolean sent = presence.sendToNodes(element);
        if (!sent && presence.hasNoDirectory() && toldNoRoom.compareAndSet(false, true)) {
            LOG.warn("the XMPP service offers no multi-user chat: this node pushes calls only to the subscriptions"
                    + " posted through it, and cannot ask the other nodes (docs/xmpp.md, \"Web Push\")");
        }
        return sent;
    }

    /**
     * Logs the user in to the XMPP service as {@code userId-appId@domain}, blocking (call from a worker thread).
     * On success the user has a session on this node that the user's WebSockets attach to; a new login replaces an
     * old session of the same user.
     *
     * @throws XmppLoginException {@code WRONG_PASSWORD} or {@code UNAVAILABLE}
     */
    public void login(int userId, String password) throws XmppLoginException {
        sessions.login(userId, password);
    }

    /** Creates the user's XMPP account by in-band registration (XEP-0077), blocking: {@link XmppAccountService}. */
    public void signUp(int userId, String password) throws XmppRegistrationException {
        accounts.signUp(userId, password);
    }

    /** Writes the name given at sign-up into the user's vCard, blocking: {@link XmppAccountService}. */
    public void saveName(int userId, String password, String fullName) {
        accounts.saveName(userId, password, fullName);
    }

    /** The user's display name as far as this node knows, or {@code User N}. */
    public String nameOf(int userId) {
        return accounts.nameOf(userId);
    }

    /** Reads the names of {@code users} this node has not read yet, until {@code budget} is spent; blocking. */
    public void loadNames(Iterable<Integer> users, Duration budget) {
        accounts.loadNames(users, budget);
    }

    /** Users with a session on this node or seen online through presence. */
    public Set<Integer> knownUsers() {
        return presence.knownUsers();
    }

    /** The full JID of the user's connection on this node, or {@code null} (for tests and logs). */
    Jid sessionJid(int userId) {
        return sessions.jidOf(userId);
    }

    /** Whether the user has a session on this node (logged in now or being logged in again). */
    public boolean hasSession(int userId) {
        return sessions.get(userId) != null;
    }

    /**
     * Whether the user's token {@code tokenId} was revoked on any node (call it after {@link #login}); blocking.
     *
     * @throws XmppStorageException when the service cannot tell now
     */
    public boolean isRevoked(int userId, String tokenId) throws XmppStorageException {
        return accounts.isRevoked(userId, tokenId);
    }

    /**
     * Records in the user's account that token {@code tokenId} is revoked, so that no node accepts it any more
     * ({@link XmppAccountService#revoke}), and tells the user's other connections seen available at once, so that
     * their nodes close the sockets of that token.
     *
     * @param password what the token carries, to log in for the write when the user has no session here
     */
    public void revoke(int userId, String password, String tokenId, Instant expires) {
        accounts.revoke(userId, password, tokenId, expires);
        XmppUserSession session = sessions.get(userId);
        if (session != null) {
            signals.copyToOwnDevices(session, RevokedTokens.notice(tokenId, expires));
        }  // else no connection here sees the user's others; their nodes read the account before new sockets
    }

    /**
     * Sets who is told of a token revoked on another node, as the user's own connection there said (the server
     * remembers it and closes the sockets opened with it).
     */
    public void onRevokedElsewhere(RevokedElsewhereListener listener) {
        accounts.onRevokedElsewhere(listener);
    }

    /**
     * Whether a host of the XMPP service accepts TCP connections (for readiness; no login needed): the one the node
     * uses now, else any other, each within {@code timeout}.
     */
    public boolean isServiceReachable(Duration timeout) {
        for (XmppHost host : hosts.inOrder()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host.host(), host.port()), (int) timeout.toMillis());
                return true;
            } catch (IOException e) {
                // the next host
            }
        }
        return false;
    }

    /** The host of the XMPP service this node tries first now: the one that last took a connection. */
    public XmppHost currentHost() {
        return hosts.current();
    }

    /**
     * Pings the XMPP service over the user's connection (XEP-0199); blocking.
     *
     * @return whether the service answered within the timeout
     */
    @Override
    public boolean ping(int userId, Duration timeout) {
        return sessions.ping(userId, timeout);
    }

    @Override
    public void register(Endpoint endpoint) {
        XmppUserSession session = sessions.get(endpoint.userId());
        if (session == null) {
            endpoint.send(Frame.error(ErrorCode.UNAUTHORIZED, "no XMPP session for user " + endpoint.userId()
                    + " on this server; sign in again", null));
            return;
        }
        session.attach(endpoint);
        presence.localChanged(endpoint.userId());
    }

    @Override
    public void unregister(Endpoint endpoint) {
        XmppUserSession session = sessions.get(endpoint.userId());
        if (session == null) {
            return;
        }
        session.detach(endpoint);
        presence.localChanged(endpoint.userId());
    }

    /**
     * Sends the signal as the seed's stanza to {@code to}'s bare JID ({@link XmppSignalPath#deliver}): answers
     * {@link Delivery#SENT_TO_NOBODY_SEEN} for a recipient this node has not seen online, never
     * {@link Delivery#OFFLINE}.
     *
     * @throws ProtocolException {@code unauthorized} when the sender has no session here; {@code unavailable} when
     *     the send buffer is full; {@code bad_request} when the signal cannot be written as XML
     */
    @Override
    public Delivery deliver(Endpoint origin, int to, Signal signal) {
        return signals.deliver(origin, to, signal);
    }

    /** Online: a page open on this node, or available presence seen from another connection of the user. */
    @Override
    public boolean isOnline(int userId) {
        return presence.isOnline(userId);
    }

    @Override
    public ListenerHandle addPresenceListener(PresenceListener listener) {
        return presence.addListener(listener);
    }

    /** How many connections of the user on other nodes (or by other clients) this node has seen available. */
    int remoteDevices(int userId) {
        return presence.remoteDevices(userId);
    }

    /** How many users have a session on this node. */
    public int sessionCount() {
        return sessions.count();
    }

    /** How many of them are logged in right now. */
    public int loggedInCount() {
        return sessions.loggedInCount();
    }

    /**
     * Stops the watchdog and the background work first (waiting for a round under way, so that none lands on a
     * stopped pool), then closes every XMPP connection (unavailable presence reaches the other nodes).
     */
    @Override
    public void close() {
        background.close();
        sessions.closeAll();
    }

    /** Hands what a session hears to the part it concerns; on Smack's threads. */
    private final class SessionEvents implements XmppUserSession.Listener {
        @Override
        public void received(XmppUserSession session, Message message) {
            if (NodePushRequests.isRequest(message)) {
                if (!presence.isThisNode(message.getFrom())) {  // not the room's echo of this node's own request
                    pushRequests.take(message, presence.isOtherNode(message.getFrom()));
                }
            } else if (!accounts.takeRevocationNotice(session, message)) {
                signals.received(session, message);
            }
        }

        @Override
        public void presence(XmppUserSession session, Presence stanza) {
            presence.received(session, stanza);
        }

        @Override
        public void unparsable(XmppUserSession session, UnparseableStanza stanza) {
            LOG.warn("user {}: dropped an unreadable stanza: {}", session.userId(),
                    stanza.getParsingException().toString());
            stats.dropped("unparsable");
        }

        @Override
        public void streamLost(XmppUserSession session) {
            presence.streamLost(session);
        }

        @Override
        public void reconnected(XmppUserSession session) {
            stats.reconnected();
            LOG.info("user {} logged in to XMPP again", session.userId());
        }

        @Override
        public void passwordRefused(XmppUserSession session, Frame reason) {
            sessions.close(session, reason);
        }

        @Override
        public void buffered(XmppUserSession session) {
            stats.buffered();
        }

        @Override
        public void expired(XmppUserSession session) {
            stats.dropped("expired");
        }
    }
}
