package dev.meshcall.client.call;

/**
 * Runs tasks later on the page's one event loop ({@code setTimeout} in the browser, a manual clock in tests).
 */
public interface Scheduler {

    /** Runs {@code task} after {@code delayMillis}; the returned handle cancels it if it has not run yet. */
    Cancellable schedule(int delayMillis, Runnable task);

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        /** Cancels the task; a no-op when it already ran or was cancelled. */
        void cancel();
    }
}
