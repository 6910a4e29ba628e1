package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** W3C <a href="https://www.w3.org/TR/webrtc/#rtcconfiguration-dictionary">RTCConfiguration</a> dictionary. */
@JSClass(transparent = true)
public abstract class RTCConfiguration implements JSObject {

    @JSBody(script = "return {};")
    public static native RTCConfiguration create();

    /** {@code "all"} or {@code "relay"}. */
    @JSProperty
    public abstract void setIceTransportPolicy(String policy);

    /** A JavaScript array of {@code RTCIceServer} dictionaries. */
    @JSProperty
    public abstract void setIceServers(JSObject servers);
}
