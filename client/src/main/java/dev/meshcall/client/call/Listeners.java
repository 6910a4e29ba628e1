package dev.meshcall.client.call;

import java.util.function.Consumer;

/**
 * The registered {@link CallListener}s. Each is called in turn; one that throws is logged and the others still
 * run, so an app's bug in one callback cannot break the call.
 */
final class Listeners {
    private final SmallList<CallListener> listeners = new SmallList<>();
    private final Log log;

    Listeners(Log log) {
        this.log = log;
    }

    Registration add(CallListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Calls every listener registered now (one may add or remove listeners meanwhile). */
    void fire(String name, Consumer<CallListener> event) {
        for (Object listener : listeners.snapshot()) {
            try {
                event.accept((CallListener) listener);
            } catch (RuntimeException e) {
                log.error(name + " listener threw: " + e.getMessage());
            }
        }
    }
}
