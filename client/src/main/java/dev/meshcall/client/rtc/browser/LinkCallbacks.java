package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSObject;

/**
 * What the JavaScript of {@link BrowserPeerConnection} calls back with, on that one object: one interface with four
 * methods rather than four callbacks, each of which would be a class of its own in {@code meshcall.js}.
 */
interface LinkCallbacks extends JSObject {
    /** The media bytes received so far, summed from the stats ({@link BrowserPeerConnection#requestInboundBytes}). */
    void received(double bytes);

    /** A message on the link's data channel, as the browser gave it. */
    void message(JSObject data);

    /** A track in no stream now carries media ({@link BrowserPeerConnection#handleEvent}). */
    void flowing(JSObject track);

    /** A stats summary ({@link BrowserPeerConnection#requestStatsReport}). */
    void summary(JSObject summary);
}
