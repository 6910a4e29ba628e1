package dev.meshcall.server.ws;

import dev.meshcall.protocol.CallType;

/**
 * What the {@link SignalRouter} tells when a signal could not be delivered because its recipient has no page open
 * (or, in XMPP mode, was sent on for a recipient nobody has seen online): a {@code call} (someone may reach them
 * another way, such as Web Push: {@code server.push}), or the caller's {@code hangUp} of such a call. Called on I/O
 * threads: implementations answer from memory and hand any work to their own threads, and never throw.
 */
public interface OfflineCallNotifier {
    /** Tells nobody. */
    OfflineCallNotifier NONE = new OfflineCallNotifier() {
    };

    /**
     * A {@code call} of {@code sessionId} from {@code callerId} found {@code recipientId} offline (the caller's SDK
     * sends it again every few seconds while it rings).
     *
     * @return whether the recipient was or is being notified of this ringing call, so that the caller may be told
     */
    default boolean offlineCall(int callerId, int recipientId, String sessionId, CallType callType) {
        return false;
    }

    /** {@code senderId} sent {@code hangUp} of {@code sessionId} to {@code recipientId}, who is offline. */
    default void offlineHangUp(int senderId, int recipientId, String sessionId) {
    }
}
