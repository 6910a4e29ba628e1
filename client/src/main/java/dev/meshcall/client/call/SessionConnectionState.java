package dev.meshcall.client.call;

import dev.meshcall.client.rtc.IceConnectionState;

/**
 * The connection state of one peer in a session, the seed's {@code videochat.SessionConnectionState}, derived from
 * the peer connection's {@link IceConnectionState}.
 */
public enum SessionConnectionState {
    UNDEFINED(0),
    CONNECTING(1),
    CONNECTED(2),
    FAILED(3),
    DISCONNECTED(4),
    CLOSED(5),
    COMPLETED(6);

    private final int wireValue;

    SessionConnectionState(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The seed's number for this state. */
    public int wireValue() {
        return wireValue;
    }

    /** Whether media can flow in this state. */
    public boolean isConnected() {
        return this == CONNECTED || this == COMPLETED;
    }

    /** Derives the session connection state from an ICE connection state. */
    public static SessionConnectionState fromIce(IceConnectionState ice) {
        switch (ice) {
            case NEW:
            case CHECKING:
                return CONNECTING;
            case CONNECTED:
                return CONNECTED;
            case COMPLETED:
                return COMPLETED;
            case FAILED:
                return FAILED;
            case DISCONNECTED:
                return DISCONNECTED;
            case CLOSED:
                return CLOSED;
            default:
                return UNDEFINED;
        }
    }
}
