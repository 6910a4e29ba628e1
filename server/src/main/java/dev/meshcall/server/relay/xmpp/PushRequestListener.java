package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.CallType;

/**
 * Told when another MeshCall node asks this one to ring, or stop ringing, a user by Web Push ({@link XmppRelay
 * #askNodesToRing}): this node pushes to the subscriptions it keeps of that user. Called on Smack's threads, so it
 * answers from memory and hands any work to its own threads; whatever it throws is logged and dropped.
 */
public interface PushRequestListener {
    /** Nobody is told. */
    PushRequestListener NONE = new PushRequestListener() {
    };

    /** {@code callerId}'s {@code call} of {@code sessionId} found {@code recipientId} offline on another node. */
    default void ring(int callerId, int recipientId, String sessionId, CallType callType) {
    }

    /** {@code callerId} hung up {@code sessionId} before {@code recipientId} answered. */
    default void cancel(int callerId, int recipientId, String sessionId) {
    }
}
