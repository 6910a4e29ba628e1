package dev.meshcall.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits that poll a condition with a bound and a message; the tests never sleep a fixed time.
 */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {
    }

    /** Polls until {@code condition} holds, or fails naming {@code description} after {@code timeout}. */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        until(description, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Polls {@code probe} until it yields a value and returns that value, or fails naming {@code description}
     * (and the last error the probe threw, if any) after {@code timeout}.
     */
    public static <T> T until(String description, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError(
                        "timed out after " + timeout.toMillis() + " ms waiting for: " + description);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            pause();
        }
    }

    private static void pause() {
        // The poll interval between two checks of the condition, bounded by the deadline above.
        LockSupport.parkNanos(INTERVAL.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling");
        }
    }
}
