package dev.meshcall.client.api;

import dev.meshcall.client.call.Scheduler;
import org.teavm.jso.browser.TimerHandler;
import org.teavm.jso.browser.Window;

/** {@link Scheduler} on the page's {@code setTimeout}. */
final class BrowserScheduler implements Scheduler {

    @Override
    public Cancellable schedule(int delayMillis, Runnable task) {
        Timeout timeout = new Timeout(task);
        timeout.handle = Window.setTimeout(timeout, delayMillis);
        return timeout;
    }

    /** One {@code setTimeout}: both what it runs and how it is cancelled (one class in meshcall.js, not two). */
    private static final class Timeout implements TimerHandler, Cancellable {
        private final Runnable task;
        private int handle;

        Timeout(Runnable task) {
            this.task = task;
        }

        @Override
        public void onTimer() {
            task.run();
        }

        @Override
        public void cancel() {
            Window.clearTimeout(handle);
        }
    }
}
