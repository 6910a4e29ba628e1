package dev.meshcall.server.relay;

import dev.meshcall.protocol.Frame;

/**
 * One open, authenticated connection of a user (a browser tab or device), as the relay sees it: something frames
 * can be handed to. A user may have several at once; a signal to the user goes to all of them.
 */
public interface Endpoint {

    /** The authenticated user this connection belongs to. */
    int userId();

    /**
     * Hands a frame to the connection. Must not block: the relay calls this from whichever thread delivers, possibly
     * an I/O thread. A connection that is already closed drops the frame silently.
     */
    void send(Frame frame);
}
