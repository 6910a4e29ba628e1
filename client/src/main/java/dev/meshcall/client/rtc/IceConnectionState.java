package dev.meshcall.client.rtc;

/**
 * W3C {@code RTCIceConnectionState}
 * (<a href="https://www.w3.org/TR/webrtc/#dom-rtciceconnectionstate">webrtc-pc</a>), with the browser's string
 * beside each constant. A value this SDK does not know maps to {@link #UNKNOWN}.
 */
public enum IceConnectionState {
    NEW("new"),
    CHECKING("checking"),
    CONNECTED("connected"),
    COMPLETED("completed"),
    FAILED("failed"),
    DISCONNECTED("disconnected"),
    CLOSED("closed"),
    UNKNOWN("");

    private final String browserValue;

    IceConnectionState(String browserValue) {
        this.browserValue = browserValue;
    }

    /** The browser's string for this state. */
    public String browserValue() {
        return browserValue;
    }

    /** Maps the browser's string; anything unknown is {@link #UNKNOWN}. */
    public static IceConnectionState fromBrowser(String value) {
        for (IceConnectionState state : values()) {
            if (state != UNKNOWN && state.browserValue.equals(value)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
