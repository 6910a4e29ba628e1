package dev.meshcall.client.api;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.call.CallSession;
import dev.meshcall.client.rtc.browser.Errors;
import dev.meshcall.client.rtc.browser.Settled;
import dev.meshcall.client.rtc.jso.MediaDevices;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import dev.meshcall.client.rtc.jso.Navigator;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;

/**
 * A session as JavaScript sees it (the seed's session object): its properties, media helpers and
 * {@code call/accept/reject/stop}. One wrapper per {@link CallSession}, so listeners always get the same object.
 */
public final class MeshCallSession {
    private final CallSession session;

    private MeshCallSession(CallSession session) {
        this.session = session;
    }

    /** The one wrapper of {@code session}. */
    static MeshCallSession of(CallSession session) {
        if (session.attachment() == null) {
            session.attach(new MeshCallSession(session));
        }
        return (MeshCallSession) session.attachment();
    }

    @JSExport
    @JSProperty("ID")
    public String getId() {
        return session.id();
    }

    @JSExport
    @JSProperty("initiatorID")
    public int getInitiatorId() {
        return session.initiatorId();
    }

    @JSExport
    @JSProperty("currentUserID")
    public int getCurrentUserId() {
        return session.currentUserId();
    }

    /** The callees as an {@code Array}, as in the seed's SDK (an {@code int[]} reaches JS as an Int32Array). */
    @JSExport
    @JSProperty("opponentsIDs")
    public JSObject getOpponentsIds() {
        return toArray(session.opponentsIds());
    }

    @JSBody(params = "ids", script = "return Array.from(ids);")
    private static native JSObject toArray(int[] ids);

    @JSExport
    @JSProperty
    public int getCallType() {
        return session.callType();
    }

    @JSExport
    @JSProperty
    public int getState() {
        return session.state();
    }

    /** Why the session closed ({@code CloseReason}: "stopped", "acceptedElsewhere", …), {@code null} while open. */
    @JSExport
    @JSProperty
    public String getCloseReason() {
        return session.closeReason();
    }

    @JSExport
    @JSProperty
    public JSObject getLocalStream() {
        return BrowserValue.unbox(session.localStream());
    }

    /**
     * Asks the browser for camera and/or microphone ({@code navigator.mediaDevices.getUserMedia}); the stream
     * becomes this session's local stream. A refusal rejects with the browser's own error (name and message kept).
     */
    @JSExport
    public JSPromise<MediaStream> getUserMedia(JSObject constraints) {
        return acquire(constraints, false);
    }

    /** Asks the browser for the screen ({@code getDisplayMedia}); the stream becomes the local stream. */
    @JSExport
    public JSPromise<MediaStream> getDisplayMedia(JSObject constraints) {
        return acquire(constraints, true);
    }

    private JSPromise<MediaStream> acquire(JSObject constraints, boolean display) {
        MediaDevices devices = Navigator.mediaDevices();
        if (devices == null) {
            return JSPromise.reject(JsValues.error("media devices are unavailable: the page needs a secure context"
                    + " (https, or http://localhost)"));
        }
        JSPromise<MediaStream> request = display ? devices.getDisplayMedia(constraints)
                : devices.getUserMedia(constraints);
        return keep(request, stream -> session.setLocalStream(BrowserValue.box(stream)));
    }

    /** {@code request}, telling {@code keeper} its value before anyone else hears of it. */
    @JSBody(params = { "request", "keeper" }, script = "return request.then(function (value) {"
            + " keeper(value); return value; });")
    private static native JSPromise<MediaStream> keep(JSPromise<MediaStream> request, Settled keeper);

    /**
     * Shows {@code stream} in the element with id {@code elementId}: {@code options.muted} mutes it (always do so
     * for the local stream), {@code options.mirror} flips it like a mirror.
     */
    @JSExport
    public void attachMediaStream(String elementId, JSObject stream, JSObject options) {
        attach(elementId, stream, JsValues.isObject(options) && JsValues.booleanProperty(options, "muted"),
                JsValues.isObject(options) && JsValues.booleanProperty(options, "mirror"));
    }

