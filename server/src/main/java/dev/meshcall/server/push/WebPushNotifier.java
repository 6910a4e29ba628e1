package dev.meshcall.server.push;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.ws.OfflineCallNotifier;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings offline users by Web Push through this node's subscriptions: the first {@code call} of a session that finds
 * its recipient offline queues one push to all of the recipient's subscriptions ({@link PushPayload#call}); the
 * caller's re-dials of that session while it rings queue nothing more, and a recipient gets only so many new calls
 * pushed a minute ({@link PushLimit}, shared with {@link AskingPeers}); the caller's {@code hangUp} to that recipient
 * queues the cancellation under the same {@code Topic}. Everything here is in memory; the database is read on the
 * dispatcher's threads.
 */
final class WebPushNotifier implements OfflineCallNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(WebPushNotifier.class);

    private final PushSubscriptions subscriptions;
    private final PushDispatcher dispatcher;
    private final PushLimit limit;
    private final IntFunction<String> fullNames;
    private final Duration ringing;
    private final Clock clock;

    /**
     * @param limit     which calls may be pushed (shared with whatever else rings by push on this node)
     * @param fullNames a user's full name, or {@code null}; called on the dispatcher's threads (it may block)
     * @param ringing   how long a caller rings ({@code --session-answer-timeout}): the payload's {@code expires}
     */
    WebPushNotifier(PushSubscriptions subscriptions, PushDispatcher dispatcher, PushLimit limit,
            IntFunction<String> fullNames, Duration ringing, Clock clock) {
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.limit = limit;
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
            RingingPushes.Ringing call = new RingingPushes.Ringing(callerId, now + ringing.toMillis());
            return limit.ring(sessionId, recipientId, call, now,
                    () -> pushCall(recipientId, sessionId, callType, call));
        } catch (RuntimeException e) {
            LOG.error("cannot queue the push of a call to user {}", recipientId, e);
            return false;
        }
    }

    /**
     * Queues the push of a call {@link PushLimit} let through to the recipient's subscriptions on this node.
     *
     * @return {@code false} when the recipient has none here or the queue is full
     */
    boolean pushCall(int recipientId, String sessionId, CallType callType, RingingPushes.Ringing call) {
        if (!subscriptions.hasAny(recipientId)) {
            return false;
        }
        int callerId = call.callerId();
        return dispatcher.offer(new PushDispatcher.Push(recipientId, PushTopic.of(sessionId),
                () -> PushPayload.call(sessionId, callerId, fullNames.apply(callerId), callType, call.expires())));
    }

    @Override
    public void offlineHangUp(int senderId, int recipientId, String sessionId) {
        try {
            if (limit.cancel(sessionId, recipientId, senderId, clock.millis()) != null) {
                pushCancel(recipientId, sessionId);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot queue the cancellation of a call to user {}", recipientId, e);
        }
    }

    /** Queues the cancellation of a pushed call to the recipient's subscriptions on this node, if any. */
    void pushCancel(int recipientId, String sessionId) {
        if (subscriptions.hasAny(recipientId)) {
            dispatcher.offer(new PushDispatcher.Push(recipientId, PushTopic.of(sessionId),
                    () -> PushPayload.cancel(sessionId)));
        }
    }
}
