package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Gets the media bytes a peer connection has received so far, summed from its stats by
 * {@link BrowserPeerConnection#requestInboundBytes}.
 */
@JSFunctor
interface InboundBytes extends JSObject {
    void received(double bytes);
}
