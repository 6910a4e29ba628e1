package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;

/** W3C <a href="https://www.w3.org/TR/webrtc/#rtcrtpsender-interface">RTCRtpSender</a>. */
public interface RTCRtpSender extends JSObject {
    /** The track being sent, or {@code null}. */
    @JSProperty
    MediaStreamTrack getTrack();

    JSPromise<JSObject> replaceTrack(MediaStreamTrack track);
}
