package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * W3C <a href="https://www.w3.org/TR/webrtc/#dom-rtcsessiondescriptioninit">RTCSessionDescriptionInit</a>; also
 * read as the {@code RTCSessionDescription} a peer connection returns.
 */
@JSClass(transparent = true)
public abstract class RTCSessionDescriptionInit implements JSObject {

    @JSBody(params = { "type", "sdp" }, script = "return {type: type, sdp: sdp};")
    public static native RTCSessionDescriptionInit create(String type, String sdp);

    @JSProperty
    public abstract String getType();

    @JSProperty
    public abstract String getSdp();
}
