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
}
