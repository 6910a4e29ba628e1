package dev.meshcall.client.call;

import java.util.function.Consumer;

/**
 * The registered {@link CallListener}s. Each is called in turn; one that throws is logged and the others still
 * run, so an app's bug in one callback cannot break the call.
 */
final class Listeners {
    private CallListener[] listeners = {};
    private final Log log;

    Listeners(Log log) {
        this.log = log;
    }

    Registration add(CallListener listener) {
        CallListener[] grown = new CallListener[listeners.length + 1];
        System.arraycopy(listeners, 0, grown, 0, listeners.length);
        grown[listeners.length] = listener;
        listeners = grown;
        return () -> remove(listener);
    }

    private void remove(CallListener listener) {
        for (int i = 0; i < listeners.length; i++) {
            if (listeners[i] == listener) {
                CallListener[] shrunk = new CallListener[listeners.length - 1];
                System.arraycopy(listeners, 0, shrunk, 0, i);
                System.arraycopy(listeners, i + 1, shrunk, i, shrunk.length - i);
                listeners = shrunk;
                return;
            }
        }
    }

    /** Calls every listener registered now (the array is replaced, never changed, so one may remove itself). */
    void fire(String name, Consumer<CallListener> event) {
        for (CallListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.error(name + " listener threw: " + e.getMessage());
            }
        }
    }
}
