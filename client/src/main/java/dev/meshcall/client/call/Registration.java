package dev.meshcall.client.call;

/** A handle to something registered; {@link #remove()} undoes it. */
@FunctionalInterface
public interface Registration {
    /** Removes the registration; a no-op the second time. */
    void remove();
}
