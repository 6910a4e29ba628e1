package dev.meshcall.client.api;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.call.CallSession;
import dev.meshcall.client.rtc.jso.MediaDevices;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import dev.meshcall.client.rtc.jso.Navigator;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSPromise;

/**
 * What this user sends in one session, and changing it during a call: another camera or microphone (the seed's
 * {@code switchMediaTracks}), {@code getUserMedia} again, the screen ({@code getDisplayMedia}) and back. As the seed
 * says, once the session has a local stream a new one "updates the tracks in the stream": each new track takes the
 * place of the old track of its kind in the session's one local stream (so the page's preview follows, and links made
 * later send it) and goes on every link with {@code replaceTrack}, with no new offer ({@link CallSession#replaceTrack};
 * every link has a sender of each kind, see {@code PeerConnection.reserveSenders}).
 *
 * <p>Every track put in follows the session's mute state ({@code mute}/{@code unmute}, which the others hear of): a
 * new camera or microphone, the screen (shared while video is muted it is sent disabled, until {@code unmute}), and
 * the camera that comes back after sharing. The old camera or microphone is stopped. Sharing the screen keeps the
 * camera (and, when the screen comes with sound, the microphone) aside, live, so that {@link #stopScreenSharing} (or
 * the browser's own "stop sharing", which ends the screen track) puts it back at once.
 */
final class LocalMedia implements MediaCallbacks {
    private final CallSession session;
    /** The constraints of the last {@code getUserMedia}: a switched device keeps their size and frame rate. */
    private JSObject userConstraints;
    /** While the screen is shared, {@code {audio?, video?}}: the screen's tracks being sent. */
    private final JSObject shared = JsValues.newObject();
    /** While the screen is shared, {@code {audio?, video?}}: the camera or microphone tracks it replaced, kept live. */
    private final JSObject kept = JsValues.newObject();
    /** While the camera is paused ({@link #pauseVideo}): the device it was, to open again; otherwise {@code null}. */
    private String pausedCamera;
    /**
     * Whether the page is out of sight: a camera that arrives meanwhile (the session's first, or one that comes back
     * after the page was hidden again) is paused at once.
     */
    private boolean hidden;

    LocalMedia(CallSession session) {
        this.session = session;
    }

    /** Whether the screen is being sent. */
    boolean isScreenSharing() {
        return slot(shared, "video") != null;
    }

    /**
     * {@code getUserMedia(constraints)}: the session's local stream, or new camera and microphone tracks in it (the
     * screen, if shared, stays until sharing stops and the new camera then comes back).
     */
    JSPromise<MediaStream> getUserMedia(JSObject constraints) {
        userConstraints = constraints;
        return request(constraints, false);
    }

    /** {@code getDisplayMedia(constraints)}: the screen as the local stream, or in it instead of the camera. */
    JSPromise<MediaStream> getDisplayMedia(JSObject constraints) {
        return request(constraints, true);
    }

    /**
     * The seed's {@code switchMediaTracks({video: deviceId, audio: deviceId})}: those devices instead of the ones in
     * use, with the constraints of the last {@code getUserMedia} otherwise (a value may also be a whole constraint).
     */
    JSPromise<MediaStream> switchMediaTracks(JSObject devices) {
        if (session.localStream() == null) {
            return JSPromise.reject(JsValues.error("switchMediaTracks: the session has no local stream yet;"
                    + " call getUserMedia first"));
        }
        JSObject constraints = deviceConstraints(userConstraints, devices);
        if (constraints == null) {
            return JSPromise.reject(JsValues.error("switchMediaTracks takes {video: deviceId} and/or"
                    + " {audio: deviceId}"));
        }
        return request(constraints, false);
    }

