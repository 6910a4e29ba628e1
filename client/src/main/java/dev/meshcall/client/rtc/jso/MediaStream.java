package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;

/** W3C <a href="https://www.w3.org/TR/mediacapture-streams/#mediastream">MediaStream</a>. */
@JSClass
public class MediaStream implements JSObject {

    public MediaStream() {
    }

    @JSProperty
    public native String getId();

    public native JSArrayReader<MediaStreamTrack> getTracks();

    public native JSArrayReader<MediaStreamTrack> getAudioTracks();

    public native JSArrayReader<MediaStreamTrack> getVideoTracks();

    public native void addTrack(MediaStreamTrack track);

    /** The track of this stream with that id, or {@code null}. */
    public native MediaStreamTrack getTrackById(String id);

    public native void removeTrack(MediaStreamTrack track);
}
