package dev.meshcall.server.push;

import dev.meshcall.server.ws.OfflineCallNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Web Push of one node, composed: the sender with its VAPID identity, the dispatcher and its threads, and the
 * {@link OfflineCallNotifier} the signal router tells, which also asks the other nodes ({@link PushPeers}) when
 * there are any, and answers their requests with this node's subscriptions. Close it with the node: pushes in flight
 * get a short while to finish.
 */
public final class WebPush implements AutoCloseable {
    private final PushDispatcher dispatcher;
    private final OfflineCallNotifier notifier;

    /**
     * @param subject   the {@code sub} of the VAPID token ({@link PushSettings#subjectFor})
     * @param fullNames a user's full name, or {@code null}; called on the push threads (it may block)
     * @param ringing   how long a caller rings
     * @param peers     the other nodes that keep subscriptions, or {@link PushPeers#NONE}
     */
    public WebPush(PushSubscriptions subscriptions, VapidKeys keys, String subject, PushSettings settings,
            IntFunction<String> fullNames, Duration ringing, PushPeers peers, MeterRegistry metrics, Clock clock) {
        PushSender sender = new PushSender(new VapidAuthorization(keys, subject), settings.timeout(), settings.ttl(),
                clock);
        this.dispatcher = new PushDispatcher(subscriptions, sender, settings.queue(), metrics);
        // one limit for every way this node rings someone by push: asked here, of the peers, or by a peer
        PushLimit limit = new PushLimit(dispatcher.dropped("recipient_rate"));
        WebPushNotifier own = new WebPushNotifier(subscriptions, dispatcher, limit, fullNames, ringing, clock);
        this.notifier = peers == PushPeers.NONE ? own : new AskingPeers(own, limit, peers, ringing, clock);
        peers.answerWith(own);
    }

    /** What the signal router tells of calls to offline users. */
    public OfflineCallNotifier notifier() {
        return notifier;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