    /**
     * {@code {audio?, video?}} for getUserMedia from {@code devices}: each device id as an {@code exact} one, merged
     * into the last constraints of its kind; {@code null} when {@code devices} names neither kind.
     */
    @JSBody(params = { "last", "devices" }, script = "if (!devices || typeof devices !== 'object') { return null; }"
            + " var out = null; ['audio', 'video'].forEach(function (k) { var v = devices[k];"
            + " if (typeof v === 'string') { var base = last && typeof last[k] === 'object' ? last[k] : {};"
            + " v = Object.assign({}, base, {deviceId: {exact: v}}); }"
            + " if (v && typeof v === 'object') { out = out || {}; out[k] = v; } }); return out;")
    private static native JSObject deviceConstraints(JSObject last, JSObject devices);

    /** Goes back from the screen to the camera (and microphone) it replaced; nothing when no screen is shared. */
    void stopScreenSharing() {
        stopSharing("audio");
        stopSharing("video");
    }

    private void stopSharing(String kind) {
        MediaStreamTrack screen = slot(shared, kind);
        if (screen == null) {
            return;
        }
        MediaStream local = localStream();
        local.removeTrack(screen);
        screen.stop();
        MediaStreamTrack back = slot(kept, kind);
        if (back != null) {
            back.setEnabled(!session.isMuted(kind));
            local.addTrack(back);
        }
        session.replaceTrack(kind, BrowserValue.box(back));
        setSlot(shared, kind, null);
        setSlot(kept, kind, null);
    }

    /**
     * The page went out of sight ({@code videochat.pauseVideoWhenHidden}, the seed's "continue calling in
     * background"): the camera stops sending on every link and the others see video muted; the microphone goes on.
     * The camera track is stopped, not only disabled: a disabled track still holds the camera (its light stays on)
     * and still sends a black frame a second, where a hidden page should let the camera go. Nothing while the screen
     * is shared (the others are watching it) or when no camera is sent.
     */
    void pauseVideo() {
        hidden = true;
        MediaStream local = localStream();
        if (pausedCamera != null || local == null || isScreenSharing() || local.getVideoTracks().getLength() == 0) {
            return;
        }
        MediaStreamTrack camera = local.getVideoTracks().get(0);
        pausedCamera = deviceIdOf(camera);
        local.removeTrack(camera);
        camera.stop();
        session.replaceTrack("video", null);
        session.setVideoPaused(true);
    }

    /**
     * The page is in sight again: the same camera is opened and sent again, muted if this user muted video, and the
     * others hear the mute state as it was. Resolves when the camera is back.
     */
    JSPromise<MediaStream> resumeVideo() {
        hidden = false;
        String device = pausedCamera;
        if (device == null) {
            return JSPromise.resolve(localStream());
        }
        pausedCamera = null;
        session.setVideoPaused(false);
        return request(cameraConstraints(userConstraints, device), false);
    }

    /** The id of the device a track comes from ({@code ""} when the browser does not say). */
    @JSBody(params = "track", script = "var s = track.getSettings ? track.getSettings() : {}; return s.deviceId || '';")
    private static native String deviceIdOf(MediaStreamTrack track);

    /** The last {@code getUserMedia}'s video constraints, for {@code device} when the browser named it. */
    @JSBody(params = { "last", "device" }, script = "var v = last && typeof last.video === 'object' ? last.video : {};"
            + " return {video: device ? Object.assign({}, v, {deviceId: {exact: device}}) : v};")
    private static native JSObject cameraConstraints(JSObject last, String device);

    /** The session closed: the tracks kept aside stop too (the core stops the local stream's). */
    void close() {
        stopAll(kept);
    }

    /** Stops the tracks in {@code slots} and empties it. */
    @JSBody(params = "slots", script = "for (var k in slots) { if (slots[k]) { slots[k].stop(); } delete slots[k]; }")
    private static native void stopAll(JSObject slots);

    /** The track of {@code kind} in {@code slots}, or {@code null}. */
    @JSBody(params = { "slots", "kind" }, script = "return slots[kind] || null;")
    private static native MediaStreamTrack slot(JSObject slots, String kind);

