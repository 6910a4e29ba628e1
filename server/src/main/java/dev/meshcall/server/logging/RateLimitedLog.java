package dev.meshcall.server.logging;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Warnings that a client can cause at will (an aborted upload, a body that never arrives, a socket that does not
 * read) logged as one line per cause and period, so that nobody can flood the log: the first of a cause in a period
 * is written at WARN, without a stack trace, and the next line of that cause says how many were left out
 * (issue 12, item 10). Causes are a few fixed strings of the caller's, never client text. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** One cause's current period: when it began, and how many lines of it were left out since. */
    private static final class Window {
        long start;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }

    public RateLimitedLog(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration period, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Writes {@code message} (an slf4j pattern; pass no exception) at WARN unless a line of {@code cause} was written
     * within the period.
     *
     * @return whether the line was written
     */
    public boolean warn(String cause, String message, Object... args) {
        long now = nanoTime.getAsLong();
        long[] leftOut = {-1};
        windows.compute(cause, (key, window) -> {
            if (window == null) {
                leftOut[0] = 0;
                return new Window(now);
            }
            if (now - window.start >= periodNanos) {
                leftOut[0] = window.suppressed;
                window.start = now;
                window.suppressed = 0;
            } else {
                window.suppressed++;
            }
            return window;
        });
        if (leftOut[0] < 0 || !log.isWarnEnabled()) {
            return false;
        }
        String suffix = leftOut[0] == 0 ? "" : " (" + leftOut[0] + " more like it were not logged)";
        log.warn(cause + ": " + message + suffix, args);
        return true;
    }
}
