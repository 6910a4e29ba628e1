package dev.meshcall.server.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address for new WebSockets or sign-ups, a recipient, a sender and recipient):
 * {@code perSecond} tokens a second, at most {@code burst} saved up. Thread-safe. A key whose bucket has filled up
 * again is forgotten, at most once a second and only while more than {@value #PURGE_ABOVE} keys are held, so idle
 * keys cost nothing for long.
 *
 * @param <K> the key
 */
public final class KeyedTokenBuckets<K> {
    private static final int PURGE_ABOVE = 4096;
    private static final long PURGE_EVERY_NANOS = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long nextPurge;

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    public KeyedTokenBuckets(double perSecond, double burst) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst, not " + perSecond
                    + "/s and " + burst);
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Takes {@code amount} tokens from {@code key}'s bucket; {@code false}, taking nothing, when it has fewer. */
    public boolean tryTake(K key, double amount, long nowNanos) {
        purgeIfDue(nowNanos);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.last) * perNano);
            bucket.last = Math.max(bucket.last, nowNanos);
            if (bucket.tokens >= amount) {
                bucket.tokens -= amount;
                return true;
            }
            return false;
        }
    }

    /** Returns tokens taken for something that did not happen after all. */
    public void giveBack(K key, double amount) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.tokens = Math.min(burst, bucket.tokens + amount);
            }
        }
    }

    /** How many keys are held (for tests). */
    public int size() {
        return buckets.size();
    }

    private void purgeIfDue(long nowNanos) {
        if (buckets.size() <= PURGE_ABOVE || nowNanos - nextPurge < 0) {
            return;
        }
        nextPurge = nowNanos + PURGE_EVERY_NANOS;
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                return bucket.tokens + (nowNanos - bucket.last) * perNano >= burst;
            }
        });
    }
}