    @JSBody(params = { "slots", "kind", "track" }, script = "slots[kind] = track;")
    private static native void setSlot(JSObject slots, String kind, MediaStreamTrack track);

    /** Asks the browser for the camera and microphone, or for the {@code screen}, and {@link #use}s what it gives. */
    private JSPromise<MediaStream> request(JSObject constraints, boolean screen) {
        MediaDevices devices = Navigator.mediaDevices();
        if (devices == null) {
            return JSPromise.reject(JsValues.error(Navigator.NO_MEDIA_DEVICES));
        }
        return take(screen ? devices.getDisplayMedia(constraints) : devices.getUserMedia(constraints), this, screen);
    }

    /** What the promise of {@code request} resolves with: {@code use}'s answer, the stream the app should show. */
    @JSBody(params = { "request", "media", "screen" },
            script = "return request.then(function (stream) { return media.use(stream, screen); });")
    private static native JSPromise<MediaStream> take(JSPromise<MediaStream> request, MediaCallbacks media,
            boolean screen);

    /** The first local stream becomes the session's; later ones have their tracks put into it. */
    @Override
    public MediaStream use(MediaStream fresh, boolean screen) {
        MediaStream local = localStream();
        if (local == null) {
            session.setLocalStream(BrowserValue.box(fresh));
            local = fresh;
        } else {
            JSArrayReader<MediaStreamTrack> tracks = fresh.getTracks();
            for (int i = 0; i < tracks.getLength(); i++) {
                put(local, tracks.get(i), screen);
            }
        }
        if (hidden && !screen) {
            pauseVideo();
        }
        if (screen) {
            JSArrayReader<MediaStreamTrack> tracks = fresh.getTracks();
            for (int i = 0; i < tracks.getLength(); i++) {
                setSlot(shared, tracks.get(i).getKind(), tracks.get(i));
            }
            onEnded(slot(shared, "video"), this);
        }
        return local;
    }

    /** The browser ended {@code track} ("stop sharing"): the camera comes back if it is still the screen sent. */
    @Override
    public void ended(MediaStreamTrack track) {
        if (slot(shared, "video") == track) {
            stopScreenSharing();
        }
    }

    /**
     * {@code track} in place of the local track of its kind, on every link too, enabled unless that kind is muted
     * (what is sent always matches what the others were told). Sharing, the camera or microphone is kept aside;
     * otherwise the old track stops. A camera chosen while the screen is shared goes aside, for when sharing stops.
     */
    private void put(MediaStream local, MediaStreamTrack track, boolean screen) {
        String kind = track.getKind();
        boolean audio = "audio".equals(kind);
        MediaStreamTrack aside = slot(kept, kind);
        track.setEnabled(!session.isMuted(kind));
        if (!screen && slot(shared, kind) != null) {
            if (aside != null) {
                aside.stop();
            }
            setSlot(kept, kind, track);
            return;
        }
        JSArrayReader<MediaStreamTrack> old = audio ? local.getAudioTracks() : local.getVideoTracks();
        if (old.getLength() > 0) {
            MediaStreamTrack before = old.get(0);
            local.removeTrack(before);
            if (screen && slot(shared, kind) == null) {
                setSlot(kept, kind, before);
            } else {
                before.stop();
            }
        }
        local.addTrack(track);
        session.replaceTrack(kind, BrowserValue.box(track));
    }

    private MediaStream localStream() {
        return (MediaStream) BrowserValue.unbox(session.localStream());
    }

    /** Tells {@code media} when {@code track} ends (the browser's "stop sharing" ends a screen track). */
    @JSBody(params = { "track", "media" }, script = "if (track) { track.addEventListener('ended',"
            + " function () { media.ended(track); }); }")
    private static native void onEnded(MediaStreamTrack track, MediaCallbacks media);
}
