package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSObject;

/**
 * What the JavaScript of {@link BrowserPeerConnection} calls back with, on that one object: one interface with five
 * methods rather than five callbacks, each of which would be a class of its own in {@code meshcall.js}.
 */
interface LinkCallbacks extends JSObject {
    /**
     * The media bytes and the bytes of any kind received so far, summed from the stats
     * ({@link BrowserPeerConnection#requestInboundBytes}).
     */
    void received(double media, double path);

    /** A message on the link's data channel, as the browser gave it. */
    void message(JSObject data);

    /** A track in no stream now carries media ({@link BrowserPeerConnection#handleEvent}). */
    void flowing(JSObject track);

    /** A stats summary ({@link BrowserPeerConnection#requestStatsReport}). */
    void summary(JSObject summary);

    /** Held video is being sent again ({@link BrowserPeerConnection#holdVideo}): time for its key frame. */
    void videoBack();
}
