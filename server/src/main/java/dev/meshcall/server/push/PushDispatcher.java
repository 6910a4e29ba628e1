package dev.meshcall.server.push;

import dev.meshcall.server.logging.RateLimitedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Sends pushes off the signaling path: a bounded queue of {@code --push-queue} pushes and {@value #WORKERS} threads
 * of its own, each push to all of its recipient's subscriptions, each request bounded by {@code --push-timeout}. A
 * push that finds the queue full is dropped and counted, never waited for: a slow or failing push service never
 * delays a signal. What happens is counted in Micrometer: {@code meshcall.push.sent}, {@code meshcall.push.failed}
 * by {@code reason}, {@code meshcall.push.dropped} by {@code reason} ({@code queue_full}, {@code recipient_rate}),
 * {@code meshcall.push.subscriptions.removed} (the push service answered 404 or 410, so the subscription is deleted).
 * Failures are logged at most once a minute per reason, naming the endpoint's host only: never a key, never the
 * endpoint's path (it is the subscription's secret address).
 */
final class PushDispatcher implements AutoCloseable {
    static final int WORKERS = 2;
    /** How long {@link #close()} lets pushes in flight finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LoggerFactory.getLogger(PushDispatcher.class),
            Duration.ofMinutes(1));

    /** One push to one user: what to encrypt (made on the worker, which may read the database) and its topic. */
    record Push(int recipientId, String topic, PayloadSource payload) {
    }

    /** Makes a payload on a worker thread. */
    @FunctionalInterface
    interface PayloadSource {
        byte[] make();
    }

    private final PushSubscriptions subscriptions;
    private final PushSender sender;
    private final ThreadPoolExecutor workers;
    private final MeterRegistry metrics;
    private final Counter sent;
    private final Counter removed;
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();

    PushDispatcher(PushSubscriptions subscriptions, PushSender sender, int queue, MeterRegistry metrics) {
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, "meshcall-push-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.sent = Counter.builder("meshcall.push.sent").description("push messages a push service accepted")
                .register(metrics);
        this.removed = Counter.builder("meshcall.push.subscriptions.removed")
                .description("push subscriptions deleted because the push service said 404 or 410")
                .register(metrics);
        dropped("queue_full");
        dropped("recipient_rate");
    }

    /** Queues {@code push}; {@code false}, counting it dropped, when the queue is full or closed. */
    boolean offer(Push push) {
        try {
            workers.execute(() -> send(push));
            return true;
        } catch (RejectedExecutionException e) {
            dropped("queue_full").increment();
            WARNINGS.warn("push queue full", "dropped a push to user {}: the push queue is full", push.recipientId());
            return false;
        }
    }

    /** The counter of pushes dropped for {@code reason}. */
    Counter dropped(String reason) {
        return Counter.builder("meshcall.push.dropped").description("pushes not sent: queue full or too many for"
                + " one recipient").tag("reason", reason).register(metrics);
    }

    private void send(Push push) {
        List<PushSubscription> targets;
        byte[] payload;
        try {
            targets = subscriptions.of(push.recipientId());
            if (targets.isEmpty()) {
                return;
            }
            payload = push.payload().make();
        } catch (RuntimeException e) {
            fail("storage", "cannot read the push subscriptions of user {}: {}", push.recipientId(), e.toString());
            return;
        }
        for (PushSubscription subscription : targets) {
            PushOutcome outcome;
            try {
                outcome = sender.send(subscription, push.topic(), payload);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                fail("unexpected", "cannot push to user {} at {}: {}", push.recipientId(), host(subscription),
                        e.getClass().getSimpleName());
                continue;
            }
            switch (outcome) {
                case SENT -> sent.increment();
                case GONE -> {
                    if (subscriptions.deleteEndpoint(subscription.endpoint())) {
                        removed.increment();
                    }
                }
                default -> fail(outcome.reason(), "a push to user {} at {} failed: {}", push.recipientId(),
                        host(subscription), outcome.reason());
            }
        }
    }

    private void fail(String reason, String message, Object... args) {
        failed.computeIfAbsent(reason, r -> Counter.builder("meshcall.push.failed")
                .description("pushes that failed, by reason").tag("reason", r).register(metrics)).increment();
        WARNINGS.warn("push failed: " + reason, message, args);
    }

    /** The endpoint's host: its path is a capability, and stays out of the log. */
    private static String host(PushSubscription subscription) {
        try {
            return URI.create(subscription.endpoint()).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** Stops taking pushes, lets those in flight finish for a short while, then interrupts them. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
