package dev.meshcall.client.api;

import dev.meshcall.client.call.Scheduler;
import org.teavm.jso.browser.Window;

/** {@link Scheduler} on the page's {@code setTimeout}. */
final class BrowserScheduler implements Scheduler {

    @Override
    public Cancellable schedule(int delayMillis, Runnable task) {
        int handle = Window.setTimeout(task::run, delayMillis);
        return () -> Window.clearTimeout(handle);
    }
}
