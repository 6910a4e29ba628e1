package dev.meshcall.client.api;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.call.CallSession;
import dev.meshcall.client.rtc.browser.Errors;
import dev.meshcall.client.signaling.BrowserJson;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;

/**
 * A session as JavaScript sees it (the seed's session object): its properties, media helpers and
 * {@code call/accept/reject/stop}. One wrapper per {@link CallSession}, so listeners always get the same object.
 */
public final class MeshCallSession {
    private final CallSession session;
    private final LocalMedia media;
    /** {@code {ids, sinkId}}: the elements remote streams were attached to, and the speaker chosen for them. */
    private final JSObject outputs = newOutputs();
    /** The recording running, or {@code null}. */
    private JSObject recording;

    private MeshCallSession(CallSession session) {
        this.session = session;
        this.media = new LocalMedia(session);
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
     * becomes this session's local stream, or, once there is one, its tracks take the place of those in it, on every
     * link too ({@link LocalMedia}). A refusal rejects with the browser's own error (name and message kept).
     */
    @JSExport
    public JSPromise<MediaStream> getUserMedia(JSObject constraints) {
        return media.getUserMedia(constraints);
    }

    /**
     * Shares the screen ({@code getDisplayMedia}): as the local stream, or, during a call, instead of the camera on
     * every link until {@link #stopScreenSharing} or the browser's own "stop sharing".
     */
    @JSExport
    public JSPromise<MediaStream> getDisplayMedia(JSObject constraints) {
        return media.getDisplayMedia(constraints);
    }

    /** Goes back from the shared screen to the camera (and microphone) it replaced. */
    @JSExport
    public void stopScreenSharing() {
        media.stopScreenSharing();
    }

    /** Whether the screen is being sent instead of the camera. */
    @JSExport
    @JSProperty("isScreenSharing")
    public boolean isScreenSharing() {
        return media.isScreenSharing();
    }

    /**
     * {@code switchMediaTracks({video: deviceId} | {audio: deviceId})}: that camera or microphone instead of the one
     * in use, on every link, with no new offer; it keeps the mute state, the old one is stopped. Resolves with the
     * local stream.
     */
    @JSExport
    public JSPromise<MediaStream> switchMediaTracks(JSObject devices) {
        return media.switchMediaTracks(devices);
    }

    /**
     * {@code startRecording(stream?)}: records {@code stream} (the local stream, or one participant's), or without
     * one the whole call mixed ({@link Recording}), until {@link #stopRecording}.
     *
     * @throws IllegalStateException when a recording of this session is already running, or the browser cannot
     *     record
     */
    @JSExport
    public void startRecording(JSObject stream) {
        if (recording != null) {
            throw new IllegalStateException("session " + session.id() + " is being recorded already:"
                    + " stopRecording first");
        }
        recording = Recording.start(JsValues.isObject(stream) ? stream : null, this::currentStreams);
    }

    /** {@code stopRecording()}: a promise of the recording as a WebM {@code Blob}; rejects when none is running. */
    @JSExport
    public JSPromise<JSObject> stopRecording() {
        if (recording == null) {
            return JSPromise.reject(JsValues.error("session " + session.id() + " is not being recorded"));
        }
        JSObject running = recording;
        recording = null;
        return Recording.stop(running);
    }

    /** The session's streams now, as a JavaScript array, for the mixed recording. */
    private JSObject currentStreams() {
        JSArray<JSObject> list = JSArray.create();
        for (Object stream : session.streams()) {
            list.push(BrowserValue.unbox(stream));
        }
        return list;
    }

    /** The session closed: tracks kept aside while the screen was shared stop too. */
    void closed() {
        media.close();
    }

    /**
     * The page went out of sight ({@code hidden}) or came back, with {@code videochat.pauseVideoWhenHidden} on: the
     * camera stops, or comes back ({@link LocalMedia#pauseVideo}). A camera that cannot come back is logged: the call
     * goes on without video and the app may call {@code getUserMedia} again.
     */
    void pageHidden(boolean hidden) {
        if (hidden) {
            media.pauseVideo();
        } else {
            logFailure(media.resumeVideo(), "the camera did not come back after the page was hidden");
        }
    }

    @JSBody(params = { "promise", "what" }, script = "promise['catch'](function (e) {"
            + " console.error('[MeshCall] ' + what, e); });")
    private static native void logFailure(JSPromise<MediaStream> promise, String what);

    /**
     * Shows {@code stream} in the element with id {@code elementId}: {@code options.muted} mutes it (always do so
     * for the local stream), {@code options.mirror} flips it like a mirror.
     */
    @JSExport
    public void attachMediaStream(String elementId, JSObject stream, JSObject options) {
        attach(elementId, stream, JsValues.isObject(options) && JsValues.booleanProperty(options, "muted"),
                JsValues.isObject(options) && JsValues.booleanProperty(options, "mirror"), outputs);
    }

    /**
     * {@code setAudioOutput(deviceId)}: plays the other participants on that speaker ({@code setSinkId},
     * <a href="https://www.w3.org/TR/audio-output/">audio-output</a>): every element a remote stream was attached to
     * with {@link #attachMediaStream}, and those attached later. Resolves when all have switched; rejects with the
     * browser's error (an unknown device, or a browser without {@code setSinkId}). To change the microphone, which
     * the seed's "switch audio output" really does, use {@code switchMediaTracks({audio: deviceId})}.
     */
    @JSExport
    public JSPromise<JSObject> setAudioOutput(String deviceId) {
        return sink(outputs, deviceId);
    }

    /** Every element of {@code outputs} (ids) that is still there plays on {@code deviceId}, and so do later ones. */
    @JSBody(params = { "outputs", "deviceId" }, script = "outputs.sinkId = deviceId;"
            + " return Promise.all(outputs.ids.map(function (id) { var el = document.getElementById(id);"
            + " if (!el) { return null; } if (!el.setSinkId) {"
            + " return Promise.reject(new Error('this browser cannot choose the speaker (no setSinkId)')); }"
            + " return el.setSinkId(deviceId); })).then(function () { return null; });")
    private static native JSPromise<JSObject> sink(JSObject outputs, String deviceId);

    @JSBody(script = "return {ids: [], sinkId: null};")
    private static native JSObject newOutputs();

    /**
     * Shows {@code stream} in the element {@code id}; an unmuted one (a remote stream) joins {@code outputs}, and
     * plays on the speaker {@link #setAudioOutput} chose.
     */
    @JSBody(params = { "id", "stream", "muted", "mirror", "outputs" },
            script = "var el = document.getElementById(id);"
            + " if (!el) { throw new Error('attachMediaStream: no element with id \"' + id + '\"'); }"
            + " if (!muted) { if (outputs.ids.indexOf(id) < 0) { outputs.ids.push(id); }"
            + " if (outputs.sinkId !== null && el.setSinkId) { el.setSinkId(outputs.sinkId).catch(function (e) {"
            + " console.warn('[MeshCall] cannot play on speaker ' + outputs.sinkId, e); }); } }"
            + " el.autoplay = true; el.playsInline = true; el.setAttribute('playsinline', '');"
            + " el.muted = muted; el.style.transform = mirror ? 'scaleX(-1)' : '';"
            + " el.srcObject = stream; var p = el.play(); if (p && p.catch) { p.catch(function () {}); }")
    private static native void attach(String id, JSObject stream, boolean muted, boolean mirror, JSObject outputs);

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
            flat = JsValues.withBandwidth(flat, session.maxBandwidth());
            session.call(BrowserValue.box(flat), BrowserJson.bandwidthOf(flat));
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

    /**
     * Stops sending {@code "audio"} or {@code "video"} (the track stays, disabled), and tells the others
     * ({@code onRemoteMuteListener}).
     */
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
        session.setMuted(kind, !enabled);
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

    /**
     * {@code session.setMaxBandwidth(kbps)}: caps this user's video on every peer; 0 removes the cap. Returns a
     * promise, as the seed's SDK does, that resolves once every connected link sends under the cap and rejects with
     * an {@code Error} naming the cause.
     */
    @JSExport
    public JSPromise<JSObject> setMaxBandwidth(int kbps) {
        Object[] answers;
        try {
            answers = session.setMaxBandwidth(kbps);
        } catch (IllegalArgumentException e) {
            return JSPromise.reject(JsValues.error(e.getMessage()));
        }
        JSArray<JSObject> applied = new JSArray<>();
        for (Object answer : answers) {
            applied.push(BrowserValue.unbox(answer));
        }
        return Errors.rejectingWithError(allAsVoid(applied)).cast();
    }

    /**
     * {@code Promise.all} of every promise in these arrays: {@code undefined} once all resolve, else the first
     * rejection.
     */
    @JSBody(params = "lists", script = "return Promise.all([].concat.apply([], lists)).then(function () {});")
    private static native JSObject allAsVoid(JSArray<JSObject> lists);

    /** The cap every participant's video has in this session, in kbit/s (0: none), as the seed's SDK has it. */
    @JSExport
    @JSProperty
    public int getMaxBandwidth() {
        return session.maxBandwidth();
    }

    /** Whether this side restarts ICE on the link to {@code userId}: it made that link's offer. */
    @JSExport
    public boolean canInitiateIceRestart(int userId) {
        return session.canInitiateIceRestart(userId);
    }

    /**
     * Restarts ICE on the link to {@code userId} after a network change (see {@code docs/js-api.md}). Returns a
     * promise, as the seed's SDK does: it resolves once the restart has begun (the new offer is made and sent on its
     * own; a failure there is logged, as any negotiation step's) and rejects with an {@code Error} naming why the
     * link cannot be restarted.
     */
    @JSExport
    public JSPromise<JSObject> iceRestart(int userId) {
        try {
            session.iceRestart(userId);
        } catch (IllegalStateException e) {
            return JSPromise.reject(JsValues.error(e.getMessage()));
        }
        return JSPromise.resolve(null);
    }

    /**
     * The state of the link to {@code userId} as the seed's SDK gives it: a {@code videochat.PeerConnectionState},
     * or {@code null} when the session has no such participant. The seed's {@code CONNECTING} (its offer or answer
     * being made) is not told apart: a link goes from {@code NEW} to {@code CHECKING}.
     */
    @JSExport
    public JSObject connectionStateForUser(int userId) {
        return session.hasPeer(userId) ? peerConnectionState(session.connectionStateFor(userId)) : null;
    }

    /** {@code SessionConnectionState} → the seed's {@code PeerConnectionState}. */
    @JSBody(params = "state", script = "return [1, 3, 4, 6, 5, 7, 8][state];")
    private static native JSObject peerConnectionState(int state);

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
