package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.limit.KeyedTokenBuckets;

/**
 * Charges each signal to the {@link TrafficBudgets} of its recipient and of its sender and recipient pair, refusing
 * the excess to the sender with {@code rate_limited} naming the budget. All four budgets are charged or none: a
 * refused signal costs nothing, nor does one that reached nobody ({@link #refund}). Thread-safe; never blocks, so it
 * runs on I/O threads.
 */
final class RecipientBudgets {
    private final TrafficBudgets budgets;
    private final KeyedTokenBuckets<Integer> recipientBytes;
    private final KeyedTokenBuckets<Long> pairBytes;
    private final KeyedTokenBuckets<Integer> recipientSessions;
    private final KeyedTokenBuckets<Long> pairSessions;

    RecipientBudgets(TrafficBudgets budgets) {
        this.budgets = budgets;
        int burst = TrafficBudgets.BURST_SECONDS;
        this.recipientBytes = new KeyedTokenBuckets<>(budgets.recipientBytesPerSecond(),
                (double) budgets.recipientBytesPerSecond() * burst);
        this.pairBytes = new KeyedTokenBuckets<>(budgets.pairBytesPerSecond(),
                (double) budgets.pairBytesPerSecond() * burst);
        this.recipientSessions = new KeyedTokenBuckets<>(budgets.recipientSessionsPerSecond(),
                (double) budgets.recipientSessionsPerSecond() * burst);
        this.pairSessions = new KeyedTokenBuckets<>(budgets.pairSessionsPerSecond(),
                (double) budgets.pairSessionsPerSecond() * burst);
    }

    /**
     * Charges a signal of {@code bytes} from {@code senderId} to {@code recipientId}, and a new session when it
     * starts one.
     *
     * @throws ProtocolException {@code rate_limited} naming the budget it would pass
     */
    void charge(int senderId, int recipientId, int bytes, boolean newSession, long nowNanos) {
        long pair = pair(senderId, recipientId);
        if (newSession) {
            if (!pairSessions.tryTake(pair, 1, nowNanos)) {
                throw refused("user " + senderId + " starts calls with user " + recipientId + " faster than "
                        + budgets.pairSessionsPerSecond() + " a second (--pair-sessions-per-second)");
            }
            if (!recipientSessions.tryTake(recipientId, 1, nowNanos)) {
                pairSessions.giveBack(pair, 1);
                throw refused("user " + recipientId + " is called faster than "
                        + budgets.recipientSessionsPerSecond() + " new calls a second"
                        + " (--recipient-sessions-per-second)");
            }
        }
        if (!pairBytes.tryTake(pair, bytes, nowNanos)) {
            refund(newSession, pair, recipientId);
            throw refused("user " + senderId + " sends user " + recipientId + " more than "
                    + budgets.pairBytesPerSecond() + " bytes a second (--pair-bytes-per-second)");
        }
        if (!recipientBytes.tryTake(recipientId, bytes, nowNanos)) {
            pairBytes.giveBack(pair, bytes);
            refund(newSession, pair, recipientId);
            throw refused("user " + recipientId + " is sent more than " + budgets.recipientBytesPerSecond()
                    + " bytes a second (--recipient-bytes-per-second)");
        }
    }

    /** Gives back what {@link #charge} took for a signal that was not delivered (the recipient was offline). */
    void refund(int senderId, int recipientId, int bytes, boolean newSession) {
        long pair = pair(senderId, recipientId);
        pairBytes.giveBack(pair, bytes);
        recipientBytes.giveBack(recipientId, bytes);
        refund(newSession, pair, recipientId);
    }

    private void refund(boolean newSession, long pair, int recipientId) {
        if (newSession) {
            pairSessions.giveBack(pair, 1);
            recipientSessions.giveBack(recipientId, 1);
        }
    }

    private static long pair(int senderId, int recipientId) {
        return ((long) senderId << 32) | (recipientId & 0xffffffffL);
    }

    private static ProtocolException refused(String message) {
        return new ProtocolException(ErrorCode.RATE_LIMITED, "to", message + "; this signal was dropped");
    }
}
