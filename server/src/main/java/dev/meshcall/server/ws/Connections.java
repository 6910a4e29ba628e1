package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.server.relay.PresenceListener;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every open WebSocket connection of this server node, authenticated or not: the presence fan-out goes to the
 * authenticated ones, and shutdown closes them all with 1001. Holds the node's {@link ConnectionLimits} that span
 * sockets: sockets per user, and bytes waiting to be written across all sockets.
 */
public final class Connections implements PresenceListener {
    private static final int POLICY_VIOLATION = 1008;
    /** Below this much waiting a socket is keeping up, and is never the one closed for the server-wide budget. */
    private static final long KEEPING_UP_BYTES = 64 * 1024;

    private final Set<SignalingConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong slowConsumers = new AtomicLong();
    private final ConnectionLimits limits;
    private final Map<Integer, Integer> socketsByUser = new ConcurrentHashMap<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile Consumer<ErrorCode> errorCounter = code -> { };

    /** The default limits. */
    public Connections() {
        this(ConnectionLimits.defaults());
    }

    public Connections(ConnectionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    void add(SignalingConnection connection) {
        open.add(connection);
    }

    void remove(SignalingConnection connection) {
        synchronized (open) {
            open.remove(connection);
            open.notifyAll();
        }
    }

    /**
     * Counts an authenticated socket of {@code userId}, unless the user has {@code maxSocketsPerUser} already.
     *
     * @return the refusal to close the socket with, or {@code null} when it was counted
     */
    String addSocketOf(int userId) {
        String[] refusal = {null};
        socketsByUser.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limits.maxSocketsPerUser()) {
                refusal[0] = "user " + userId + " has " + current + " sockets open, the limit"
                        + " (--max-sockets-per-user " + limits.maxSocketsPerUser() + ")";
                return count;
            }
            return current + 1;
        });
        return refusal[0];
    }

    /** Forgets an authenticated socket of {@code userId} that {@link #addSocketOf} counted. */
    void removeSocketOf(int userId) {
        socketsByUser.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Counts {@code bytes} about to be handed to a socket among what waits across all sockets; when that passes
     * {@code maxPendingBytesTotal}, closes the socket with the most waiting as too slow (the one that reads least,
     * not simply the one written to now: a socket that keeps up does not pay for others that do not; one with less
     * than {@value #KEEPING_UP_BYTES} bytes waiting is never closed for it). The walk over the sockets happens only
     * then. A closing socket's bytes leave the count at once. Give the bytes back with {@link #written}.
     */
    void reserve(long bytes) {
        if (pendingBytes.addAndGet(bytes) <= limits.maxPendingBytesTotal()) {
            return;
        }
        SignalingConnection slowest = null;
        for (SignalingConnection connection : open) {
            if (!connection.isClosing() && (slowest == null || connection.pendingBytes() > slowest.pendingBytes())) {
                slowest = connection;
            }
        }
        if (slowest != null && slowest.pendingBytes() >= KEEPING_UP_BYTES) {
            slowest.closeAsTooSlow("the server's " + limits.maxPendingBytesTotal() + " bytes for unread frames"
                    + " (--max-pending-bytes-total) are taken, and this socket had the most");
        }
    }

    /** Bytes that {@link #reserve} counted were written, or will never be. */
    void written(long bytes) {
        pendingBytes.addAndGet(-bytes);
    }

    /** Bytes waiting to be written across all sockets. */
    public long pendingBytes() {
        return pendingBytes.get();
    }

    /** How many connections are open. */
    public int size() {
        return open.size();
    }

    /** How many sockets were closed because they did not read what they were sent. */
    public long slowConsumersClosed() {
        return slowConsumers.get();
    }

    void countSlowConsumer() {
        slowConsumers.incrementAndGet();
    }

    /**
     * Has every error frame sent to a browser counted by {@code counter} (the metrics' errors by code), whichever
     * layer refused the frame: decoding, the signal rules, the session, the relay.
     */
    public void countErrorsWith(Consumer<ErrorCode> counter) {
        this.errorCounter = Objects.requireNonNull(counter, "counter");
    }

    void errorSent(ErrorCode code) {
        errorCounter.accept(code);
    }

    /**
     * Closes with 1008 "signed out" every socket of {@code userId} whose token {@code revoked} says is revoked:
     * called when a token is revoked, here (the token itself) or on another node (its id), so that signing out ends
     * the session everywhere, not only for new requests.
     *
     * @return how many sockets were closed
     */
    public int closeSocketsWhere(int userId, Predicate<String> revoked) {
        int closed = 0;
        for (SignalingConnection connection : open) {
            if (connection.isAuthenticated() && connection.userId() == userId && connection.tokenMatches(revoked)) {
                connection.close(POLICY_VIOLATION, "signed out");
                closed++;
            }
        }
        return closed;
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
