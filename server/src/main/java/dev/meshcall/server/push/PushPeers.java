package dev.meshcall.server.push;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.ws.OfflineCallNotifier;

/**
 * The other nodes of a deployment that keep push subscriptions of their own (XMPP mode: each node keeps those posted
 * through it, {@code docs/xmpp.md} "Web Push"). A node asks them to ring a user it found offline, and answers their
 * requests with its own subscriptions. The embedded mode has no peers ({@link #NONE}). Called on I/O threads and on
 * the transport's threads: implementations never block for long and never throw.
 */
public interface PushPeers {
    /** No other nodes. */
    PushPeers NONE = new PushPeers() {
    };

    /**
     * Asks the other nodes to ring {@code recipientId} by push for {@code callerId}'s call {@code sessionId}.
     *
     * @return whether the request went out (nothing says whether any node holds a subscription of that user)
     */
    default boolean askToRing(int callerId, int recipientId, String sessionId, CallType callType) {
        return false;
    }

    /** Asks the other nodes to take the notification of {@code sessionId} away from {@code recipientId}. */
    default void askToCancel(int callerId, int recipientId, String sessionId) {
    }

    /**
     * Sets what this node does when another node asks: {@code own} rings (or stops ringing) the recipient's
     * subscriptions kept on this node.
     */
    default void answerWith(OfflineCallNotifier own) {
    }
}
