package dev.meshcall.e2e;

/** {@code MeshCall.videochat.SessionConnectionState}, with the numbers docs/js-api.md fixes. */
public enum ConnectionState {
    UNDEFINED(0), CONNECTING(1), CONNECTED(2), FAILED(3), DISCONNECTED(4), CLOSED(5), COMPLETED(6);

    private final int value;

    ConnectionState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static ConnectionState of(int value) {
        for (ConnectionState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown SessionConnectionState " + value);
    }
}
