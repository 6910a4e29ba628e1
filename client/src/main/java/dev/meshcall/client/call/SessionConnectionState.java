package dev.meshcall.client.call;

import dev.meshcall.client.rtc.IceConnectionState;

/**
 * The connection state of one peer in a session, the seed's {@code videochat.SessionConnectionState}, derived from
 * the peer connection's {@link IceConnectionState}. The constants are the seed's numbers themselves: the call logic
 * and the JavaScript face both work on the number, and an enum would cost {@code meshcall.js} its class and name
 * table for nothing.
 */
public final class SessionConnectionState {
    public static final int UNDEFINED = 0;
    public static final int CONNECTING = 1;
    public static final int CONNECTED = 2;
    public static final int FAILED = 3;
    public static final int DISCONNECTED = 4;
    public static final int CLOSED = 5;
    public static final int COMPLETED = 6;

    private SessionConnectionState() {
    }

    /** The constant's name, for messages. */
    public static String name(int state) {
        // Made on each call, as SessionState's names are (no static field).
        return new String[] {"UNDEFINED", "CONNECTING", "CONNECTED", "FAILED", "DISCONNECTED", "CLOSED",
            "COMPLETED"}[state];
    }

    /** Whether media can flow in {@code state}. */
    public static boolean isConnected(int state) {
        return state == CONNECTED || state == COMPLETED;
    }

    /** Derives the session connection state from the browser's ICE connection state; unknown is UNDEFINED. */
    public static int fromIce(String ice) {
        if (IceConnectionState.NEW.equals(ice) || IceConnectionState.CHECKING.equals(ice)) {
            return CONNECTING;
        }
        if (IceConnectionState.CONNECTED.equals(ice)) {
            return CONNECTED;
        }
        if (IceConnectionState.COMPLETED.equals(ice)) {
            return COMPLETED;
        }
        if (IceConnectionState.FAILED.equals(ice)) {
            return FAILED;
        }
        if (IceConnectionState.DISCONNECTED.equals(ice)) {
            return DISCONNECTED;
        }
        return IceConnectionState.CLOSED.equals(ice) ? CLOSED : UNDEFINED;
    }
}
