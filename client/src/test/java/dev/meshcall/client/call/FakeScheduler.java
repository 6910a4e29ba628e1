package dev.meshcall.client.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A manual clock: tasks run only when the test advances time, in order of due time, then of scheduling. */
final class FakeScheduler implements Scheduler {
    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long sequence;

    @Override
    public Cancellable schedule(int delayMillis, Runnable task) {
        Task scheduled = new Task(now + delayMillis, sequence++, task);
        tasks.add(scheduled);
        return () -> tasks.remove(scheduled);
    }

    /** Runs everything due now, including what those tasks schedule with no delay. */
    void runDue() {
        advance(0);
    }

    /** Moves the clock forward, running every task that falls due on the way. */
    void advance(long millis) {
        long until = now + millis;
        while (true) {
            Task next = tasks.stream().filter(t -> t.due <= until)
                    .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = Math.max(now, next.due);
            next.task.run();
        }
        now = until;
    }

    long now() {
        return now;
    }

    private record Task(long due, long sequence, Runnable task) {
    }
}
