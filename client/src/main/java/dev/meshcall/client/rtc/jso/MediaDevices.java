package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;

/** W3C <a href="https://www.w3.org/TR/mediacapture-streams/#mediadevices">MediaDevices</a>. */
public interface MediaDevices extends JSObject {

    JSPromise<MediaStream> getUserMedia(JSObject constraints);

    JSPromise<MediaStream> getDisplayMedia(JSObject constraints);

    JSPromise<JSArrayReader<JSObject>> enumerateDevices();
}
