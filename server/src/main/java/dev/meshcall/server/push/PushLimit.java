package dev.meshcall.server.push;

import dev.meshcall.server.limit.KeyedTokenBuckets;
import io.micrometer.core.instrument.Counter;

/**
 * Which calls may ring a recipient by push, one per node: one push per call while it rings (the caller's SDK sends
 * its {@code call} again every few seconds until it is answered: {@link RingingPushes}), and per recipient at most
 * {@value #BURST} new calls at once and one more every {@value #SECONDS_PER_PUSH} seconds after (undelivered calls
 * cost a caller none of the signaling budgets, and fresh session ids would otherwise let anyone flood someone's
 * notifications). It is shared by everything on the node that rings by push ({@link WebPush} builds one): this
 * node's subscriptions ({@link WebPushNotifier}) and the other nodes' ({@link AskingPeers}), so that a recipient's
 * call is counted once, whether it is pushed here, asked of the peers, both, or asked of this node by a peer.
 * Thread-safe; in memory, never blocks for long.
 */
final class PushLimit {
    static final int BURST = 5;
    static final int SECONDS_PER_PUSH = 6;
    /** How many ringing calls are remembered at once. */
    private static final int REMEMBERED_CALLS = 10_000;

    /** What {@link #admit} says of a call. */
    enum Verdict {
        /** A new call to ring: remembered as ringing from now on ({@link #forget} it if nothing was sent after all). */
        NEW,
        /** Already ringing by push (a re-dial): nothing more to send, and the caller may be told it was pushed. */
        RINGING,
        /** The recipient had too many new calls lately: nothing is sent (counted in {@code limited}). */
        LIMITED
    }

    private final RingingPushes calls = new RingingPushes(REMEMBERED_CALLS);
    private final KeyedTokenBuckets<Integer> perRecipient = new KeyedTokenBuckets<>(1.0 / SECONDS_PER_PUSH, BURST);
    private final Counter limited;

    /**
     * @param limited counts the calls refused for their recipient's rate
     *     ({@code meshcall.push.dropped{reason=recipient_rate}})
     */
    PushLimit(Counter limited) {
        this.limited = limited;
    }

    /**
     * Whether {@code call} of {@code sessionId} may ring {@code recipientId} by push at {@code now} (epoch
     * milliseconds); a new one takes one of the recipient's tokens and is remembered until {@code call.expires()}.
     */
    Verdict admit(String sessionId, int recipientId, RingingPushes.Ringing call, long now) {
        if (calls.isRinging(sessionId, recipientId, now)) {
            return Verdict.RINGING;
        }
        if (!perRecipient.tryTake(recipientId, 1, System.nanoTime())) {
            limited.increment();
            return Verdict.LIMITED;
        }
        calls.remember(sessionId, recipientId, call, now);
        return Verdict.NEW;
    }

    /** Forgets a call {@link #admit} let through whose push went nowhere, so that the caller's re-dial tries again. */
    void forget(String sessionId, int recipientId) {
        calls.forget(sessionId, recipientId);
    }

    /**
     * Forgets and returns the call {@code callerId} rang {@code recipientId} with in {@code sessionId}, or
     * {@code null} when there is none ringing (never pushed, over, or another caller's): what a {@code hangUp}
     * cancels.
     */
    RingingPushes.Ringing cancel(String sessionId, int recipientId, int callerId, long now) {
        return calls.cancel(sessionId, recipientId, callerId, now);
    }
}
