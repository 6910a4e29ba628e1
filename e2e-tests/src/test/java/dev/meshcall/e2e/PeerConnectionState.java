package dev.meshcall.e2e;

/**
 * {@code MeshCall.videochat.PeerConnectionState}, what {@code session.connectionStateForUser} gives, with the seed
 * SDK's numbers that docs/js-api.md fixes.
 */
public enum PeerConnectionState {
    NEW(1), CONNECTING(2), CHECKING(3), CONNECTED(4), DISCONNECTED(5), FAILED(6), CLOSED(7), COMPLETED(8);

    private final int value;

    PeerConnectionState(int value) {
        this.value = value;
    }

    /**
     * The state of that number; {@code null} for {@code null}, what the SDK gives for a user not in the session.
     *
     * @throws IllegalArgumentException for a number that is no state
     */
    public static PeerConnectionState of(Number value) {
        if (value == null) {
            return null;
        }
        for (PeerConnectionState s : values()) {
            if (s.value == value.intValue()) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown PeerConnectionState " + value);
    }
}
