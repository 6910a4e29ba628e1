package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in users' sessions on this node, one {@link XmppUserSession} per user, and the watchdog that keeps them:
 * every {@code reconnectDelay} it logs in again the sessions that lost their stream (Smack's reconnection manager
 * gives up on a connection that is connected but not logged in), answers signals that waited too long,
 * and closes a session that has had no page open for {@code idleTimeout}. The other parts of the relay hear of new
 * and closed sessions and of each round through a {@link Listener}.
 */
final class XmppSessions {
    private static final Logger LOG = LoggerFactory.getLogger(XmppSessions.class);

    /** Told of sessions coming and going, and of each watchdog round. Every method does nothing by default. */
    interface Listener {
        /** A new session logged in for the first time (not a reload reusing a session). Blocking is allowed. */
        default void loggedIn(XmppUserSession session) {
        }

        /** A session was closed and removed; its pages were told why. */
        default void closed(XmppUserSession session) {
        }

        /** A watchdog round begins (on the timer thread: hand blocking work to the pool). */
        default void round() {
        }
    }

    private final XmppSettings settings;
    private final XmppHosts hosts;
    private final XmppAddresses addresses;
    private final String resource;
    private final XmppBackground background;
    private final XmppUserSession.Listener sessionListener;
    private final Map<Integer, XmppUserSession> sessions = new ConcurrentHashMap<>();
    private final Set<Integer> reconnecting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger loginCount = new AtomicInteger();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param resource this node's XMPP resource; each login adds a counter to it
     * @param sessionListener what every session tells of what it hears
     */
    XmppSessions(XmppSettings settings, XmppHosts hosts, XmppAddresses addresses, String resource,
            XmppBackground background, XmppUserSession.Listener sessionListener) {
        this.settings = settings;
        this.hosts = hosts;
        this.addresses = addresses;
        this.resource = resource;
        this.background = background;
        this.sessionListener = sessionListener;
    }

    /** Adds a listener; listeners are told in the order they were added. */
    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Starts the watchdog; call once every listener is added. */
    void startWatchdog() {
        background.every(settings.reconnectDelay(), this::watchdog);
    }

    /**
     * Logs the user in to the XMPP service as {@code userId-appId@domain}, blocking. A session that logged in with
     * the same password is reused (a reload or another tab); else a new one replaces the old and takes its pages.
     *
     * @throws XmppLoginException {@code WRONG_PASSWORD} or {@code UNAVAILABLE}
     */
    void login(int userId, String password) throws XmppLoginException {
        XmppUserSession current = sessions.get(userId);
        if (current != null && !current.isClosed() && current.everLoggedIn() && current.passwordMatches(password)) {
            current.availableNow();
            return;  // a reload or another tab: the service accepted these credentials for this session already
        }
        XmppUserSession fresh = new XmppUserSession(sessionListener, settings, hosts, addresses, userId, password,
                resource + "-" + loginCount.incrementAndGet());
        fresh.login();
        fresh.availableNow();
        XmppUserSession old = sessions.put(userId, fresh);
        if (old != null) {
            fresh.takeOver(old);
        }
        LOG.info("user {} logged in to XMPP as {}", userId, fresh.jid());
        for (Listener listener : listeners) {
            listener.loggedIn(fresh);
        }
    }

    /** The user's session on this node, or {@code null}. */
    XmppUserSession get(int userId) {
        return sessions.get(userId);
    }

    /** The user's session when it is logged in now, or {@code null}. */
    XmppUserSession loggedIn(int userId) {
        XmppUserSession session = sessions.get(userId);
        return session != null && session.isLoggedIn() ? session : null;
    }

    /** Every session on this node (a live view). */
    Collection<XmppUserSession> all() {
        return sessions.values();
    }

    /** The users with a session on this node. */
    Set<Integer> userIds() {
        return Set.copyOf(sessions.keySet());
    }

    /** Any session that is logged in and open, to read what any user may read (vCards); or {@code null}. */
    XmppUserSession anyLoggedIn() {
        for (XmppUserSession session : sessions.values()) {
            if (session.isLoggedIn() && !session.isClosed()) {
                return session;
            }
        }
        return null;
    }

    /** The full JID of the user's connection on this node, or {@code null}. */
    Jid jidOf(int userId) {
        XmppUserSession session = sessions.get(userId);
        return session == null ? null : session.jid();
    }

    int count() {
        return sessions.size();
    }

    int loggedInCount() {
        return (int) sessions.values().stream().filter(XmppUserSession::isLoggedIn).count();
    }

    /** Pings the service over the user's logged-in connection; {@code false} without one. Blocking. */
    boolean ping(int userId, Duration timeout) {
        XmppUserSession session = sessions.get(userId);
        return session != null && session.pingService(timeout);
    }

    /** Removes and closes {@code session}, telling its pages {@code reason}; a session already replaced is left. */
    void close(XmppUserSession session, Frame reason) {
        if (sessions.remove(session.userId(), session)) {
            session.sendToEndpoints(reason);
            session.close();
            for (Listener listener : listeners) {
                listener.closed(session);
            }
        }
    }

    private void watchdog() {
        try {
            for (Listener listener : listeners) {
                listener.round();
            }
            long idleLimit = settings.idleTimeout().toNanos();
            for (XmppUserSession session : sessions.values()) {
                long idle = session.idleNanos();
                if (idle > idleLimit) {
                    LOG.info("user {}: no page open for {} s; closing the XMPP session", session.userId(),
                            idle / 1_000_000_000L);
                    close(session, Frame.error(ErrorCode.UNAUTHORIZED, "session expired", null));
                } else if (session.isLoggedIn() && session.buffered() > 0) {
                    session.expireBuffered();
                } else if (!session.isLoggedIn() && !session.isClosed() && reconnecting.add(session.userId())) {
                    background.execute(() -> {
                        try {
                            session.ensureLoggedIn();
                        } finally {
                            reconnecting.remove(session.userId());
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.error("XMPP watchdog failed; it runs again in {}", settings.reconnectDelay(), e);
        }
    }

    /** Closes every session (unavailable presence reaches the other nodes); the background must be closed first. */
    void closeAll() {
        for (XmppUserSession session : sessions.values()) {
            session.close();
        }
        sessions.clear();
    }
}
