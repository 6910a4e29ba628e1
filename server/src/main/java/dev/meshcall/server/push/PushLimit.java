package dev.meshcall.server.push;

import dev.meshcall.server.limit.KeyedTokenBuckets;
import io.micrometer.core.instrument.Counter;
import java.util.function.BooleanSupplier;

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
     * Rings {@code recipientId} by push for {@code call} of {@code sessionId} at {@code now} (epoch milliseconds), if
     * this limit lets it: a call already ringing (a re-dial) is sent nothing more and counts as ringing; a new one
     * takes one of the recipient's tokens, is sent by {@code send} and remembered until {@code call.expires()}, or
     * forgotten again when {@code send} sent nothing, so that the caller's re-dial tries again; one over the
     * recipient's rate is sent nothing (counted in {@code limited}).
     *
     * @param send sends the new call; whether anything went out
     * @return whether the call rings by push
     */
    boolean ring(String sessionId, int recipientId, RingingPushes.Ringing call, long now, BooleanSupplier send) {
        if (calls.isRinging(sessionId, recipientId, now)) {
            return true;
        }
        if (!perRecipient.tryTake(recipientId, 1, System.nanoTime())) {
            limited.increment();
            return false;
        }
        calls.remember(sessionId, recipientId, call, now);
        boolean sent = send.getAsBoolean();
        if (!sent) {
            calls.forget(sessionId, recipientId);
        }
        return sent;
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
