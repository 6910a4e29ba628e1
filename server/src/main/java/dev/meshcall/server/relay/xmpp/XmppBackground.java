package dev.meshcall.server.relay.xmpp;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XMPP relay's own threads: one timer (the watchdog's rounds and short delays) and a small pool for the blocking
 * work those start (logins again, directory joins, vCard reads, revocation writes), so that neither Smack's reader
 * threads nor Undertow's I/O threads ever wait on the service. {@link #close} stops the timer first and waits for a
 * round under way, then the pool, so that no round hands work to a pool that is gone; work handed over after that
 * (a Smack thread reporting a connection that is being closed) is dropped with a debug line.
 */
final class XmppBackground implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XmppBackground.class);
    private static final int POOL_THREADS = 4;
    /** How long {@link #close} waits for a watchdog round under way (it closes sessions, so it may write a little). */
    private static final Duration ROUND_GRACE = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer;
    private final ExecutorService pool;

    XmppBackground() {
        AtomicInteger threads = new AtomicInteger();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "xmpp-watchdog"));
        this.pool = Executors.newFixedThreadPool(POOL_THREADS,
                r -> daemon(r, "xmpp-reconnect-" + threads.incrementAndGet()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Runs {@code round} on the timer every {@code delay}, the first time after one {@code delay}. */
    void every(Duration delay, Runnable round) {
        long millis = delay.toMillis();
        try {
            timer.scheduleWithFixedDelay(round, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            dropped("a round", e);
        }
    }

    /** Runs {@code task} on the timer after {@code millis}; it must not block. */
    void later(long millis, Runnable task) {
        try {
            timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            dropped("a delayed task", e);
        }
    }

    /** Runs blocking {@code work} on the pool. */
    void execute(Runnable work) {
        try {
            pool.execute(work);
        } catch (RejectedExecutionException e) {
            dropped("blocking work", e);
        }
    }

    private void dropped(String what, RejectedExecutionException e) {
        if (!timer.isShutdown() && !pool.isShutdown()) {
            throw e;  // not closed: a refusal would be a bug, not the end of the relay
        }
        LOG.debug("the XMPP relay is closed; dropped {}", what);
    }

    /** Stops the timer, waits for a round under way, then stops the pool. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(ROUND_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("an XMPP watchdog round did not end within {}; stopping its pool anyway", ROUND_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
    }
}
