package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;

/** W3C <a href="https://www.w3.org/TR/webrtc/#rtcpeerconnectioniceevent">RTCPeerConnectionIceEvent</a>. */
public interface RTCPeerConnectionIceEvent extends Event {
    /** The gathered candidate, or {@code null} at the end of gathering. */
    @JSProperty
    RTCIceCandidateInit getCandidate();
}
