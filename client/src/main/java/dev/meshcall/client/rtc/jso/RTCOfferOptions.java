package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** W3C <a href="https://www.w3.org/TR/webrtc/#dom-rtcofferoptions">RTCOfferOptions</a> dictionary. */
@JSClass(transparent = true)
public abstract class RTCOfferOptions implements JSObject {

    @JSBody(script = "return {};")
    public static native RTCOfferOptions create();

    @JSProperty
    public abstract void setIceRestart(boolean iceRestart);
}
