package dev.meshcall.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The server tests' one way to wait: poll a condition with a bound and a message, never a fixed sleep.
 */
public final class Poll {
    /** Between two checks of a condition. */
    public static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /**
     * Polls {@code condition} until it holds.
     *
     * @throws AssertionError naming {@code what} when {@code timeout} passes first
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            pause();
        }
    }

    /** The wait between two attempts of a bounded loop (one {@link #INTERVAL}). */
    public static void pause() {
        LockSupport.parkNanos(INTERVAL.toNanos());
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling");
        }
    }
}
