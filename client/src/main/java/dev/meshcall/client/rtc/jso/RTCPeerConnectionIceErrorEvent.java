package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;

/**
 * W3C <a href="https://www.w3.org/TR/webrtc/#rtcpeerconnectioniceerrorevent">RTCPeerConnectionIceErrorEvent</a>: a
 * STUN or TURN server answered with an error (401: the TURN credentials were refused) or could not be reached.
 */
public interface RTCPeerConnectionIceErrorEvent extends Event {
    /** The STUN or TURN URL of the server. */
    @JSProperty
    String getUrl();

    /** The STUN error code (RFC 5389, 15.6), or 701 when the server could not be reached. */
    @JSProperty
    int getErrorCode();

    @JSProperty
    String getErrorText();
}
