package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.PresenceListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online, for this node: a user is online with a page open here, with an available device whose presence
 * one of this node's connections received (directed presence, <a href="https://www.rfc-editor.org/rfc/rfc6121#section-4.6">
 * RFC 6121, section 4.6</a>: it needs no roster), or when another node lists the user in the node directory room
 * ({@link NodeDirectory}). The three are aggregated into one online/offline per user, and the presence listeners
 * are told of changes only ({@code announced} remembers what they were told). This node's own list goes to the
 * directory: joined over one of its logged-in connections, published once for a burst of changes.
 */
final class XmppPresence implements XmppSessions.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(XmppPresence.class);
    /** How long a publication of this node's list waits for more sign-ins and sign-outs to go with it. */
    private static final long PUBLISH_DELAY_MILLIS = 20;
    /** The directory room is checked every this many watchdog rounds (every 5 s by default). */
    private static final int DIRECTORY_CHECK_ROUNDS = 5;

    private final XmppAddresses addresses;
    private final XmppSessions sessions;
    private final XmppBackground background;
    /** Full JIDs of other nodes' (and this node's other users') connections that told us they are available. */
    private final RemotePresence remotePresence = new RemotePresence();
    /** Who is online on the other nodes (their users' presence does not reach this node otherwise). */
    private final NodeDirectory directory;
    private final AtomicBoolean directoryDue = new AtomicBoolean();
    private final AtomicBoolean publishDue = new AtomicBoolean();
    /** What the listeners were last told: only users told online are kept. Guarded by {@link #lock}. */
    private final Map<Integer, Boolean> announced = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final IntConsumer seenOnline;
    /** How often the node checks that the directory room still has it, and how long it waits for the answer. */
    private final long checkIntervalNanos;
    private final long checkTimeoutMillis;

    /**
     * @param nodeId this node's name in the directory room
     * @param seenOnline told of every user seen online (to read the user's display name), under this part's lock:
     *     it must not block
     */
    XmppPresence(XmppSettings settings, XmppAddresses addresses, String nodeId, XmppSessions sessions,
            XmppBackground background, IntConsumer seenOnline) {
        this.addresses = addresses;
        this.sessions = sessions;
        this.background = background;
        this.seenOnline = seenOnline;
        this.directory = new NodeDirectory(settings.appId(), nodeId, users -> users.forEach(this::update));
        this.checkIntervalNanos = settings.reconnectDelay().toNanos() * DIRECTORY_CHECK_ROUNDS;
        this.checkTimeoutMillis = settings.loginTimeout().toMillis();
    }

    /** Online: a page open on this node, or available presence seen from another connection of the user. */
    boolean isOnline(int userId) {
        XmppUserSession session = sessions.get(userId);
        if (session != null && session.hasEndpoints()) {
            return true;
        }
        // Without a page here the user's own session is unavailable, and the service no longer tells it when the
        // user's other devices leave (RFC 6121, 4.5.2): what it heard of them before says nothing now.
        boolean heard = session == null ? remotePresence.isAvailable(userId)
                : remotePresence.isAvailableApartFrom(userId, session);
        return heard || directory.isOnline(userId);
    }

    /** Users with a session on this node or seen online through presence. */
    Set<Integer> knownUsers() {
        Set<Integer> users = new HashSet<>(sessions.userIds());
        users.addAll(remotePresence.users());
        users.addAll(directory.users());
        return users;
    }

    ListenerHandle addListener(PresenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many connections of the user on other nodes (or by other clients) this node has seen available. */
    int remoteDevices(int userId) {
        return remotePresence.devices(userId).size();
    }

    /**
     * The user's other connections seen available, by full JID, without the session's own: where a copy for the
     * user's other devices goes (the service drops a headline to one's own bare JID).
     */
    List<Jid> otherDevicesOf(XmppUserSession session) {
        List<Jid> others = new ArrayList<>();
        for (String device : remotePresence.devices(session.userId())) {
            Jid jid = JidCreate.fromOrThrowUnchecked(device);
            if (!jid.equals(session.jid())) {
                others.add(jid);
            }
        }
        return others;
    }

    /** The user's pages on this node changed (one opened or closed): tell who needs to know. */
    void localChanged(int userId) {
        update(userId);
        publishSoon();
    }

    /**
     * A presence received on {@code session}'s stream: the directory room's, or another connection's available or
     * unavailable presence (other types, such as subscriptions, are not ours to handle).
     */
    void received(XmppUserSession session, Presence presence) {
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
        if (userId != session.userId()) {
            // first the session's own view (what it holds signals by), then the node's (isOnline)
            session.peerPresence(userId, presence.getType() == Presence.Type.available, PresenceProbe.isIn(presence));
        }
        remotePresence.heard(session, userId, fromJid.toString(), presence.getType() == Presence.Type.available);
        update(userId);
    }

    /** Whether {@code from} is another occupant of the node directory room ({@link NodeDirectory#isOtherOccupant}). */
    boolean isOtherNode(Jid from) {
        return directory.isOtherOccupant(from);
    }

    /** Whether {@code from} is this node's own occupant of the directory room. */
    boolean isThisNode(Jid from) {
        return directory.isSelf(from);
    }

    /** Sends {@code element} to the other nodes through the directory room; whether it went out. */
    boolean sendToNodes(ExtensionElement element) {
        return directory.sendToRoom(element);
    }

    /** Whether the service has no multi-user chat, so that the nodes have no room. */
    boolean hasNoDirectory() {
        return directory.hasNoService();
    }

    /** The session's stream ended: what it heard of other devices is stale until it hears again. */
    void streamLost(XmppUserSession session) {
        directory.connectionLost(session.connection());
        for (int userId : remotePresence.forget(session)) {
            update(userId);
        }
    }

    /** A new session may carry the node into the directory room. */
    @Override
    public void loggedIn(XmppUserSession session) {
        maintainDirectorySoon();
    }

    /** A closed session takes its user's pages with it. */
    @Override
    public void closed(XmppUserSession session) {
        update(session.userId());
        publishSoon();
    }

    /** Each watchdog round joins the directory again after its carrier's stream ended. */
    @Override
    public void round() {
        maintainDirectorySoon();
    }

    private void update(int userId) {
        synchronized (lock) {
            boolean online = isOnline(userId);
            if (online) {
                seenOnline.accept(userId);
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
            background.execute(() -> {
                directoryDue.set(false);
                maintainDirectory();
            });
        }
    }

    /** Keeps the node in the directory room over one of its logged-in connections, and its list there current. */
    private void maintainDirectory() {
        if (directory.stillJoined(checkIntervalNanos, checkTimeoutMillis)) {
            directory.publish(localOnline());
            return;
        }
        XmppUserSession carrier = null;
        for (XmppUserSession session : sessions.all()) {
            if (session.isLoggedIn() && !session.isClosed()) {
                if (session.hasEndpoints() || carrier == null) {
                    carrier = session;
                }
                if (session.hasEndpoints()) {
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
            background.later(PUBLISH_DELAY_MILLIS, () -> {
                publishDue.set(false);
                directory.publish(localOnline());
            });
        }
    }

    /** The users with a page open on this node. */
    private Set<Integer> localOnline() {
        Set<Integer> online = new HashSet<>();
        for (XmppUserSession session : sessions.all()) {
            if (session.hasEndpoints()) {
                online.add(session.userId());
            }
        }
        return online;
    }
}
