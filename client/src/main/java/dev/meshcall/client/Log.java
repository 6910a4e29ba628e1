package dev.meshcall.client;

/** Where the SDK reports what it cannot hand to a caller: the browser console in the page. */
public interface Log {
    /** Something went wrong that the app cannot be told about through a listener or a promise. */
    void error(String message);

    /** A notable event, for a developer reading the console. */
    void info(String message);
}
