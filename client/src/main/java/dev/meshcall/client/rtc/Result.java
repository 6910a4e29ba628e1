package dev.meshcall.client.rtc;

/**
 * The outcome of one asynchronous browser operation (a promise, seen from plain Java): exactly one of the two
 * methods is called, once.
 *
 * @param <T> the value on success
 */
public interface Result<T> {
    /** The operation succeeded. */
    void succeeded(T value);

    /** The operation failed; {@code error} names the cause, as the browser gave it. */
    void failed(String error);
}
