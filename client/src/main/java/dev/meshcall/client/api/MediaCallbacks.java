package dev.meshcall.client.api;

import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import org.teavm.jso.JSObject;

/**
 * What the browser's promises and events call back on {@link LocalMedia}: one interface on that object rather than
 * a callback each, which would be a class of its own in {@code meshcall.js}.
 */
interface MediaCallbacks extends JSObject {
    /** Turns the stream the browser gave into the one the app gets ({@code screen}: it is a shared screen). */
    MediaStream use(MediaStream fresh, boolean screen);

    /** A track the browser ended. */
    void ended(MediaStreamTrack track);
}
