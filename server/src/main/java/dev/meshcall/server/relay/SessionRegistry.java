package dev.meshcall.server.relay;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who belongs to which call session, so that a signal for a session is relayed only between its members
 * (DESIGN.md, decision 3). The members are learned from the session's first {@code call}: its caller and
 * opponents. After that, a {@code call} with the same {@code sessionID} is fine only from the same caller (the
 * seed's clients re-dial every 5 s), and every other signal must go from a member to a member. A session is
 * forgotten when every member has sent {@code hangUp} or {@code reject}, or when no signal has passed for the idle
 * time.
 */
public final class SessionRegistry {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private volatile Instant nextSweep;

    private static final class Session {
        final int callerId;
        final Set<Integer> members;
        final Set<Integer> left = new HashSet<>();
        Instant lastUsed;  // guarded by the map's per-key lock: read and written only inside compute

        Session(int callerId, Set<Integer> members, Instant now) {
            this.callerId = callerId;
            this.members = members;
            this.lastUsed = now;
        }
    }

    public SessionRegistry(Duration idleTimeout, Clock clock) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = clock.instant();
    }

    /**
     * Checks that {@code senderId} may send {@code signal} to {@code recipientId}, learning the session from its
     * first {@code call} and forgetting it once all members have left. Call after the signal's own checks
     * ({@code SignalRules.checkSend}) have passed.
     *
     * @throws ProtocolException {@code forbidden} "not a member of session X" when the sender or the recipient is
     *     not a member, or the {@code call} reuses another caller's session
     */
    public void admit(int senderId, int recipientId, Signal signal) {
        Instant now = clock.instant();
        sweep(now);
        String id = signal.sessionId();
        boolean[] refused = {false};
        sessions.compute(id, (key, session) -> {
            if (session != null && isIdle(session, now)) {
                session = null;
            }
            if (session == null) {
                if (signal.signalType() != SignalType.CALL) {
                    refused[0] = true;
                    return null;
                }
                Set<Integer> members = new HashSet<>(signal.opponentsIds());
                members.add(senderId);
                return new Session(senderId, members, now);
            }
            boolean allowed = signal.signalType() == SignalType.CALL
                    ? session.callerId == senderId && session.members.contains(recipientId)
                    : session.members.contains(senderId) && session.members.contains(recipientId);
            if (!allowed) {
                refused[0] = true;
                return session;
            }
            session.lastUsed = now;
            if (signal.signalType() == SignalType.HANG_UP || signal.signalType() == SignalType.REJECT) {
                session.left.add(senderId);
                if (session.left.containsAll(session.members)) {
                    return null;
                }
            }
            return session;
        });
        if (refused[0]) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "sessionID", "not a member of session " + id);
        }
    }

    /** How many sessions are known (for tests and metrics). */
    public int size() {
        return sessions.size();
    }

    /** Whether a session is known and not idle. */
    public boolean isKnown(String sessionId) {
        Instant now = clock.instant();
        return sessions.computeIfPresent(sessionId, (key, session) -> isIdle(session, now) ? null : session) != null;
    }

    private boolean isIdle(Session session, Instant now) {
        return !now.isBefore(session.lastUsed.plus(idleTimeout));
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(Duration.ofMinutes(1));
        for (String id : sessions.keySet()) {
            sessions.computeIfPresent(id, (key, session) -> isIdle(session, now) ? null : session);
        }
    }
}
