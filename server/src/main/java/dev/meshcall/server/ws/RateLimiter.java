package dev.meshcall.server.ws;

/**
 * A token bucket per connection ({@code docs/protocol.md}, "Limits"): about {@code ratePerSecond} frames sustained,
 * bursts up to {@code burst} (trickle ICE is bursty). Counts refusals, so that a connection that keeps going over
 * the rate can be closed. Not thread-safe: each connection's frames arrive on one I/O thread.
 */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;
    private int refusedInARow;

    RateLimiter(double ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one frame's token; {@code false} when the connection is over its rate. */
    boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return true;
        }
        refusedInARow++;
        return false;
    }

    /** How many frames were refused since the last one that was let through. */
    int refusedInARow() {
        return refusedInARow;
    }
}
