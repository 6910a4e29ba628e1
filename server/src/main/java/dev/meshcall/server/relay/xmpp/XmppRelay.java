package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.PresenceListener;
import dev.meshcall.server.relay.Relay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.UnparseableStanza;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay over an XMPP service (DESIGN.md, decision 4): the service is the authority for identity, presence and
 * routing, so any number of server nodes can share users. Each signed-in user has one Smack connection on this node
 * ({@code userId-appId@domain/meshcall-NODE}), shared by all of the user's WebSockets here, and available presence
 * while at least one is open. A signal goes as the seed system's stanza ({@link ExtraParams}) to the recipient's
 * bare JID, so every device of the recipient on every node gets it; a user's own {@code accept}/{@code reject} is
 * also handed to the user's other pages on this node and copied to the user's other connections seen available (by
 * full JID: the service drops a headline to one's own bare JID), so their other devices stop ringing. Incoming
 * stanzas are checked like a browser's frames (the user's own copies excepted: {@link #ownCopy}); delayed
 * ({@code <delay>}), foreign, malformed or mis-addressed ones are dropped with a log line.
 * A watchdog logs every session in again after the service restarts, and signals sent meanwhile wait in a bounded
 * buffer per user (or are answered with {@code unavailable}).
 */
public final class XmppRelay implements Relay, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XmppRelay.class);

    private final XmppSettings settings;
    private final XmppAddresses addresses;
    private final String resource;
    private final Map<Integer, XmppUserSession> sessions = new ConcurrentHashMap<>();
    /** Full JIDs of other nodes' (and this node's other users') connections that told us they are available. */
    private final RemotePresence remotePresence = new RemotePresence();
    /** Who is online on the other nodes (their users' presence does not reach this node otherwise). */
    private final NodeDirectory directory;
    private final AtomicBoolean directoryDue = new AtomicBoolean();
    private final AtomicBoolean publishDue = new AtomicBoolean();
    private final Map<Integer, Boolean> announced = new ConcurrentHashMap<>();
    private final DisplayNames displayNames;
    private final Set<Integer> nameLookups = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final ExecutorService reconnector;
    private final Set<Integer> reconnecting = ConcurrentHashMap.newKeySet();
    private final XmppStats stats = new XmppStats();
    private final Object presenceLock = new Object();
    private final AtomicInteger loginCount = new AtomicInteger();
    private final PendingRevocations revocations = new PendingRevocations(this::storeRevocation);
    private volatile IncomingSignalListener incomingListener = (from, to, signal) -> { };
    private volatile RevokedElsewhereListener revokedElsewhere = (userId, tokenId, expires) -> { };

    public XmppRelay(XmppSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.addresses = new XmppAddresses(settings.domain(), settings.appId());
        this.displayNames = new DisplayNames(addresses);
        this.resource = "meshcall-" + UUID.randomUUID().toString().substring(0, 8);
        this.directory = new NodeDirectory(settings.appId(), resource, users -> users.forEach(this::updatePresence));
        ExtraParamsProvider.register();
        AtomicInteger threads = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "xmpp-watchdog"));
        this.reconnector = Executors.newFixedThreadPool(4,
                r -> daemon(r, "xmpp-reconnect-" + threads.incrementAndGet()));
        long delay = settings.reconnectDelay().toMillis();
        timer.scheduleWithFixedDelay(this::watchdog, delay, delay, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    XmppAddresses addresses() {
        return addresses;
    }

    public XmppSettings settings() {
        return settings;
    }

    /** Sets who is told of signals arriving from XMPP (the server's session registry). */
    public void onIncoming(IncomingSignalListener listener) {
        this.incomingListener = Objects.requireNonNull(listener, "listener");
    }

    /** Counters for metrics and tests. */
    public XmppStats stats() {
        return stats;
    }

    /**
     * Logs the user in to the XMPP service as {@code userId-appId@domain}, blocking (call from a worker thread).
     * On success the user has a session on this node that the user's WebSockets attach to; a new login replaces an
     * old session of the same user.
     *
     * @throws XmppLoginException {@code WRONG_PASSWORD} or {@code UNAVAILABLE}
     */
    public void login(int userId, String password) throws XmppLoginException {
        XmppUserSession current = sessions.get(userId);
        if (current != null && !current.isClosed() && current.everLoggedIn() && current.passwordMatches(password)) {
            current.availableNow();
            return;  // a reload or another tab: the service accepted these credentials for this session already
        }
        XmppUserSession fresh = new XmppUserSession(this, settings, userId, password,
                resource + "-" + loginCount.incrementAndGet());
        fresh.login();
        fresh.availableNow();
        XmppUserSession old = sessions.put(userId, fresh);
        if (old != null) {
            fresh.endpoints.addAll(old.endpoints);
            old.close();
            if (!fresh.endpoints.isEmpty()) {
                fresh.setAvailable(true);
            }
        }
        LOG.info("user {} logged in to XMPP as {}", userId, fresh.jid());
        if (!displayNames.isKnown(userId)) {
            displayNames.load(fresh.connection(), userId);
        }
        maintainDirectorySoon();
    }

    /**
     * Creates the user's XMPP account by in-band registration (XEP-0077), blocking.
     *
     * @throws XmppRegistrationException {@code FORBIDDEN} when the service does not allow it, {@code CONFLICT} when
     *     the account exists, {@code UNAVAILABLE} when the service cannot be reached, {@code INVALID} when it refuses
     *     for another reason
     */
    public void signUp(int userId, String password) throws XmppRegistrationException {
        XMPPTCPConnection connection = XmppUserSession.newConnection(settings, null, null, resource);
        try {
            connection.connect();
            AccountManager accounts = AccountManager.getInstance(connection);
            accounts.sensitiveOperationOverInsecureConnection(settings.tls() == XmppSettings.Tls.DISABLED);
            if (!accounts.supportsAccountCreation()) {
                throw new XmppRegistrationException(AccountException.Reason.FORBIDDEN,
                        "this XMPP service does not allow sign-up; an operator creates accounts (docs/xmpp.md)", null);
            }
            accounts.createAccount(Localpart.from(addresses.localpart(userId)), password);
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            if (condition == StanzaError.Condition.conflict) {
                throw new XmppRegistrationException(AccountException.Reason.CONFLICT, "user " + userId + " exists",
                        e);
            }
            if (condition == StanzaError.Condition.not_allowed || condition == StanzaError.Condition.forbidden) {
                throw new XmppRegistrationException(AccountException.Reason.FORBIDDEN,
                        "the XMPP service refused the sign-up: " + condition, e);
            }
            throw new XmppRegistrationException(AccountException.Reason.INVALID,
                    "the XMPP service refused the sign-up: " + condition, e);
        } catch (SmackException | XMPPException | IOException e) {
            throw new XmppRegistrationException(AccountException.Reason.UNAVAILABLE,
                    "the XMPP service cannot be reached; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmppRegistrationException(AccountException.Reason.UNAVAILABLE, "interrupted", e);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Writes the name given at sign-up into the user's vCard, where every node reads it; blocking. A failure is
     * logged: this node still shows the name, other nodes {@code User N}.
     */
    public void saveName(int userId, String password, String fullName) {
        displayNames.remember(userId, fullName);
        try {
            withOwnConnection(userId, password, connection -> displayNames.save(connection, userId, fullName));
        } catch (XmppLoginException | XmppStorageException e) {
            LOG.warn("user {}: could not log in to store the display name: {}", userId, e.getMessage());
        }
    }

    /** The user's display name as far as this node knows, or {@code User N}. */
    public String nameOf(int userId) {
        return displayNames.nameOf(userId);
    }

    /**
     * Reads the vCards of those of {@code users} whose names this node has not read yet, over any logged-in
     * connection, until {@code budget} is spent; blocking (the user list calls it on a worker thread).
     */
    public void loadNames(Iterable<Integer> users, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        XmppUserSession reader = anyLoggedIn();
        for (int userId : users) {
            if (reader == null || System.nanoTime() > deadline) {
                return;
            }
            if (!displayNames.isKnown(userId)) {
                displayNames.load(reader.connection(), userId);
            }
        }
    }

    private void lookUpNameSoon(int userId) {
        if (displayNames.isKnown(userId) || !nameLookups.add(userId)) {
            return;
        }
        reconnector.execute(() -> {
            try {
                XmppUserSession reader = anyLoggedIn();
                if (reader != null) {
                    displayNames.load(reader.connection(), userId);
                }
            } finally {
                nameLookups.remove(userId);
            }
        });
    }

    private XmppUserSession anyLoggedIn() {
        for (XmppUserSession session : sessions.values()) {
            if (session.isLoggedIn() && !session.isClosed()) {
                return session;
            }
        }
        return null;
    }

    /** Users with a session on this node or seen online through presence. */
    public Set<Integer> knownUsers() {
        Set<Integer> users = new HashSet<>(sessions.keySet());
        users.addAll(remotePresence.users());
        users.addAll(directory.users());
        return users;
    }

    /** The full JID of the user's connection on this node, or {@code null} (for tests and logs). */
    Jid sessionJid(int userId) {
        XmppUserSession session = sessions.get(userId);
        return session == null ? null : session.jid();
    }

    /** Whether the user has a session on this node (logged in now or being logged in again). */
    public boolean hasSession(int userId) {
        return sessions.containsKey(userId);
    }

    /**
     * Whether the user's token {@code tokenId} was revoked on any node, read from the user's own account over the
     * user's logged-in session here (so call it after {@link #login}). Blocking.
     *
     * @throws XmppStorageException when the service cannot tell now
     */
    public boolean isRevoked(int userId, String tokenId) throws XmppStorageException {
        XmppUserSession session = sessions.get(userId);
        if (session == null || !session.isLoggedIn()) {
            throw new XmppStorageException("user " + userId + " is not logged in to XMPP on this node", null);
        }
        return RevokedTokens.contains(session.connection(), tokenId);
    }

    /**
     * Records in the user's account that token {@code tokenId} is revoked, so that no node accepts it any more; in
     * the background, and again every watchdog round while the service cannot take it, until the token would have
     * expired anyway.
     *
     * @param password what the token carries, to log in for the write when the user has no session here
     */
    public void revoke(int userId, String password, String tokenId, Instant expires) {
        revocations.add(new PendingRevocations.Pending(userId, password, tokenId, expires));
        reconnector.execute(revocations::writeAll);
        XmppUserSession session = sessions.get(userId);
        if (session != null) {
            copyToOwnDevices(session, RevokedTokens.notice(tokenId, expires));
        }  // else no connection here sees the user's others; their nodes read the account before new sockets
    }

    /**
     * Sets who is told of a token revoked on another node, as the user's own connection there said (the server
     * remembers it and closes the sockets opened with it).
     */
    public void onRevokedElsewhere(RevokedElsewhereListener listener) {
        this.revokedElsewhere = Objects.requireNonNull(listener, "listener");
    }

    private void storeRevocation(PendingRevocations.Pending pending) throws XmppStorageException,
            XmppLoginException {
        withOwnConnection(pending.userId(), pending.password(),
                connection -> RevokedTokens.add(connection, pending.tokenId(), pending.expires(), Instant.now()));
    }

    /** Something done over a user's own connection, which may fail in the service's storage. */
    @FunctionalInterface
    private interface OwnConnectionAction {
        void run(XMPPConnection connection) throws XmppStorageException;
    }

    /**
     * Runs {@code action} over a logged-in connection of the user: the user's session here, or else a connection of
     * its own that sends no presence (so nobody sees the user come online), closed afterwards; blocking.
     */
    private void withOwnConnection(int userId, String password, OwnConnectionAction action)
            throws XmppLoginException, XmppStorageException {
        XmppUserSession session = sessions.get(userId);
        if (session != null && session.isLoggedIn()) {
            action.run(session.connection());
            return;
        }
        XMPPTCPConnection connection = XmppUserSession.newConnection(settings, addresses.localpart(userId),
                password, resource + "-own");
        try {
            connection.connect().login();
            action.run(connection);
        } catch (SmackException | XMPPException | IOException | InterruptedException e) {
            throw XmppLoginException.from(e, settings);
        } finally {
            connection.disconnect();
        }
    }

    /** Whether the XMPP service accepts TCP connections (for readiness; no login needed). */
    public boolean isServiceReachable(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Pings the XMPP service over the user's connection (XEP-0199); blocking.
     *
     * @return whether the service answered within the timeout
     */
    @Override
    public boolean ping(int userId, Duration timeout) {
        XmppUserSession session = sessions.get(userId);
        if (session == null || !session.isLoggedIn()) {
            return false;
        }
        try {
            return PingManager.getInstanceFor(session.connection()).pingMyServer(false, timeout.toMillis());
        } catch (SmackException.NotConnectedException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void register(Endpoint endpoint) {
        XmppUserSession session = sessions.get(endpoint.userId());
        if (session == null) {
            endpoint.send(Frame.error(ErrorCode.UNAUTHORIZED, "no XMPP session for user " + endpoint.userId()
                    + " on this server; sign in again", null));
            return;
        }
        boolean first;
        synchronized (presenceLock) {
            first = session.endpoints.isEmpty();
            session.endpoints.add(endpoint);
        }
        if (first) {
            session.setAvailable(true);
        }
        updatePresence(endpoint.userId());
        publishSoon();
    }

    @Override
    public void unregister(Endpoint endpoint) {
        XmppUserSession session = sessions.get(endpoint.userId());
        if (session == null) {
            return;
        }
        boolean last;
        synchronized (presenceLock) {
            last = session.endpoints.remove(endpoint) && session.endpoints.isEmpty();
        }
        if (last) {
            session.setAvailable(false);
        }
        updatePresence(endpoint.userId());
        publishSoon();
    }

    /**
     * Sends the signal as the seed's stanza from {@code from}'s XMPP connection to {@code to}'s bare JID. Returns
     * {@link Delivery#OFFLINE} only when {@code from} has no session here (the XMPP service discards headlines to
     * offline users silently, so a recipient's absence is known only from presence).
     *
     * @throws ProtocolException {@code unavailable} when the send buffer is full; {@code bad_request} when the signal
     *     cannot be written as XML
     */
    @Override
    public Delivery deliver(Endpoint origin, int to, Signal signal) {
        int from = origin.userId();
        XmppUserSession session = sessions.get(from);
        if (session == null) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "to", "no XMPP session for user " + from
                    + " on this server; sign in again");
        }
        ExtraParams params = SignalMapper.fromSignal(signal);
        session.sendSignal(to, message(addresses.bareJid(to), params));
        if (Relay.copiedToOwnDevices(signal.signalType())) {
            copyToOwnDevices(session, params);
            Frame copy = Frame.signalFrom(from, signal);
            for (Endpoint endpoint : session.endpoints) {
                if (endpoint != origin) {
                    endpoint.send(copy);  // the user's other pages on this node share this XMPP connection
                }
            }
        }
        stats.sent(signal.signalType());
        return Delivery.DELIVERED;
    }

    private static Message message(Jid to, ExtensionElement payload) {
        return StanzaBuilder.buildMessage().to(to).ofType(Message.Type.headline)
                .addExtension(payload).build();
    }

    /**
     * Sends {@code payload} to each of the session's user's other connections seen available (their full JIDs: the
     * service drops a headline to one's own bare JID).
     */
    private void copyToOwnDevices(XmppUserSession session, ExtensionElement payload) {
        for (String device : remotePresence.devices(session.userId)) {
            Jid jid = JidCreate.fromOrThrowUnchecked(device);
            if (!jid.equals(session.jid())) {
                session.sendCopy(message(jid, payload));
            }
        }
    }

    /** Online: a page open on this node, or available presence seen from another connection of the user. */
    @Override
    public boolean isOnline(int userId) {
        XmppUserSession session = sessions.get(userId);
        if (session != null && !session.endpoints.isEmpty()) {
            return true;
        }
        return remotePresence.isAvailable(userId) || directory.isOnline(userId);
    }

    @Override
    public ListenerHandle addPresenceListener(PresenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many connections of the user on other nodes (or by other clients) this node has seen available. */
    int remoteDevices(int userId) {
        return remotePresence.devices(userId).size();
    }

    /** How many users have a session on this node. */
    public int sessionCount() {
        return sessions.size();
    }

    /** How many of them are logged in right now. */
    public int loggedInCount() {
        return (int) sessions.values().stream().filter(XmppUserSession::isLoggedIn).count();
    }

    // ---- called by sessions, on Smack's threads ----

    void received(XmppUserSession session, Message message) {
        Jid fromJid = message.getFrom();
        Optional<RevokedTokens.Notice> revocation = RevokedTokens.noticeOf(message);
        if (revocation.isPresent()) {
            if (message.getType() != Message.Type.error && fromJid != null && session.jid() != null
                    && fromJid.asBareJid().equals(session.jid().asBareJid())) {
                // only the user's own connection (another node of ours) may say the user signed out
                revokedElsewhere.revoked(session.userId, revocation.get().tokenId(), revocation.get().expires());
            } else {
                LOG.warn("user {}: ignored a token revocation from {}", session.userId, fromJid);
                stats.dropped("wrong_from");
            }
            return;
        }
        ExtraParams params = message.getExtension(ExtraParams.class);
        if (params == null) {
            LOG.debug("user {}: ignoring a message without extraParams from {}", session.userId, fromJid);
            return;
        }
        if (message.getType() == Message.Type.error) {
            LOG.info("user {}: a signal bounced from {}: {}", session.userId, fromJid, message.getError());
            stats.dropped("bounced");
            return;
        }
        if (DelayInformation.from(message) != null) {
            LOG.info("user {}: ignoring a delayed signal from {} (nobody rings for a call that is over)",
                    session.userId, fromJid);
            stats.dropped("delayed");
            return;
        }
        if (!SignalMapper.isCallSignal(params)) {
            LOG.debug("user {}: ignoring a {} message from {}", session.userId, params.moduleIdentifier(), fromJid);
            return;
        }
        OptionalInt from = addresses.userIdOf(fromJid);
        if (from.isEmpty()) {
            LOG.warn("user {}: dropped a signal from {}: not a user of app {} at {}", session.userId, fromJid,
                    settings.appId(), settings.domain());
            stats.dropped("wrong_from");
            return;
        }
        Signal signal;
        try {
            signal = SignalMapper.toSignal(params);
        } catch (ProtocolException e) {
            LOG.warn("user {}: dropped a bad signal from {}: {} ({})", session.userId, fromJid, e.getMessage(),
                    e.code().wireName());
            stats.dropped(e.code().wireName());
            return;
        }
        if (from.getAsInt() == session.userId) {
            ownCopy(session, fromJid, signal);
            return;
        }
        try {
            incomingListener.incoming(from.getAsInt(), session.userId, signal);
        } catch (ProtocolException e) {
            LOG.warn("user {}: dropped a {} from user {}: {}", session.userId, signal.signalType().wireName(),
                    from.getAsInt(), e.getMessage());
            stats.dropped(e.code().wireName());
            return;
        } catch (RuntimeException e) {
            LOG.error("user {}: the incoming-signal listener failed; delivering anyway", session.userId, e);
        }
        stats.received(signal.signalType());
        session.sendToEndpoints(Frame.signalFrom(from.getAsInt(), signal));
    }

    /**
     * A signal from the user's own account: another device's {@code accept}/{@code reject}, copied so that this
     * node's pages of the user stop ringing. It is not a signal between two users, so the session registry is not
     * asked (this node may not even know the session, and the device that sent it had it admitted on its own node);
     * the XMPP service vouches that it comes from the user. Anything else from oneself is dropped, and a stanza of
     * this very connection (an echo) too: its copies went to this node's pages when it was sent.
     */
    private void ownCopy(XmppUserSession session, Jid fromJid, Signal signal) {
        if (fromJid.equals(session.jid())) {
            return;
        }
        if (!Relay.copiedToOwnDevices(signal.signalType())) {
            LOG.warn("user {}: dropped a {} from the user's own device {}: only accept and reject are copied",
                    session.userId, signal.signalType().wireName(), fromJid);
            stats.dropped("wrong_from");
            return;
        }
        stats.received(signal.signalType());
        session.sendToEndpoints(Frame.signalFrom(session.userId, signal));
    }

    void presence(XmppUserSession session, Presence presence) {
        Jid fromJid = presence.getFrom();
        if (directory.isRoom(fromJid)) {
            directory.occupantPresence(session.connection(), presence);
            return;
        }
        OptionalInt from = addresses.userIdOf(fromJid);
        if (from.isEmpty() || fromJid.getResourceOrNull() == null || fromJid.equals(session.jid())) {
            return;
        }
        int userId = from.getAsInt();
        if (presence.getType() != Presence.Type.available && presence.getType() != Presence.Type.unavailable) {
            return;
        }
        if (userId != session.userId) {
            // first the session's own view (what it holds signals by), then the node's (isOnline)
            session.peerPresence(userId, presence.getType() == Presence.Type.available);
        }
        remotePresence.heard(session, userId, fromJid.toString(), presence.getType() == Presence.Type.available);
        updatePresence(userId);
    }

    void unparsable(int userId, UnparseableStanza stanza) {
        LOG.warn("user {}: dropped an unreadable stanza: {}", userId, stanza.getParsingException().toString());
        stats.dropped("unparsable");
    }

    /** The session's stream ended: what it heard of other devices is stale until it hears again. */
    void streamLost(XmppUserSession session) {
        directory.connectionLost(session.connection());
        for (int userId : remotePresence.forget(session)) {
            updatePresence(userId);
        }
    }

    void reconnected(XmppUserSession session) {
        stats.reconnected();
        LOG.info("user {} logged in to XMPP again", session.userId);
    }

    void buffered() {
        stats.buffered();
    }

    void expired() {
        stats.dropped("expired");
    }

    void closeSession(XmppUserSession session, Frame reason) {
        if (sessions.remove(session.userId, session)) {
            session.sendToEndpoints(reason);
            session.close();
            updatePresence(session.userId);
            publishSoon();
        }
    }

    private void updatePresence(int userId) {
        synchronized (presenceLock) {
            boolean online = isOnline(userId);
            if (online) {
                lookUpNameSoon(userId);
            }
            Boolean before = announced.put(userId, online);
            if (before == null ? !online : before == online) {
                if (!online) {
                    announced.remove(userId);
                }
                return;
            }
            if (!online) {
                announced.remove(userId);
            }
            for (PresenceListener listener : listeners) {
                try {
                    listener.presenceChanged(userId, online);
                } catch (RuntimeException e) {
                    LOG.warn("presence listener {} failed on user {} online={}; the others still run", listener,
                            userId, online, e);
                }
            }
        }
    }

    private void maintainDirectorySoon() {
        if (directoryDue.compareAndSet(false, true)) {
            reconnector.execute(() -> {
                directoryDue.set(false);
                maintainDirectory();
            });
        }
    }

    /** Keeps the node in the directory room over one of its logged-in connections, and its list there current. */
    private void maintainDirectory() {
        if (directory.isJoined()) {
            directory.publish(localOnline());
            return;
        }
        XmppUserSession carrier = null;
        for (XmppUserSession session : sessions.values()) {
            if (session.isLoggedIn() && !session.isClosed()) {
                if (!session.endpoints.isEmpty() || carrier == null) {
                    carrier = session;
                }
                if (!session.endpoints.isEmpty()) {
                    break;
                }
            }
        }
        if (carrier != null) {
            directory.ensureJoined(carrier.connection(), localOnline());
        }
    }

    /** Publishes this node's online users in a moment, once for a burst of sign-ins and sign-outs. */
    private void publishSoon() {
        if (publishDue.compareAndSet(false, true)) {
            timer.schedule(() -> {
                publishDue.set(false);
                directory.publish(localOnline());
            }, 20, TimeUnit.MILLISECONDS);
        }
    }

    /** The users with a page open on this node. */
    private Set<Integer> localOnline() {
        Set<Integer> online = new HashSet<>();
        for (XmppUserSession session : sessions.values()) {
            if (!session.endpoints.isEmpty()) {
                online.add(session.userId);
            }
        }
        return online;
    }

    private void watchdog() {
        try {
            maintainDirectorySoon();
            if (!revocations.isEmpty()) {
                reconnector.execute(revocations::writeAll);
            }
            long idleLimit = settings.idleTimeout().toNanos();
            for (XmppUserSession session : sessions.values()) {
                long idle = session.idleNanos();
                if (idle > idleLimit) {
                    LOG.info("user {}: no page open for {} s; closing the XMPP session", session.userId,
                            idle / 1_000_000_000L);
                    closeSession(session, Frame.error(ErrorCode.UNAUTHORIZED, "session expired", null));
                } else if (session.isLoggedIn() && session.buffered() > 0) {
                    session.expireBuffered();
                } else if (!session.isLoggedIn() && !session.isClosed() && reconnecting.add(session.userId)) {
                    reconnector.execute(() -> {
                        try {
                            session.ensureLoggedIn();
                        } finally {
                            reconnecting.remove(session.userId);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.error("XMPP watchdog failed; it runs again in {}", settings.reconnectDelay(), e);
        }
    }

    /** Closes every XMPP connection (unavailable presence reaches the other nodes) and stops the watchdog. */
    @Override
    public void close() {
        timer.shutdownNow();
        reconnector.shutdownNow();
        for (XmppUserSession session : sessions.values()) {
            session.close();
        }
        sessions.clear();
    }
}
