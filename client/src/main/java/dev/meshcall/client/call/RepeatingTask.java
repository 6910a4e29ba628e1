package dev.meshcall.client.call;

/** A task that re-schedules itself on a {@link Scheduler} until cancelled. */
final class RepeatingTask implements Scheduler.Cancellable {
    private final Scheduler scheduler;
    private final int periodMillis;
    private final Runnable task;
    private Scheduler.Cancellable next;
    private boolean cancelled;

    RepeatingTask(Scheduler scheduler, int periodMillis, Runnable task) {
        this.scheduler = scheduler;
        this.periodMillis = periodMillis;
        this.task = task;
    }

    void start() {
        next = scheduler.schedule(periodMillis, this::runAndReschedule);
    }

    private void runAndReschedule() {
        if (cancelled) {
            return;
        }
        task.run();
        if (!cancelled) {
            start();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (next != null) {
            next.cancel();
        }
    }
}
