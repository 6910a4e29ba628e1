package dev.meshcall.server.relay;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One call session as the relay knows it: a mesh of at most four people, fixed by the session's first {@code call}
 * (its sender, the initiator, and that call's {@code opponentsIDs}). Decides which signals may pass between whom
 * ({@code docs/protocol.md}, "Session membership"):
 * <ul>
 *   <li>every signal goes from a member to a member;</li>
 *   <li>a {@code call} names the initiator as {@code callerID} and the same {@code opponentsIDs} as the first
 *       {@code call}: the initiator re-dials its callees, and a callee offers to another callee (the mesh), but
 *       nobody can add or swap a member, so the session never grows past four;</li>
 *   <li>once every member has sent {@code hangUp} or {@code reject} the session is over; for a short while after
 *       that, so that a member's goodbyes to its other peers still pass, only {@code hangUp} and {@code reject} are
 *       relayed.</li>
 * </ul>
 * A session is also how long it is kept ({@link #deadline}): an unanswered one only a little longer than a caller
 * rings, so that calls nobody answers cannot pile up; one where fewer than two members are left ({@link #isDone()}:
 * a 1:1 call after either side hung up, as the seed's SDK does it — the other side does not answer a hang-up) a
 * short while; else while signals pass.
 *
 * <p>Not thread-safe: {@link SessionRegistry} reads and changes a session only inside its map's per-key lock, except
 * {@link #isOver()}, which may be read anywhere.
 */
final class MeshSession {
    private final int initiator;
    private final Set<Integer> members;
    private final Set<Integer> opponents;
    /** The first {@code call}'s {@code opponentsIDs} in its order, and its call type ({@code null} if not known). */
    private final List<Integer> opponentsIds;
    private final CallType callType;
    private final Set<Integer> left = new HashSet<>();
    /** Callees who have not answered, rejected or hung up, while the initiator is still in the session. */
    private final Set<Integer> ringing;
    private final Instant started;
    private Instant lastUsed;
    private boolean answered;
    /** Its first {@code call} is being handed to the relay: not delivered yet ({@link SessionRegistry}). */
    private boolean delivering = true;
    /** The deadline of its entry in the registry's expiry queue, or {@code null} when it has none. */
    private Instant queuedDeadline;
    private volatile Instant overSince;
    /** When fewer than two members were left, or {@code null}. */
    private Instant doneSince;

    private MeshSession(int initiator, Signal first, Instant now) {
        this.initiator = initiator;
        this.opponentsIds = List.copyOf(first.opponentsIds());
        this.callType = first.callType();
        this.opponents = Set.copyOf(opponentsIds);
        Set<Integer> all = new HashSet<>(opponents);
        all.add(initiator);
        this.members = Set.copyOf(all);
        this.ringing = new LinkedHashSet<>(opponentsIds);
        this.started = now;
        this.lastUsed = now;
    }

    /**
     * The session that {@code signal}, the first of its {@code sessionID} here, starts. A {@code call} starts a
     * session only when it is the initiator's, so its {@code callerID} must be the sender; any other signal takes a
     * session in progress up again ({@link #resume}).
     *
     * @throws ProtocolException {@code forbidden} naming the cause otherwise
     */
    static MeshSession start(int senderId, int recipientId, Signal signal, Instant now) {
        String id = signal.sessionId();
        if (signal.signalType() != SignalType.CALL) {
            return resume(senderId, recipientId, signal, now);
        }
        if (signal.callerId() == null || signal.callerId() != senderId) {
            throw forbidden("callerID", "session " + id + " is not known, and only its initiator can start it:"
                    + " callerID " + signal.callerId() + " is not the sender " + senderId);
        }
        return new MeshSession(senderId, signal, now);
    }

    /**
     * A session in progress that this node does not know, taken up again from a later signal that says who is in it:
     * its {@code callerID} (the initiator) and {@code opponentsIDs}, which the SDK puts on every signal. It happens
     * when the node restarted during a call, or the call began on another node of the XMPP service; refusing would
     * drop the call's hang-ups and ICE restarts. The sender and the recipient must both be among those members (so
     * nobody gets into a session by naming it), the members are fixed from then on as for a new session, and the
     * session counts as answered: nothing rings in it. A signal that does not say who is in it is refused.
     *
     * @throws ProtocolException {@code forbidden} "user N is not a member of session X" otherwise
     */
    private static MeshSession resume(int senderId, int recipientId, Signal signal, Instant now) {
        Integer caller = signal.callerId();
        List<Integer> opponents = signal.opponentsIds();
        if (caller == null || opponents.isEmpty() || opponents.contains(caller)) {
            throw notAMember(senderId, signal.sessionId());
        }
        MeshSession resumed = new MeshSession(caller, signal, now);
        if (!resumed.members.contains(senderId) || !resumed.members.contains(recipientId)) {
            throw notAMember(senderId, signal.sessionId());
        }
        resumed.answered = true;
        resumed.ringing.clear();
        return resumed;
    }

    /**
     * Checks that {@code senderId} may send {@code signal} to {@code recipientId} in this session. Membership comes
     * first, and a non-member is told nothing about the members.
     *
     * @throws ProtocolException {@code forbidden} naming the cause
     */
    void check(int senderId, int recipientId, Signal signal) {
        String id = signal.sessionId();
        if (!members.contains(senderId)) {
            throw notAMember(senderId, id);
        }
        if (!members.contains(recipientId)) {
            throw forbidden("to", "user " + recipientId + " is not a member of session " + id);
        }
        SignalType type = signal.signalType();
        if (isOver() && type != SignalType.HANG_UP && type != SignalType.REJECT) {
            throw forbidden("sessionID", "session " + id + " is over: every member has sent hangUp or reject");
        }
        if (type != SignalType.CALL) {
            return;
        }
        if (signal.callerId() == null || signal.callerId() != initiator) {
            throw forbidden("callerID", "a call of session " + id + " must name its initiator " + initiator
                    + " as callerID, not " + signal.callerId());
        }
        if (!opponents.equals(new HashSet<>(signal.opponentsIds()))) {
            throw forbidden("opponentsIDs", "session " + id + " has members " + new TreeSet<>(members)
                    + " (initiator " + initiator + "): opponentsIDs cannot change");
        }
    }

    /**
     * The {@code reject} that callee {@code userId}'s own client sends in this session ({@code CallSession} in the
     * client): the session's call type, its initiator as {@code callerID} and the first {@code call}'s
     * {@code opponentsIDs}, with {@code platform}. For a user who has no session object to send it from
     * ({@code POST /api/calls/reject}); who gets it is checked when it is admitted, as any signal's recipient is.
     *
     * @throws ProtocolException {@code forbidden} when {@code userId} is not a callee: "user N is not a member of
     *     session X" for a stranger, and for the initiator, who leaves its own call with {@code hangUp}
     */
    Signal rejectBy(int userId, String id, String platform) {
        if (userId == initiator) {
            throw forbidden("sessionID", "user " + userId + " started session " + id
                    + ": its initiator leaves it with hangUp, not reject");
        }
        if (!opponents.contains(userId)) {
            throw notAMember(userId, id);
        }
        return Signal.builder(SignalType.REJECT, id).callType(callType).callerId(initiator)
                .opponentsIds(opponentsIds).platform(platform).build();
    }

    /**
     * Records an admitted signal: the session is in use; an {@code accept} answers it; a {@code hangUp} or
     * {@code reject} means its sender left. A callee's answer of any kind stops it ringing for that callee, and the
     * initiator leaving stops it ringing for everyone (the SDK stops ringing when the caller hangs up).
     */
    void admitted(int senderId, Signal signal, Instant now) {
        lastUsed = now;
        SignalType type = signal.signalType();
        if (type == SignalType.ACCEPT) {
            answered = true;
        }
        if (type == SignalType.ACCEPT || type == SignalType.REJECT || type == SignalType.HANG_UP) {
            ringing.remove(senderId);
        }
        if ((type == SignalType.HANG_UP || type == SignalType.REJECT) && senderId == initiator) {
            ringing.clear();
        }
        if ((type == SignalType.HANG_UP || type == SignalType.REJECT) && left.add(senderId)) {
            if (doneSince == null && members.size() - left.size() < 2) {
                doneSince = now;
                ringing.clear();
            }
            if (overSince == null && left.containsAll(members)) {
                overSince = now;
            }
        }
    }

    /** Whether fewer than two members are left in it: nobody is in a call in it any more. */
    boolean isDone() {
        return doneSince != null;
    }

    /** Whether the initiator has sent {@code hangUp} or {@code reject}. */
    boolean initiatorLeft() {
        return left.contains(initiator);
    }

    /** Whether every member has sent {@code hangUp} or {@code reject}. */
    boolean isOver() {
        return overSince != null;
    }

    int initiator() {
        return initiator;
    }

    /** The callees it rings now (a copy). */
    Set<Integer> ringing() {
        return Set.copyOf(ringing);
    }

    /** Whether its first {@code call} is still being handed to the relay. */
    boolean isDelivering() {
        return delivering;
    }

    /** Its first {@code call} was delivered: the session is in progress. */
    void delivered() {
        delivering = false;
    }

    Instant queuedDeadline() {
        return queuedDeadline;
    }

    void queuedAt(Instant deadline) {
        queuedDeadline = deadline;
    }

    /**
     * When the session is to be forgotten: {@code idleTimeout} after its last signal; at the latest
     * {@code linger} after fewer than two members were left (the last goodbyes still pass); and, while nobody has
     * answered, at the latest {@code answerWindow} after its first {@code call} (the caller stops ringing after its
     * answer time, so a session nobody answers is not kept for hours).
     */
    Instant deadline(Duration idleTimeout, Duration answerWindow, Duration linger) {
        Instant deadline = lastUsed.plus(idleTimeout);
        if (doneSince != null) {
            deadline = earlier(deadline, doneSince.plus(linger));
        }
        if (!answered) {
            deadline = earlier(deadline, started.plus(answerWindow));
        }
        return deadline;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static ProtocolException notAMember(int userId, String sessionId) {
        return forbidden("sessionID", "user " + userId + " is not a member of session " + sessionId);
    }

    private static ProtocolException forbidden(String field, String message) {
        return new ProtocolException(ErrorCode.FORBIDDEN, field, message);
    }
}
