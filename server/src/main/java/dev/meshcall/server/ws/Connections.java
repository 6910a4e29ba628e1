package dev.meshcall.server.ws;

import dev.meshcall.protocol.Frame;
import dev.meshcall.server.relay.PresenceListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open WebSocket connection of this server node, authenticated or not: the presence fan-out goes to the
 * authenticated ones, and shutdown closes them all with 1001.
 */
public final class Connections implements PresenceListener {
    private final Set<SignalingConnection> open = ConcurrentHashMap.newKeySet();

    void add(SignalingConnection connection) {
        open.add(connection);
    }

    void remove(SignalingConnection connection) {
        synchronized (open) {
            open.remove(connection);
            open.notifyAll();
        }
    }

    /** How many connections are open. */
    public int size() {
        return open.size();
    }

    /** Tells every other authenticated connection that {@code userId} came online or went offline. */
    @Override
    public void presenceChanged(int userId, boolean online) {
        Frame frame = Frame.presence(userId, online);
        for (SignalingConnection connection : open) {
            if (connection.isAuthenticated() && connection.userId() != userId) {
                connection.send(frame);
            }
        }
    }

    /**
     * Closes every connection with the given code and waits, at most {@code wait}, for them to finish closing, so
     * that browsers see the close frame (1001 on shutdown) rather than a dropped socket.
     */
    public void closeAll(int code, String reason, Duration wait) throws InterruptedException {
        for (SignalingConnection connection : open) {
            connection.close(code, reason);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (open) {
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                open.wait(Math.max(1, left / 1_000_000));
            }
        }
    }
}
