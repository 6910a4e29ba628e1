package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;

/** W3C <a href="https://www.w3.org/TR/webrtc/#rtctrackevent">RTCTrackEvent</a>. */
public interface RTCTrackEvent extends Event {
    @JSProperty
    MediaStreamTrack getTrack();

    @JSProperty
    JSArrayReader<MediaStream> getStreams();
}
