package dev.meshcall.server.relay;

import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who belongs to which call session, so that a signal for a session is relayed only between its members
 * (docs/protocol.md, "Session membership"), on both relays: the WebSocket path ({@code SignalRouter}) and signals
 * arriving from the XMPP service. A session is learned from its first {@code call}, which only its initiator may send;
 * what is allowed after that is {@link MeshSession}'s rule. A session is forgotten a minute after every member has
 * sent {@code hangUp} or {@code reject} ({@link #OVER_LINGER}), or when no signal has passed for the idle time; its
 * {@code sessionID} may then start a new session.
 *
 * <p>Thread-safe: each session is read and changed only inside the map's per-key {@code compute}, so two signals of
 * one session never interleave, and signals of different sessions never wait for each other.
 */
public final class SessionRegistry {
    /**
     * How long a session stays known after every member has left. In a mesh a member says goodbye to each of its
     * peers in turn; the goodbyes after the last member's first one must still pass, not be refused.
     */
    public static final Duration OVER_LINGER = Duration.ofMinutes(1);

    private final Map<String, MeshSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private volatile Instant nextSweep;

    public SessionRegistry(Duration idleTimeout, Clock clock) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = clock.instant();
    }

    /**
     * Checks that {@code senderId} may send {@code signal} to {@code recipientId}, learning the session from its
     * first {@code call}. Call after the signal's own checks ({@code SignalRules.checkSend}) have passed.
     *
     * @throws ProtocolException {@code forbidden} naming the cause: a sender or recipient who is not a member
     *     ("user 9 is not a member of session X"; also for any signal but a {@code call} of an unknown session), a
     *     {@code call} that does not name the session's initiator as {@code callerID} (for a new session: the
     *     sender), a {@code call} whose {@code opponentsIDs} differ from the first one's, or a signal other than
     *     {@code hangUp}/{@code reject} into a session that is over
     */
    public void admit(int senderId, int recipientId, Signal signal) {
        Instant now = clock.instant();
        sweep(now);
        sessions.compute(signal.sessionId(), (id, session) -> {
            if (session == null || session.expired(now, idleTimeout, OVER_LINGER)) {
                session = MeshSession.start(senderId, signal, now);
            }
            session.check(senderId, recipientId, signal);
            session.admitted(senderId, signal, now);
            return session;
        });
    }

    /** How many sessions are in progress (known and not over), for metrics and tests. */
    public int size() {
        int count = 0;
        for (MeshSession session : sessions.values()) {
            if (!session.isOver()) {
                count++;
            }
        }
        return count;
    }

    /** Whether a session is known (in progress, or over within the last {@link #OVER_LINGER}). */
    public boolean isKnown(String sessionId) {
        Instant now = clock.instant();
        return sessions.computeIfPresent(sessionId,
                (key, session) -> session.expired(now, idleTimeout, OVER_LINGER) ? null : session) != null;
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(Duration.ofMinutes(1));
        for (String id : sessions.keySet()) {
            sessions.computeIfPresent(id,
                    (key, session) -> session.expired(now, idleTimeout, OVER_LINGER) ? null : session);
        }
    }
}
