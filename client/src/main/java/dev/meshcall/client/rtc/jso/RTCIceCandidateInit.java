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

    /** {@code sdpMLineIndex} below 0 leaves it out (null). */
    @JSBody(params = { "candidate", "sdpMid", "sdpMLineIndex" },
            script = "return {candidate: candidate, sdpMid: sdpMid,"
                    + " sdpMLineIndex: sdpMLineIndex < 0 ? null : sdpMLineIndex};")
    public static native RTCIceCandidateInit create(String candidate, String sdpMid, int sdpMLineIndex);

    @JSProperty
    public abstract String getCandidate();

    @JSProperty
    public abstract String getSdpMid();

    /** The m-line index, or -1 when the browser gave none. */
    @JSBody(script = "return this.sdpMLineIndex == null ? -1 : this.sdpMLineIndex;")
    public native int sdpMLineIndexOrMinusOne();
}