    @JSBody(params = { "id", "stream", "muted", "mirror" }, script = "var el = document.getElementById(id);"
            + " if (!el) { throw new Error('attachMediaStream: no element with id \"' + id + '\"'); }"
            + " el.autoplay = true; el.playsInline = true; el.setAttribute('playsinline', '');"
            + " el.muted = muted; el.style.transform = mirror ? 'scaleX(-1)' : '';"
            + " el.srcObject = stream; var p = el.play(); if (p && p.catch) { p.catch(function () {}); }")
    private static native void attach(String id, JSObject stream, boolean muted, boolean mirror);

    /** Takes the stream out of the element with id {@code elementId}. */
    @JSExport
    public void detachMediaStream(String elementId) {
        detach(elementId);
    }

    @JSBody(params = "id", script = "var el = document.getElementById(id); if (el) { el.srcObject = null; }")
    private static native void detach(String id);

    /**
     * Rings the opponents. {@code callback(error)} is called with {@code null} once the call is under way, or with
     * the error; without a callback an error is thrown.
     */
    @JSExport
    public void call(JSObject extension, JSObject callback) {
        try {
            JSObject flat = JsValues.extension(extension);
            session.call(BrowserValue.box(flat), JsValues.extensionBandwidth(flat));
        } catch (RuntimeException e) {
            if (!JsListener.isFunction(callback)) {
                throw e;
            }
            invokeCallback(callback, JsValues.error(e.getMessage()));
            return;
        }
        if (JsListener.isFunction(callback)) {
            invokeCallback(callback, null);
        }
    }

    @JSBody(params = { "fn", "error" }, script = "try { fn(error); } catch (e) {"
            + " console.error('[MeshCall] call callback threw', e); }")
    private static native void invokeCallback(JSObject fn, JSObject error);

    @JSExport
    public void accept(JSObject extension) {
        session.accept(BrowserValue.box(JsValues.extension(extension)));
    }

    @JSExport
    public void reject(JSObject extension) {
        session.reject(BrowserValue.box(JsValues.extension(extension)));
    }

    @JSExport
    public void stop(JSObject extension) {
        session.stop(BrowserValue.box(JsValues.extension(extension)));
    }

    /** Stops sending {@code "audio"} or {@code "video"} (the track stays, disabled). */
    @JSExport
    public void mute(String kind) {
        setEnabled(kind, false);
    }

    @JSExport
    public void unmute(String kind) {
        setEnabled(kind, true);
    }

    private void setEnabled(String kind, boolean enabled) {
        if (!"audio".equals(kind) && !"video".equals(kind)) {
            throw new IllegalArgumentException("mute/unmute take \"audio\" or \"video\", not \"" + kind + "\"");
        }
        MediaStream stream = (MediaStream) BrowserValue.unbox(session.localStream());
        if (stream == null) {
            return;
        }
        JSArrayReader<MediaStreamTrack> tracks = "audio".equals(kind) ? stream.getAudioTracks()
                : stream.getVideoTracks();
        for (int i = 0; i < tracks.getLength(); i++) {
            tracks.get(i).setEnabled(enabled);
        }
    }

    /** {@code session.setMaxBandwidth(kbps)}: caps this user's video on every peer; 0 removes the cap. */
    @JSExport
    public void setMaxBandwidth(int kbps) {
        session.setMaxBandwidth(kbps);
    }

    /** Whether this side restarts ICE on the link to {@code userId}: it made that link's offer. */
    @JSExport
    public boolean canInitiateIceRestart(int userId) {
        return session.canInitiateIceRestart(userId);
    }

    /** Restarts ICE on the link to {@code userId} after a network change (see {@code docs/js-api.md}). */
    @JSExport
    public void iceRestart(int userId) {
        session.iceRestart(userId);
    }

    @JSExport
    public int connectionStateForUser(int userId) {
        return session.connectionStateFor(userId);
    }

    /**
     * The W3C stats report of the connection to {@code userId}; rejects with an {@code Error} naming the cause
     * (the browser's {@code name: message}).
     */
    @JSExport
    public JSObject getStats(int userId) {
        JSObject report;
        try {
            report = BrowserValue.unbox(session.getStats(userId));
        } catch (IllegalStateException e) {
            return JSPromise.reject(JsValues.error(e.getMessage()));
        }
        return Errors.rejectingWithError(report);
    }
}
