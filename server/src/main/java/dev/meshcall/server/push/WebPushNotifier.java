package dev.meshcall.server.push;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.limit.KeyedTokenBuckets;
import dev.meshcall.server.ws.OfflineCallNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings offline users by Web Push: the first {@code call} of a session that finds its recipient offline queues one
 * push to all of the recipient's subscriptions ({@link PushPayload#call}); the caller's re-dials of that session
 * while it rings queue nothing more ({@link RingingPushes}); the caller's {@code hangUp} to that recipient queues the
 * cancellation under the same {@code Topic}. A recipient gets at most {@value #BURST} call pushes at once and one
 * more every {@value #SECONDS_PER_PUSH} seconds after: undelivered calls cost a caller none of the signaling
 * budgets, and fresh session ids would otherwise let anyone flood someone's notifications. Everything here is in
 * memory; the database is read on the dispatcher's threads.
 */
final class WebPushNotifier implements OfflineCallNotifier {
    static final int BURST = 5;
    static final int SECONDS_PER_PUSH = 6;
    /** How many ringing calls are remembered at once. */
    private static final int REMEMBERED_CALLS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(WebPushNotifier.class);

    private final PushSubscriptions subscriptions;
    private final PushDispatcher dispatcher;
    private final IntFunction<String> fullNames;
    private final Duration ringing;
    private final Clock clock;
    private final RingingPushes calls = new RingingPushes(REMEMBERED_CALLS);
    private final KeyedTokenBuckets<Integer> perRecipient = new KeyedTokenBuckets<>(1.0 / SECONDS_PER_PUSH, BURST);

    /**
     * @param fullNames a user's full name, or {@code null}; called on the dispatcher's threads (it may block)
     * @param ringing   how long a caller rings ({@code --session-answer-timeout}): the payload's {@code expires}
     */
    WebPushNotifier(PushSubscriptions subscriptions, PushDispatcher dispatcher, IntFunction<String> fullNames,
            Duration ringing, Clock clock) {
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.fullNames = fullNames;
        this.ringing = ringing;
        this.clock = clock;
    }

    @Override
    public boolean offlineCall(int callerId, int recipientId, String sessionId, CallType callType) {
        try {
            if (!subscriptions.hasAny(recipientId)) {
                return false;
            }
            long now = clock.millis();
            if (calls.isRinging(sessionId, recipientId, now)) {
                return true;
            }
            if (!perRecipient.tryTake(recipientId, 1, System.nanoTime())) {
                dispatcher.dropped("recipient_rate").increment();
                return false;
            }
            long expires = now + ringing.toMillis();
            calls.remember(sessionId, recipientId, new RingingPushes.Ringing(callerId, expires), now);
            boolean queued = dispatcher.offer(new PushDispatcher.Push(recipientId, PushTopic.of(sessionId),
                    () -> PushPayload.call(sessionId, callerId, fullNames.apply(callerId), callType, expires)));
            if (!queued) {
                calls.forget(sessionId, recipientId);
            }
            return queued;
        } catch (RuntimeException e) {
            LOG.error("cannot queue the push of a call to user {}", recipientId, e);
            return false;
        }
    }

    @Override
    public void offlineHangUp(int senderId, int recipientId, String sessionId) {
        try {
            if (calls.cancel(sessionId, recipientId, senderId, clock.millis()) != null) {
                dispatcher.offer(new PushDispatcher.Push(recipientId, PushTopic.of(sessionId),
                        () -> PushPayload.cancel(sessionId)));
            }
        } catch (RuntimeException e) {
            LOG.error("cannot queue the cancellation of a call to user {}", recipientId, e);
        }
    }
}
