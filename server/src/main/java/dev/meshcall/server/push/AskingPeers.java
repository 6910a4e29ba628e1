package dev.meshcall.server.push;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.ws.OfflineCallNotifier;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings an offline user by push on every node: this node's own subscriptions ({@code own}), and the other nodes'
 * through {@link PushPeers}. A new call is counted once against its recipient ({@link PushLimit}, the one
 * {@code own} and this node's answers to the peers' requests share), so that fresh session ids cannot flood the
 * room the nodes share nor anyone's notifications; the caller's re-dials of a session push and ask nothing more,
 * and the {@code hangUp} of a pushed session cancels it here and asks the peers to. A call counts as pushed when this
 * node queued a push or the peers were asked; when neither happened the call is forgotten, so a re-dial tries again.
 * (When only this node's push went out, re-dials do not ask the peers again.)
 */
final class AskingPeers implements OfflineCallNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(AskingPeers.class);

    private final WebPushNotifier own;
    private final PushLimit limit;
    private final PushPeers peers;
    private final Duration ringing;
    private final Clock clock;

    /**
     * @param limit the one {@code own} uses
     */
    AskingPeers(WebPushNotifier own, PushLimit limit, PushPeers peers, Duration ringing, Clock clock) {
        this.own = own;
        this.limit = limit;
        this.peers = peers;
        this.ringing = ringing;
        this.clock = clock;
    }

    @Override
    public boolean offlineCall(int callerId, int recipientId, String sessionId, CallType callType) {
        try {
            long now = clock.millis();
            RingingPushes.Ringing call = new RingingPushes.Ringing(callerId, now + ringing.toMillis());
            return limit.ring(sessionId, recipientId, call, now, () -> {
                boolean queued = pushHere(recipientId, sessionId, callType, call);
                return ask(callerId, recipientId, sessionId, callType) || queued;
            });
        } catch (RuntimeException e) {
            LOG.error("cannot push a call to user {}", recipientId, e);
            return false;
        }
    }

    private boolean pushHere(int recipientId, String sessionId, CallType callType, RingingPushes.Ringing call) {
        try {
            return own.pushCall(recipientId, sessionId, callType, call);
        } catch (RuntimeException e) {
            LOG.error("cannot queue the push of a call to user {}", recipientId, e);
            return false;
        }
    }

    private boolean ask(int callerId, int recipientId, String sessionId, CallType callType) {
        try {
            return peers.askToRing(callerId, recipientId, sessionId, callType);
        } catch (RuntimeException e) {
            LOG.error("cannot ask the other nodes to push a call to user {}", recipientId, e);
            return false;
        }
    }

    @Override
    public void offlineHangUp(int senderId, int recipientId, String sessionId) {
        try {
            if (limit.cancel(sessionId, recipientId, senderId, clock.millis()) != null) {
                own.pushCancel(recipientId, sessionId);
                peers.askToCancel(senderId, recipientId, sessionId);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot cancel the push of a call to user {}", recipientId, e);
        }
    }
}
