package dev.meshcall.server.mode;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.push.PushPeers;
import dev.meshcall.server.relay.xmpp.PushRequestListener;
import dev.meshcall.server.relay.xmpp.XmppRelay;
import dev.meshcall.server.ws.OfflineCallNotifier;

/**
 * The other MeshCall nodes on the XMPP service, as Web Push sees them: asked through the node directory room, and
 * their requests answered with this node's own subscriptions ({@code relay.xmpp.NodePushRequests},
 * {@code docs/xmpp.md} "Web Push").
 */
final class XmppPushPeers implements PushPeers {
    private final XmppRelay xmpp;

    XmppPushPeers(XmppRelay xmpp) {
        this.xmpp = xmpp;
    }

    @Override
    public boolean askToRing(int callerId, int recipientId, String sessionId, CallType callType) {
        return xmpp.askNodesToRing(callerId, recipientId, sessionId, callType);
    }

    @Override
    public void askToCancel(int callerId, int recipientId, String sessionId) {
        xmpp.askNodesToCancel(callerId, recipientId, sessionId);
    }

    @Override
    public void answerWith(OfflineCallNotifier own) {
        xmpp.onPushRequest(new PushRequestListener() {
            @Override
            public void ring(int callerId, int recipientId, String sessionId, CallType callType) {
                own.offlineCall(callerId, recipientId, sessionId, callType);
            }

            @Override
            public void cancel(int callerId, int recipientId, String sessionId) {
                own.offlineHangUp(callerId, recipientId, sessionId);
            }
        });
    }
}
