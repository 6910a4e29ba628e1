package dev.meshcall.client.call;

/**
 * The life of a {@link CallSession}, with the seed's numbers ({@code videochat.SessionState}).
 */
public enum SessionState {
    /** Created (by {@code createNewSession}, or by an incoming call that is ringing). */
    NEW(1),
    /** Called or accepted: media is being set up or flowing. */
    ACTIVE(2),
    /** Hung up locally; closing. */
    STOPPED(3),
    /** Rejected locally; closing. */
    REJECTED(4),
    /** Over, for every peer. Terminal. */
    CLOSED(5);

    private final int wireValue;

    SessionState(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The seed's number for this state. */
    public int wireValue() {
        return wireValue;
    }
}
