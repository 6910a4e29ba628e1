package dev.meshcall.e2e;

/** Closing a test class's servers and services in order, each even when another fails. */
final class Closeables {
    private Closeables() {
    }

    /** Closes each non-null one in turn; a failure is printed and the rest are still closed. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.out.println("closing " + closeable + " failed: " + e);
            }
        }
    }
}
