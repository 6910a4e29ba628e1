package dev.meshcall.server.relay;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who belongs to which call session, so that a signal for a session is relayed only between its members
 * (docs/protocol.md, "Session membership"), on both relays: the WebSocket path ({@code SignalRouter}) and signals
 * arriving from the XMPP service. A session is learned from its first {@code call}, which only its initiator may send,
 * and registered only when that call was delivered ({@link SessionAdmission}); what is allowed after that is
 * {@link MeshSession}'s rule.
 *
 * <p>The table is bounded ({@link SessionLimits}): at most {@code maxSessions} sessions, at most
 * {@code maxSessionsPerUser} open sessions started by one user, and a session nobody answers is forgotten shortly
 * after the caller's answer time. An answered one is forgotten a minute after fewer than two of its members are left
 * in it ({@link #OVER_LINGER}: every member's goodbyes pass meanwhile), or when no signal has passed for the idle
 * time. Its {@code sessionID} may then start a new session. Forgetting runs on a thread of its own
 * ({@link #startExpiry}), off the I/O threads, and takes from an {@link ExpiryQueue} only what is due.
 *
 * <p>Thread-safe: each session is read and changed only inside the map's per-key {@code compute}, so two signals of
 * one session never interleave, and signals of different sessions never wait for each other.
 */
public final class SessionRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    /**
     * How long a session stays known after fewer than two members are left in it. In a mesh a member says goodbye to
     * each of its peers in turn; the goodbyes after the last member's first one must still pass, not be refused.
     */
    public static final Duration OVER_LINGER = Duration.ofMinutes(1);

    private final Map<String, MeshSession> sessions = new ConcurrentHashMap<>();
    private final SessionCounts counts = new SessionCounts();
    private final ExpiryQueue<QueuedSession> expiry = new ExpiryQueue<>();
    private final Duration idleTimeout;
    private final Duration answerWindow;
    private final SessionLimits limits;
    private final Clock clock;
    private ScheduledExecutorService expiryThread;

    /** What the expiry queue holds: a session under its id (the id may be taken by a newer session later). */
    private record QueuedSession(String id, MeshSession session) {
    }

    /** The default limits. */
    public SessionRegistry(Duration idleTimeout, Clock clock) {
        this(idleTimeout, SessionLimits.defaults(), clock);
    }

    /**
     * @param idleTimeout how long an answered session with no signal is kept
     */
    public SessionRegistry(Duration idleTimeout, SessionLimits limits, Clock clock) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.answerWindow = limits.answerTimeout().plus(limits.answerGrace());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks that {@code senderId} may send {@code signal} to {@code recipientId}, holding a new session while its
     * first {@code call} is delivered. Call after the signal's own checks ({@code SignalRules.checkSend}) have passed,
     * and settle what it returns once the relay has tried to deliver the signal.
     *
     * @throws ProtocolException {@code forbidden} naming the cause: a sender or recipient who is not a member
     *     ("user 9 is not a member of session X"; also for any signal but a {@code call} of an unknown session), a
     *     {@code call} that does not name the session's initiator as {@code callerID} (for a new session: the
     *     sender), a {@code call} whose {@code opponentsIDs} differ from the first one's, or a signal other than
     *     {@code hangUp}/{@code reject} into a session that is over; {@code unavailable} naming the limit when a new
     *     session would pass {@code maxSessionsPerUser} or {@code maxSessions}; {@code rate_limited} naming the
     *     limit when it would ring a callee past {@code maxRingingPerUser}
     */
    public SessionAdmission admit(int senderId, int recipientId, Signal signal) {
        Instant now = clock.instant();
        SessionAdmission[] admission = {SessionAdmission.OF_KNOWN_SESSION};
        sessions.compute(signal.sessionId(), (id, session) -> {
            SessionCounts.Tally before = SessionCounts.Tally.of(session);
            if (session != null && expired(session, now)) {
                session = null;
            }
            if (session == null) {
                MeshSession fresh = MeshSession.start(senderId, recipientId, signal, now);
                fresh.check(senderId, recipientId, signal);
                checkRoomFor(senderId, fresh, before);
                fresh.admitted(senderId, signal, now);
                queue(id, fresh);
                admission[0] = new SessionAdmission(this, id, fresh);
                session = fresh;
            } else {
                session.check(senderId, recipientId, signal);
                session.admitted(senderId, signal, now);
                requeueIfSooner(id, session);
            }
            counts.move(before, SessionCounts.Tally.of(session));
            return session;
        });
        return admission[0];
    }

    /** {@link SessionAdmission#settle}: registers a delivered new session, forgets an undelivered one. */
    void settle(String sessionId, MeshSession started, boolean delivered) {
        sessions.computeIfPresent(sessionId, (id, session) -> {
            if (session != started || !session.isDelivering()) {
                return session;
            }
            SessionCounts.Tally before = SessionCounts.Tally.of(session);
            MeshSession after = null;
            if (delivered) {
                session.delivered();
                after = session;
            }
            counts.move(before, SessionCounts.Tally.of(after));
            return after;
        });
    }

    /** How many sessions are in progress (delivered, with two or more members in them), for metrics and tests. */
    public int size() {
        return counts.active();
    }

    /** Whether a session is known (in progress, or ended within the last {@link #OVER_LINGER}). */
    public boolean isKnown(String sessionId) {
        return live(sessionId, session -> { }) != null;
    }

    /**
     * The {@code reject} that callee {@code userId}'s own client would send in session {@code sessionId}, built from
     * what this node saw of the session's {@code call} (its call type, initiator and {@code opponentsIDs}), for a user
     * who has no session object to send it from ({@code POST /api/calls/reject}). Only reads: hand the signal to
     * {@link #admit} like any other, which checks its recipient and records that {@code userId} left.
     *
     * @throws ProtocolException {@code forbidden} "user N is not a member of session X" when this node does not
     *     know the session (never saw its {@code call}, forgot it, or its first {@code call} is still being
     *     delivered) or {@code userId} is not one of its callees; the initiator is told to use {@code hangUp}
     */
    public Signal rejectBy(int userId, String sessionId, String platform) {
        Signal[] reject = {null};
        live(sessionId, known -> {
            if (!known.isDelivering()) {
                reject[0] = known.rejectBy(userId, sessionId, platform);
            }
        });
        if (reject[0] == null) {
            throw MeshSession.notAMember(userId, sessionId);
        }
        return reject[0];
    }

    /**
     * The session under {@code sessionId}, read by {@code reader} inside the map's per-key lock, or {@code null} when
     * there is none or it has expired (then it is forgotten now). What {@code reader} throws is thrown here.
     */
    private MeshSession live(String sessionId, Consumer<MeshSession> reader) {
        Instant now = clock.instant();
        return sessions.computeIfPresent(sessionId, (key, session) -> {
            if (!expired(session, now)) {
                reader.accept(session);
                return session;
            }
            counts.move(SessionCounts.Tally.of(session), SessionCounts.Tally.NONE);
            return null;
        });
    }

    /**
     * Forgets every session whose time is up, taking from the expiry queue only the entries that are due: a
     * session whose deadline moved later is queued again at its new deadline. {@link #startExpiry} runs this every
     * second; tests call it with their own clock.
     *
     * @return how many sessions were forgotten
     */
    public int expireDue() {
        Instant now = clock.instant();
        int forgotten = 0;
        for (ExpiryQueue.Entry<QueuedSession> entry : expiry.takeDue(now)) {
            QueuedSession queued = entry.item();
            boolean[] removed = {false};
            sessions.computeIfPresent(queued.id(), (id, session) -> {
                if (session != queued.session() || !entry.deadline().equals(session.queuedDeadline())) {
                    return session;  // a newer session under this id, or an older entry of this one
                }
                if (expired(session, now)) {
                    counts.move(SessionCounts.Tally.of(session), SessionCounts.Tally.NONE);
                    removed[0] = true;
                    return null;
                }
                queue(id, session);
                return session;
            });
            if (removed[0]) {
                forgotten++;
            }
        }
        return forgotten;
    }

    /** Entries in the expiry queue (one per session, and a few left behind by deadlines that moved sooner). */
    int queued() {
        return expiry.size();
    }

    /** Starts forgetting sessions every {@code period} on a daemon thread of its own, until {@link #close}. */
    public synchronized void startExpiry(Duration period) {
        if (expiryThread != null) {
            throw new IllegalStateException("session expiry already started");
        }
        expiryThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "meshcall-session-expiry");
            thread.setDaemon(true);
            return thread;
        });
        expiryThread.scheduleWithFixedDelay(() -> {
            try {
                expireDue();
            } catch (RuntimeException e) {
                LOG.error("forgetting expired call sessions failed; trying again in {}", period, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the expiry thread, if started. */
    @Override
    public synchronized void close() {
        if (expiryThread != null) {
            expiryThread.shutdownNow();
            expiryThread = null;
        }
    }

    /**
     * Refuses a new session of {@code senderId} past a limit. {@code replaced} is what the session id held before
     * (an expired session about to be replaced), which frees its own place.
     */
    private void checkRoomFor(int senderId, MeshSession fresh, SessionCounts.Tally replaced) {
        int held = sessions.size() - (replaced == SessionCounts.Tally.NONE ? 0 : 1);
        if (held >= limits.maxSessions()) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "sessionID", "the server holds " + held
                    + " call sessions, its limit (--max-sessions " + limits.maxSessions() + "); try again later");
        }
        int open = counts.openStartedBy(senderId)
                - (replaced.open() && replaced.initiator() == senderId ? 1 : 0);
        if (open >= limits.maxSessionsPerUser()) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "sessionID", "user " + senderId + " has " + open
                    + " call sessions open, the limit (--max-sessions-per-user " + limits.maxSessionsPerUser()
                    + "); hang up one first");
        }
        for (int callee : fresh.ringing()) {
            int ringing = counts.ringing(callee) - (replaced.ringing().contains(callee) ? 1 : 0);
            if (ringing >= limits.maxRingingPerUser()) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED, "to", "user " + callee + " has " + ringing
                        + " calls ringing, the limit (--max-ringing-per-user " + limits.maxRingingPerUser()
                        + "); try again later");
            }
        }
    }

    private boolean expired(MeshSession session, Instant now) {
        return !now.isBefore(session.deadline(idleTimeout, answerWindow, OVER_LINGER));
    }

    private void queue(String id, MeshSession session) {
        Instant deadline = session.deadline(idleTimeout, answerWindow, OVER_LINGER);
        session.queuedAt(deadline);
        expiry.add(deadline, new QueuedSession(id, session));
    }

    /** A session's deadline moves later with every signal (found out when its entry comes due) or sooner when over. */
    private void requeueIfSooner(String id, MeshSession session) {
        Instant queued = session.queuedDeadline();
        if (queued == null || session.deadline(idleTimeout, answerWindow, OVER_LINGER).isBefore(queued)) {
            queue(id, session);
        }
    }
}
