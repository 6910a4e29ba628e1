package dev.meshcall.server.push;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.limit.KeyedTokenBuckets;
import dev.meshcall.server.ws.OfflineCallNotifier;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings an offline user by push on every node: this node's own subscriptions ({@code own}), and the other nodes'
 * through {@link PushPeers}. The caller's re-dials of a session ask the peers once ({@link RingingPushes}, as the
 * nodes' own notifiers push once), the {@code hangUp} of a session they were asked about asks them to cancel, and
 * the peers are asked at most as often per recipient as a node pushes ({@link WebPushNotifier#BURST}, one more every
 * {@link WebPushNotifier#SECONDS_PER_PUSH} seconds), so that fresh session ids cannot flood the room they share.
 * A call counts as pushed when this node queued a push or the peers were asked.
 */
final class AskingPeers implements OfflineCallNotifier {
    private static final int REMEMBERED_CALLS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AskingPeers.class);

    private final OfflineCallNotifier own;
    private final PushPeers peers;
    private final Duration ringing;
    private final Clock clock;
    private final RingingPushes asked = new RingingPushes(REMEMBERED_CALLS);
    private final KeyedTokenBuckets<Integer> perRecipient = new KeyedTokenBuckets<>(
            1.0 / WebPushNotifier.SECONDS_PER_PUSH, WebPushNotifier.BURST);

    AskingPeers(OfflineCallNotifier own, PushPeers peers, Duration ringing, Clock clock) {
        this.own = own;
        this.peers = peers;
        this.ringing = ringing;
        this.clock = clock;
    }

    @Override
    public boolean offlineCall(int callerId, int recipientId, String sessionId, CallType callType) {
        boolean queued = own.offlineCall(callerId, recipientId, sessionId, callType);
        return ask(callerId, recipientId, sessionId, callType) || queued;
    }

    private boolean ask(int callerId, int recipientId, String sessionId, CallType callType) {
        try {
            long now = clock.millis();
            if (asked.isRinging(sessionId, recipientId, now)) {
                return true;
            }
            if (!perRecipient.tryTake(recipientId, 1, System.nanoTime())
                    || !peers.askToRing(callerId, recipientId, sessionId, callType)) {
                return false;
            }
            asked.remember(sessionId, recipientId, new RingingPushes.Ringing(callerId, now + ringing.toMillis()), now);
            return true;
        } catch (RuntimeException e) {
            LOG.error("cannot ask the other nodes to push a call to user {}", recipientId, e);
            return false;
        }
    }

    @Override
    public void offlineHangUp(int senderId, int recipientId, String sessionId) {
        own.offlineHangUp(senderId, recipientId, sessionId);
        try {
            if (asked.cancel(sessionId, recipientId, senderId, clock.millis()) != null) {
                peers.askToCancel(senderId, recipientId, sessionId);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot ask the other nodes to cancel the push of a call to user {}", recipientId, e);
        }
    }
}
