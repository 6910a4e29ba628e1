package dev.meshcall.server;

/** Closing what a test class started, in order, whatever fails. */
final class Closeables {
    private Closeables() {
    }

    /** Closes each of {@code closeables} that is not {@code null}; one that fails does not stop the others. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
