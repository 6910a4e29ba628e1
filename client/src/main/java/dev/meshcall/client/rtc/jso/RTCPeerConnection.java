package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/**
 * W3C <a href="https://www.w3.org/TR/webrtc/#interface-definition">RTCPeerConnection</a>: the binding only.
 */
@JSClass
public class RTCPeerConnection implements JSObject {

    public RTCPeerConnection(RTCConfiguration configuration) {
    }

    public native JSPromise<RTCSessionDescriptionInit> createOffer(RTCOfferOptions options);

    public native JSPromise<RTCSessionDescriptionInit> createAnswer();

    public native JSPromise<JSObject> setLocalDescription(RTCSessionDescriptionInit description);

    public native JSPromise<JSObject> setRemoteDescription(RTCSessionDescriptionInit description);

    public native JSPromise<JSObject> addIceCandidate(RTCIceCandidateInit candidate);

    public native RTCRtpSender addTrack(MediaStreamTrack track, MediaStream stream);

    public native JSArrayReader<RTCRtpSender> getSenders();

    public native JSPromise<JSObject> getStats();

    public native void close();

    @JSProperty
    public native String getIceConnectionState();

    @JSProperty
    public native RTCSessionDescriptionInit getLocalDescription();

    @JSProperty
    public native RTCSessionDescriptionInit getRemoteDescription();

    @JSProperty("onicecandidate")
    public native void setOnIceCandidate(EventListener<? super RTCPeerConnectionIceEvent> listener);

    @JSProperty("oniceconnectionstatechange")
    public native void setOnIceConnectionStateChange(EventListener<Event> listener);

    @JSProperty("onicecandidateerror")
    public native void setOnIceCandidateError(EventListener<Event> listener);

    /** Changes the ICE servers (and transport policy) for the next gathering: an ICE restart's. */
    public native void setConfiguration(RTCConfiguration configuration);

    @JSProperty("ontrack")
    public native void setOnTrack(EventListener<? super RTCTrackEvent> listener);
}
