package dev.meshcall.server.relay.xmpp;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The XMPP relay's own threads: one timer (the watchdog's rounds and short delays) and a small pool for the blocking
 * work those start (logins again, directory joins, vCard reads, revocation writes), so that neither Smack's reader
 * threads nor Undertow's I/O threads ever wait on the service.
 */
final class XmppBackground implements AutoCloseable {
    private static final int POOL_THREADS = 4;

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
        timer.scheduleWithFixedDelay(round, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the timer after {@code millis}; it must not block. */
    void later(long millis, Runnable task) {
        timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs blocking {@code work} on the pool. */
    void execute(Runnable work) {
        pool.execute(work);
    }

    /** Stops the timer and the pool. */
    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
