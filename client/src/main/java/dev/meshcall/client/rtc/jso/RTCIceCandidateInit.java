package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * W3C <a href="https://www.w3.org/TR/webrtc/#dom-rtcicecandidateinit">RTCIceCandidateInit</a>; also read as the
 * {@code RTCIceCandidate} of an {@code icecandidate} event.
 */
@JSClass(transparent = true)
public abstract class RTCIceCandidateInit implements JSObject {

    /**
     * A plain copy of {@code candidate} as the signaling protocol carries it: {@code candidate}, and {@code sdpMid}
     * and {@code sdpMLineIndex} only where the browser gave them.
     */
    @JSBody(params = "c", script = "var w = {candidate: c.candidate}; if (c.sdpMid != null) { w.sdpMid = c.sdpMid; }"
            + " if (c.sdpMLineIndex != null) { w.sdpMLineIndex = c.sdpMLineIndex; } return w;")
    public static native RTCIceCandidateInit forWire(RTCIceCandidateInit c);

    @JSProperty
    public abstract String getCandidate();

    @JSProperty
    public abstract String getSdpMid();
}
