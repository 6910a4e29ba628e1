package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.relay.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.UnparseableStanza;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in user's XMPP connection on this node, shared by all of that user's WebSockets here. It sends only
 * while logged in: a stanza handed over meanwhile waits in this session's own bounded buffer (Smack's queue would
 * be written before the login on reconnect and wedge the connection), and is sent right after the next
 * login, or answered with {@code unavailable} when it got too old. The watchdog ({@link XmppSessions}) calls
 * {@link #ensureLoggedIn} for sessions that are not logged in. When the host it was connected to is gone (a
 * cluster member died), the next login goes to the next host of the service ({@link XmppHosts}) over a new Smack
 * connection, and what waited in the buffer goes out there.
 *
 * <p>The session owns its state, the user's pages here ({@link #attach}, {@link #detach}) included; what it hears
 * and what happens to its stream it tells its {@link Listener}, as Smack's connections tell a
 * {@code ConnectionListener}.
 */
final class XmppUserSession {
    private static final Logger LOG = LoggerFactory.getLogger(XmppUserSession.class);

    /**
     * Told what a session hears and what happens to its stream, on Smack's threads (so nothing here may block for
     * long). Every method does nothing by default.
     */
    interface Listener {
        /** A message stanza for the user (a signal, a bounce, a revocation notice, or anything else). */
        default void received(XmppUserSession session, Message message) {
        }

        /** A presence stanza (another device's or user's, or the node directory room's: RFC 6121, section 4). */
        default void presence(XmppUserSession session, Presence presence) {
        }

        /** A stanza Smack could not parse; it was dropped. */
        default void unparsable(XmppUserSession session, UnparseableStanza stanza) {
        }

        /** The stream ended: what the session heard of others is stale until it hears again. */
        default void streamLost(XmppUserSession session) {
        }

        /** The watchdog logged the session in again after a loss. */
        default void reconnected(XmppUserSession session) {
        }

        /** The service now refuses the session's password: the session should be closed with {@code reason}. */
        default void passwordRefused(XmppUserSession session, Frame reason) {
        }

        /** A stanza had to wait in the session's buffer. */
        default void buffered(XmppUserSession session) {
        }

        /** A held signal got too old and its sender was told it was not delivered. */
        default void expired(XmppUserSession session) {
        }
    }

    private final Listener listener;
    private final XmppSettings settings;
    private final XmppHosts hosts;
    private final XmppAddresses addresses;
    private final int userId;
    private final String resource;
    /** The Smack connection to {@link #host}; replaced when the session moves to another host. */
    private volatile XMPPTCPConnection connection;
    private volatile XmppHost host;
    /** The user's pages on this node; guarded by {@link #endpointLock} for changes. */
    private final Set<Endpoint> endpoints = new CopyOnWriteArraySet<>();
    private final Object endpointLock = new Object();
    /** Users this connection has sent directed presence to since it logged in or became available. */
    private final Set<Integer> presenceSentTo = ConcurrentHashMap.newKeySet();
    /** Users this connection exchanged presence with, and whether they are available as far as it knows. */
    private final Map<Integer, Boolean> peers = new ConcurrentHashMap<>();
    private final Deque<Pending> buffer = new ArrayDeque<>();
    private final Object lock = new Object();
    private volatile long notLoggedInSince = System.nanoTime();
    private volatile long idleSince = System.nanoTime();
    private volatile boolean closed;
    private volatile boolean everLoggedIn;
    /** Whether available presence is out on the current stream. */
    private volatile boolean available;
    /** What this session logged in with, to let the same user sign in again without a new XMPP login. */
    private final byte[] password;

    private record Pending(Stanza stanza, int to, long enqueuedNanos, boolean signal) {
    }

    XmppUserSession(Listener listener, XmppSettings settings, XmppHosts hosts, XmppAddresses addresses, int userId,
            String password, String resource) {
        this.listener = listener;
        this.settings = settings;
        this.hosts = hosts;
        this.addresses = addresses;
        this.userId = userId;
        this.resource = resource;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.host = hosts.current();
        this.connection = newConnection(host);
    }

