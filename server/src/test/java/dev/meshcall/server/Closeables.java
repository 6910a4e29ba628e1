package dev.meshcall.server;

/** Closing what a test class started (servers, services), in order, whatever fails; also used by the e2e tests. */
public final class Closeables {
    private Closeables() {
    }

    /** Closes each of {@code closeables} that is not {@code null}; a failure is printed and the rest still close. */
    public static void closeAll(AutoCloseable... closeables) {
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
