package dev.meshcall.client.call;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registered {@link CallListener}s. Each is called in turn; one that throws is logged and the others still
 * run, so an app's bug in one callback cannot break the call.
 */
final class Listeners {
    private final List<CallListener> listeners = new ArrayList<>();
    private final Log log;

    Listeners(Log log) {
        this.log = log;
    }

    Registration add(CallListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void fire(String name, Consumer<CallListener> event) {
        for (CallListener listener : new ArrayList<>(listeners)) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.error(name + " listener threw: " + e.getMessage());
            }
        }
    }
}