    /** A Smack connection to {@code to}, its stanzas and stream events wired to this session. */
    private XMPPTCPConnection newConnection(XmppHost to) {
        XMPPTCPConnection made = XmppConnections.create(settings, to, addresses.localpart(userId),
                new String(password, StandardCharsets.UTF_8), resource);
        made.setParsingExceptionCallback(unparsable -> listener.unparsable(this, unparsable));
        made.addSyncStanzaListener(stanza -> listener.received(this, (Message) stanza), StanzaTypeFilter.MESSAGE);
        made.addSyncStanzaListener(stanza -> listener.presence(this, (Presence) stanza), StanzaTypeFilter.PRESENCE);
        made.addConnectionListener(new ConnectionListener() {
            @Override
            public void authenticated(XMPPConnection c, boolean resumed) {
                if (made == connection) {
                    onLoggedIn();
                }
            }

            @Override
            public void connectionClosed() {
                if (made == connection) {
                    onLost(null);
                }
            }

            @Override
            public void connectionClosedOnError(Exception e) {
                if (made == connection) {
                    onLost(e);
                }
            }
        });
        return made;
    }

    int userId() {
        return userId;
    }

    /** Whether {@code candidate} is the password this session logged in with (constant time). */
    boolean passwordMatches(String candidate) {
        return MessageDigest.isEqual(password, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The full JID of this session's connection, or {@code null} before the first login. */
    Jid jid() {
        return connection.getUser();
    }

    XMPPConnection connection() {
        return connection;
    }

    boolean isLoggedIn() {
        return connection.isAuthenticated();
    }

    /**
     * Connects and logs in, blocking; the first call decides whether the password is right.
     *
     * @throws XmppLoginException {@code WRONG_PASSWORD} when the service refuses the credentials, else
     *     {@code UNAVAILABLE}
     */
    void login() throws XmppLoginException {
        try {
            if (!connection.isConnected()) {
                notLoggedInSince = System.nanoTime();
                connectToAHost();
            }
            if (!connection.isAuthenticated()) {
                connection.login();
            }
        } catch (SASLErrorException e) {
            connection.disconnect();
            throw XmppLoginException.from(e, settings);
        } catch (XMPPException | SmackException | IOException | InterruptedException e) {
            connection.instantShutdown();
            throw XmppLoginException.from(e, settings);
        }
    }

    /**
     * Connects to the first host of the service that takes the connection, in {@link XmppHosts}' order: the same
     * Smack connection when it is the host this session was on, else a new one (the old one is shut down; what it
     * reports from then on is ignored).
     */
    private void connectToAHost() throws IOException, SmackException, XMPPException, InterruptedException {
        Exception failure = null;
        XmppHost before = host;
        for (XmppHost next : hosts.inOrder()) {
            if (closed) {
                throw new SmackException.NotConnectedException("the session is closed");
            }
            if (!next.equals(host)) {
                XMPPTCPConnection old = connection;
                host = next;
                connection = newConnection(next);
                old.instantShutdown();
            }
            try {
                connection.connect();
                if (!next.equals(before)) {
                    LOG.info("user {}: XMPP connection moved from {} to {}", userId, before, next);
                }
                hosts.worked(next);
                return;
            } catch (IOException | SmackException | XMPPException e) {
                connection.instantShutdown();
                failure = e;
                LOG.debug("user {}: XMPP host {} did not take the connection: {}", userId, next, e.toString());
            }
        }
        throw XmppConnections.rethrown(failure);
    }

    /**
     * For the watchdog: logs in again when the connection is down, and drops a connection that has been connected
     * but not logged in for longer than the login timeout (Smack's reconnection manager gives up on those).
     */
    void ensureLoggedIn() {
        if (closed || connection.isAuthenticated()) {
            return;
        }
        long stuckNanos = System.nanoTime() - notLoggedInSince;
        if (connection.isConnected() && stuckNanos > settings.loginTimeout().toNanos()) {
            LOG.warn("user {}: XMPP connection connected but not logged in for {} ms; dropping it", userId,
                    stuckNanos / 1_000_000);
            connection.instantShutdown();
        }
        try {
            login();
            listener.reconnected(this);
        } catch (XmppLoginException e) {
            LOG.debug("user {}: reconnecting to XMPP failed: {}", userId, e.getMessage());
            if (e.reason() == XmppLoginException.Reason.WRONG_PASSWORD) {
                LOG.warn("user {}: the XMPP service now refuses the password; closing the session", userId);
                listener.passwordRefused(this, Frame.error(ErrorCode.UNAUTHORIZED,
                        "the XMPP service refused the password; sign in again", null));
            }
        }
        expireBuffered();
    }

    private void onLoggedIn() {
        everLoggedIn = true;
        // A new stream: what we knew of the peers is stale, and they do not know we are back. Each peer answers our
        // presence with its own when it sees us come back, and signals held for it go then.
        presenceSentTo.clear();
        peers.replaceAll((user, seen) -> Boolean.FALSE);
        available = false;
        if (hasEndpoints()) {
            announce();
        }
        flush();
    }

    private void onLost(Exception e) {
        if (connection.isAuthenticated()) {
            return;  // Smack reported an old connection's end after the watchdog already logged in again
        }
        notLoggedInSince = System.nanoTime();
        available = false;
        presenceSentTo.clear();
        peers.replaceAll((user, seen) -> Boolean.FALSE);
        listener.streamLost(this);
        if (!closed) {
            LOG.info("user {}: XMPP connection lost{}", userId, e == null ? "" : ": " + e);
        }
    }

    /**
     * Available presence: broadcast (to the user's own other devices) and directed to every known peer, asking each
     * to answer ({@link PresenceProbe}): signals held for a peer go once its answer is heard.
     */
    private void announce() {
        available = true;
        sendNow(StanzaBuilder.buildPresence().ofType(Presence.Type.available).build());
        for (Integer peer : peers.keySet()) {
            if (presenceSentTo.add(peer)) {
                sendNow(StanzaBuilder.buildPresence().to(addresses.bareJid(peer))
                        .addExtension(PresenceProbe.element()).build());
            }
        }
    }

    private Presence directedPresence(int to) {
        return StanzaBuilder.buildPresence().to(addresses.bareJid(to)).build();
    }

    /**
     * Makes the user available and waits (a ping round trip, on the caller's worker thread) until the service has
     * taken that in: from then on signals to the user reach this session. Called when the user signs in.
     */
    void availableNow() {
        if (!connection.isAuthenticated()) {
            return;
        }
        if (!available) {
            announce();
        }
        try {
            PingManager.getInstanceFor(connection).pingMyServer(false, settings.loginTimeout().toMillis());
        } catch (SmackException.NotConnectedException e) {
            LOG.debug("user {}: not connected while signing in", userId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds a page of the user on this node; the first one makes the user available. */
    void attach(Endpoint endpoint) {
        boolean first;
        synchronized (endpointLock) {
            first = endpoints.isEmpty();
            endpoints.add(endpoint);
        }
        if (first) {
            setAvailable(true);
        }
    }

    /** Removes a page; the last one leaving makes the user unavailable. An unknown page is ignored. */
    void detach(Endpoint endpoint) {
        boolean last;
        synchronized (endpointLock) {
            last = endpoints.remove(endpoint) && endpoints.isEmpty();
        }
        if (last) {
            setAvailable(false);
        }
    }

    /**
     * Takes over the pages of {@code old}, the session this one replaces (a new login of the same user), and closes
     * it; the user stays available when it had pages.
     */
    void takeOver(XmppUserSession old) {
        synchronized (endpointLock) {
            endpoints.addAll(old.endpoints);
        }
        old.close();
        if (hasEndpoints()) {
            setAvailable(true);
        }
    }

    /** Whether the user has a page open on this node. */
    boolean hasEndpoints() {
        return !endpoints.isEmpty();
    }

    /** Marks whether the user has a page open here: the user stays available only while one is. */
    private void setAvailable(boolean value) {
        if (!value) {
            idleSince = System.nanoTime();
        }
        if (!connection.isAuthenticated()) {
            return;
        }
        if (value) {
            if (!available) {
                announce();
            }
        } else {
            available = false;
            // The service tells everyone who got directed presence.
            sendNow(StanzaBuilder.buildPresence().ofType(Presence.Type.unavailable).build());
            presenceSentTo.clear();
        }
    }

    /**
     * Another user's availability as this connection sees it (directed presence). A peer that comes back, or asks
     * for an answer ({@code probe}, {@link PresenceProbe}), gets our presence in return, so both sides know each
     * other again after the service restarts or a peer moved to another cluster member; signals held for it go.
     */
    void peerPresence(int peer, boolean available, boolean probe) {
        Boolean before = peers.put(peer, available);
        if (available && (probe || !Boolean.TRUE.equals(before)) && !endpoints.isEmpty()
                && connection.isAuthenticated()) {
            presenceSentTo.add(peer);
            sendNow(directedPresence(peer));
        }
        if (available) {
            flush();
        }
    }

    /** Nanos since the last endpoint left, or -1 while one is open. */
    long idleNanos() {
        return endpoints.isEmpty() ? System.nanoTime() - idleSince : -1;
    }

    /**
     * Sends a signal stanza to user {@code to}, first telling {@code to} by directed presence that this user is
     * online (once per login). It waits in the buffer while this connection is not logged in, or while {@code to}
     * is known to be away (the service would drop a headline to an unavailable user without a word).
     *
     * @throws ProtocolException {@code unavailable} when the buffer is full
     */
    void sendSignal(int to, Message message) {
        if (to != userId && connection.isAuthenticated() && presenceSentTo.add(to)) {
            sendNow(directedPresence(to));
        }
        send(message, to);
    }

    /** Sends a copy to one of the user's own other devices (by full JID: the service drops headlines to oneself). */
    void sendCopy(Message message) {
        send(message, userId);
    }

    private void send(Message stanza, int to) {
        synchronized (lock) {
            if (connection.isAuthenticated() && !held(to) && noneWaitingFor(to) && sendNow(stanza)) {
                return;
            }
            if (buffer.size() >= settings.sendBuffer()) {
                throw new ProtocolException(ErrorCode.UNAVAILABLE, "to", "the XMPP service is unreachable and "
                        + settings.sendBuffer() + " signals already wait; try again");
            }
            buffer.addLast(new Pending(stanza, to, System.nanoTime(), true));
        }
        listener.buffered(this);
    }

    private boolean held(int to) {
        return to != userId && Boolean.FALSE.equals(peers.get(to));
    }

    private boolean noneWaitingFor(int to) {
        for (Pending pending : buffer) {
            if (pending.to() == to) {
                return false;
            }
        }
        return true;
    }

    private boolean sendNow(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
            return true;
        } catch (SmackException.NotConnectedException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends what waited, in order per recipient, unless it got too old; keeps what is still held. */
    void flush() {
        List<Pending> expired = new ArrayList<>();
        synchronized (lock) {
            long now = System.nanoTime();
            Set<Integer> blocked = new HashSet<>();
            Iterator<Pending> it = buffer.iterator();
            while (it.hasNext()) {
                Pending pending = it.next();
                if (now - pending.enqueuedNanos() > settings.bufferMaxAge().toNanos()) {
                    it.remove();
                    expired.add(pending);
                } else if (blocked.contains(pending.to()) || held(pending.to()) || !connection.isAuthenticated()
                        || !sendNow(pending.stanza())) {
                    blocked.add(pending.to());
                } else {
                    it.remove();
                }
            }
        }
        tellExpired(expired);
    }

    /** Answers held signals that got too old with {@code unavailable} (the watchdog calls this). */
    void expireBuffered() {
        List<Pending> expired = new ArrayList<>();
        synchronized (lock) {
            long now = System.nanoTime();
            while (!buffer.isEmpty() && now - buffer.peekFirst().enqueuedNanos() > settings.bufferMaxAge().toNanos()) {
                expired.add(buffer.removeFirst());
            }
        }
        tellExpired(expired);
    }

    private void tellExpired(List<Pending> expired) {
        for (Pending pending : expired) {
            if (pending.signal()) {
                listener.expired(this);
                sendToEndpoints(Frame.error(ErrorCode.UNAVAILABLE, "a signal to user " + pending.to()
                        + " was not delivered: the XMPP service was unreachable for "
                        + settings.bufferMaxAge().toSeconds() + " s", null));
            }
        }
    }

    int buffered() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    boolean everLoggedIn() {
        return everLoggedIn;
    }

    /** Hands {@code frame} to every page of the user on this node. */
    void sendToEndpoints(Frame frame) {
        sendToEndpointsBut(null, frame);
    }

    /** Hands {@code frame} to every page of the user on this node but {@code origin} (the page it came from). */
    void sendToEndpointsBut(Endpoint origin, Frame frame) {
        for (Endpoint endpoint : endpoints) {
            if (endpoint != origin) {
                endpoint.send(frame);
            }
        }
    }

    /**
     * Pings the service over this connection (<a href="https://xmpp.org/extensions/xep-0199.html">XEP-0199</a>);
     * blocking. Pinging the server, not a bare JID, which the server answers for any user.
     *
     * @return whether the service answered within {@code timeout}; {@code false} while not logged in
     */
    boolean pingService(Duration timeout) {
        if (!connection.isAuthenticated()) {
            return false;
        }
        try {
            return PingManager.getInstanceFor(connection).pingMyServer(false, timeout.toMillis());
        } catch (SmackException.NotConnectedException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Logs out (unavailable presence reaches those who got directed presence) and closes the connection. */
    void close() {
        closed = true;
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
