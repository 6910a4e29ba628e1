package dev.meshcall.server.ws;

/**
 * How many connections the node keeps and how much they may hold ({@code docs/security.md}, "What is limited"):
 * without these one user held 1,000 sockets, and 150 sockets that stopped reading took the heap from 29 to 255 MB
 * (issue 12, item 4).
 *
 * @param maxSocketsPerUser    authenticated WebSockets one user may have open on this node (the user's devices and
 *     tabs); one more is closed with 1008 naming the limit
 * @param maxConnections       TCP connections (HTTP and WebSocket) the node accepts at once; past it the node stops
 *     accepting until some close (they wait in the listen backlog)
 * @param maxPendingBytesTotal bytes that may wait to be written across all WebSockets; past it the socket with the
 *     most waiting is closed as too slow
 */
public record ConnectionLimits(int maxSocketsPerUser, int maxConnections, long maxPendingBytesTotal) {
    /** Default of {@code --max-sockets-per-user}. */
    public static final int DEFAULT_MAX_SOCKETS_PER_USER = 10;
    /** Default of {@code --max-connections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default of {@code --max-pending-bytes-total}: 256 MiB. */
    public static final long DEFAULT_MAX_PENDING_BYTES_TOTAL = 256L * 1024 * 1024;

    public ConnectionLimits {
        if (maxSocketsPerUser <= 0 || maxConnections <= 0 || maxPendingBytesTotal <= 0) {
            throw new IllegalArgumentException("connection limits must be positive: " + maxSocketsPerUser + ", "
                    + maxConnections + ", " + maxPendingBytesTotal);
        }
    }

    /** The production defaults. */
    public static ConnectionLimits defaults() {
        return new ConnectionLimits(DEFAULT_MAX_SOCKETS_PER_USER, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_PENDING_BYTES_TOTAL);
    }

    public ConnectionLimits withMaxSocketsPerUser(int value) {
        return new ConnectionLimits(value, maxConnections, maxPendingBytesTotal);
    }

    public ConnectionLimits withMaxConnections(int value) {
        return new ConnectionLimits(maxSocketsPerUser, value, maxPendingBytesTotal);
    }

    public ConnectionLimits withMaxPendingBytesTotal(long value) {
        return new ConnectionLimits(maxSocketsPerUser, maxConnections, value);
    }
}
