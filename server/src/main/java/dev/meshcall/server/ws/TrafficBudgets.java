package dev.meshcall.server.ws;

/**
 * How much signaling may be aimed at one user ({@code docs/security.md}, "What is limited"): bytes and new call
 * sessions per second, for each recipient from everyone together and for each sender and recipient pair. The excess
 * is refused to its sender with {@code rate_limited}, so that nobody's socket is pushed past what it can read by
 * someone else's traffic (issue 12: 47 KiB calls at 50 frames/s, within the per-socket frame rate, closed the
 * recipient's socket as too slow within 3 s). Each budget is a token bucket with bursts of {@link #BURST_SECONDS}
 * seconds' worth.
 *
 * @param recipientBytesPerSecond    bytes a second all senders together may send one user
 * @param pairBytesPerSecond         bytes a second one sender may send one user
 * @param recipientSessionsPerSecond new call sessions a second that may ring one user
 * @param pairSessionsPerSecond      new call sessions a second one sender may start with one user
 */
public record TrafficBudgets(int recipientBytesPerSecond, int pairBytesPerSecond, int recipientSessionsPerSecond,
        int pairSessionsPerSecond) {
    /** A budget's burst, in seconds of its rate. */
    public static final int BURST_SECONDS = 4;
    /** Default of {@code --recipient-bytes-per-second}: 128 KiB. */
    public static final int DEFAULT_RECIPIENT_BYTES_PER_SECOND = 128 * 1024;
    /** Default of {@code --pair-bytes-per-second}: 64 KiB. */
    public static final int DEFAULT_PAIR_BYTES_PER_SECOND = 64 * 1024;
    /** Default of {@code --recipient-sessions-per-second}. */
    public static final int DEFAULT_RECIPIENT_SESSIONS_PER_SECOND = 5;
    /** Default of {@code --pair-sessions-per-second}. */
    public static final int DEFAULT_PAIR_SESSIONS_PER_SECOND = 2;

    public TrafficBudgets {
        positive(recipientBytesPerSecond, "recipientBytesPerSecond");
        positive(pairBytesPerSecond, "pairBytesPerSecond");
        positive(recipientSessionsPerSecond, "recipientSessionsPerSecond");
        positive(pairSessionsPerSecond, "pairSessionsPerSecond");
    }

    /** The production defaults. */
    public static TrafficBudgets defaults() {
        return new TrafficBudgets(DEFAULT_RECIPIENT_BYTES_PER_SECOND, DEFAULT_PAIR_BYTES_PER_SECOND,
                DEFAULT_RECIPIENT_SESSIONS_PER_SECOND, DEFAULT_PAIR_SESSIONS_PER_SECOND);
    }

    public TrafficBudgets withRecipientBytesPerSecond(int value) {
        return new TrafficBudgets(value, pairBytesPerSecond, recipientSessionsPerSecond, pairSessionsPerSecond);
    }

    public TrafficBudgets withPairBytesPerSecond(int value) {
        return new TrafficBudgets(recipientBytesPerSecond, value, recipientSessionsPerSecond, pairSessionsPerSecond);
    }

    public TrafficBudgets withRecipientSessionsPerSecond(int value) {
        return new TrafficBudgets(recipientBytesPerSecond, pairBytesPerSecond, value, pairSessionsPerSecond);
    }

    public TrafficBudgets withPairSessionsPerSecond(int value) {
        return new TrafficBudgets(recipientBytesPerSecond, pairBytesPerSecond, recipientSessionsPerSecond, value);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
