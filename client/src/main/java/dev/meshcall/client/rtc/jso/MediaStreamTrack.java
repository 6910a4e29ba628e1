package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** W3C <a href="https://www.w3.org/TR/mediacapture-streams/#mediastreamtrack">MediaStreamTrack</a>. */
public interface MediaStreamTrack extends JSObject {
    /** {@code "audio"} or {@code "video"}. */
    @JSProperty
    String getKind();

    @JSProperty
    String getId();

    @JSProperty
    boolean isEnabled();

    @JSProperty
    void setEnabled(boolean enabled);

    void stop();
}
