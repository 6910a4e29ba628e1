package dev.meshcall.client.rtc;

/**
 * W3C {@code RTCIceConnectionState}
 * (<a href="https://www.w3.org/TR/webrtc/#dom-rtciceconnectionstate">webrtc-pc</a>): the browser's strings, as the
 * peer connection reports them. Plain string constants rather than an enum: an enum's class, name table and
 * {@code values()} machinery cost more of {@code meshcall.js} than the strings themselves, and a value this SDK does
 * not know simply matches none of them.
 */
public final class IceConnectionState {
    public static final String NEW = "new";
    public static final String CHECKING = "checking";
    public static final String CONNECTED = "connected";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String DISCONNECTED = "disconnected";
    public static final String CLOSED = "closed";

    private IceConnectionState() {
    }
}
