package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;

/**
 * W3C <a href="https://www.w3.org/TR/webrtc/#dom-rtcrtpsendparameters">RTCRtpSendParameters</a>. Empty
 * {@code encodings} until negotiation completes.
 */
@JSClass(transparent = true)
public abstract class RTCRtpSendParameters implements JSObject {

    @JSBody(script = "return this.encodings ? this.encodings.length : 0;")
    public native int encodingCount();

    /** Sets {@code maxBitrate} (bit/s) on encoding {@code index}; 0 deletes it, lifting the cap. */
    @JSBody(params = { "index", "bitsPerSecond" },
            script = "if (bitsPerSecond > 0) { this.encodings[index].maxBitrate = bitsPerSecond; }"
                    + " else { delete this.encodings[index].maxBitrate; }")
    public native void setMaxBitrate(int index, double bitsPerSecond);

    /** Sets {@code active} on every encoding: whether the sender encodes and sends it at all. */
    @JSBody(params = "active", script = "this.encodings.forEach(function (e) { e.active = active; });")
    public native void setActive(boolean active);
}
