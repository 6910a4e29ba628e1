package dev.meshcall.client.call;

/**
 * The life of a {@link CallSession}, with the seed's numbers ({@code videochat.SessionState}) as the constants
 * themselves: the JavaScript face hands the number out as it is, and an enum would cost {@code meshcall.js} its
 * class and name table for nothing. {@code CallSession.moveTo} holds the transitions.
 */
public final class SessionState {
    /** Created (by {@code createNewSession}, or by an incoming call that is ringing). */
    public static final int NEW = 1;
    /** Called or accepted: media is being set up or flowing. */
    public static final int ACTIVE = 2;
    /** Hung up locally; closing. */
    public static final int STOPPED = 3;
    /** Rejected locally; closing. */
    public static final int REJECTED = 4;
    /** Over, for every peer. Terminal. */
    public static final int CLOSED = 5;

    private SessionState() {
    }

    /** The constant's name, for messages. */
    public static String name(int state) {
        // A list made on each call, for messages only, rather than a static field, which would cost meshcall.js an
        // initialization check wherever this class is used.
        return new String[] {null, "NEW", "ACTIVE", "STOPPED", "REJECTED", "CLOSED"}[state];
    }
}
