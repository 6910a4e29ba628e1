package dev.meshcall.server.relay;

/** Returned by {@code add...Listener}: removes that listener again. Removing twice is harmless. */
@FunctionalInterface
public interface ListenerHandle extends AutoCloseable {

    void remove();

    /** Same as {@link #remove()}, so that a handle fits try-with-resources. */
    @Override
    default void close() {
        remove();
    }
}
