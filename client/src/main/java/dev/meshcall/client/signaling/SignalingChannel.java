package dev.meshcall.client.signaling;

/**
 * Carries signals to other users: the server's WebSocket in the page, an in-memory switchboard in JVM tests.
 * Incoming signals reach {@code VideoChat.onSignal}.
 */
public interface SignalingChannel {

    /** Sends a signal to a user; delivery problems come back later as errors, never as exceptions here. */
    void send(int to, CallSignal signal);

    /** The signed-in user's id, or 0 while not connected. */
    int currentUserId();

    /**
     * Makes sure signals still get through: the connection must prove it is alive (a ping answered in time), or it
     * is given up as lost and reconnected. Called while a call recovers from a network change.
     *
     * @return whether the connection is up now, as far as is known before the proof comes back
     */
    boolean checkAlive();
}
