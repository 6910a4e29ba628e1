package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.rtc.jso.RTCRtpSendParameters;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * One change to a sender's parameters, made between its {@code getParameters} and {@code setParameters}
 * ({@code BrowserPeerConnection.changeParameters}).
 */
@JSFunctor
interface ParametersChange extends JSObject {
    void change(RTCRtpSendParameters parameters);
}
