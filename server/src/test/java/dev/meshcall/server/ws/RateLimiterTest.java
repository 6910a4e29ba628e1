package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstThenTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(50, 200, 0);

        for (int i = 0; i < 200; i++) {
            assertThat(limiter.tryAcquire(0)).as("frame %d of the burst", i).isTrue();
        }
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.refusedInARow()).isEqualTo(1);

        assertThat(limiter.tryAcquire(SECOND / 50)).isTrue();
        assertThat(limiter.refusedInARow()).isZero();
        assertThat(limiter.tryAcquire(SECOND / 50)).isFalse();
    }

    @Test
    void refillsNoHigherThanTheBurst() {
        RateLimiter limiter = new RateLimiter(50, 200, 0);

        int allowed = 0;
        while (limiter.tryAcquire(3600 * SECOND)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(200);
    }
}
