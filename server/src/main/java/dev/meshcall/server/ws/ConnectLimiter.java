package dev.meshcall.server.ws;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New WebSocket connections per client address: a token bucket of {@code perSecond} per second with bursts of as
 * many, so that one address cannot open sockets (each holds a timer and memory until its auth deadline) faster than
 * a browser reconnecting ever would. Thread-safe; idle addresses are forgotten.
 */
final class ConnectLimiter {
    private static final int PURGE_ABOVE = 4096;

    private final double perNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    ConnectLimiter(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.burst = perSecond;
    }

    /** Takes one connection's token for {@code address}; {@code false} when it is over its rate. */
    boolean tryAcquire(InetAddress address, long nowNanos) {
        if (buckets.size() > PURGE_ABOVE) {
            buckets.values().removeIf(bucket -> {
                synchronized (bucket) {
                    return bucket.tokens + (nowNanos - bucket.last) * perNano >= burst;
                }
            });
        }
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.last) * perNano);
            bucket.last = nowNanos;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
