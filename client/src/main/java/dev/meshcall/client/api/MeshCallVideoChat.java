package dev.meshcall.client.api;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.client.call.CallListener;
import dev.meshcall.client.call.CallSession;
import dev.meshcall.client.call.VideoChat;
import dev.meshcall.client.call.VideoChatConfig;
import dev.meshcall.client.rtc.browser.BrowserPeerConnectionFactory;
import dev.meshcall.client.rtc.jso.MediaDevices;
import dev.meshcall.client.rtc.jso.Navigator;
import dev.meshcall.client.signaling.SignalingChannel;
import dev.meshcall.client.signaling.CallSignal;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/**
 * {@code MeshCall.videochat}: the seed's {@code videochat} object as JavaScript sees it: {@code createNewSession},
 * the enums, and the {@code on…Listener} properties. Forwards to the plain-Java {@link VideoChat}.
 */
public final class MeshCallVideoChat {
    private final Log log;
    private final BrowserPeerConnectionFactory peerConnections;
    private VideoChat core;
    /** Whose token the REST calls carry ({@link #callRejectRequest}). */
    private MeshCallChat account;
    /** Whether the app brought its own ICE servers ({@code videochat.iceServers}): the server's are then not used. */
    private boolean ownIceServers;
    private boolean pauseVideoWhenHidden;
    /** Whether this listens to the page's {@code visibilitychange} (from the first {@code pauseVideoWhenHidden}). */
    private boolean watchingVisibility;
    private final Forwarder forwarder = new Forwarder();
    // The enum objects, made once: MeshCall.videochat.CallType === MeshCall.videochat.CallType, as in the seed's SDK.
    private final JSObject callTypeValues = callTypes();
    private final JSObject connectionStateValues = connectionStates();
    private final JSObject peerConnectionStateValues = peerConnectionStates();
    private final JSObject sessionStateValues = sessionStates();

    MeshCallVideoChat(Log log) {
        this.log = log;
        this.peerConnections = new BrowserPeerConnectionFactory(log);
        JsListener.clear(this, "onCallListener onAcceptCallListener onRejectCallListener onStopCallListener"
                + " onUserNotAnswerListener onRemoteStreamListener onSessionConnectionStateChangedListener"
                + " onSessionCloseListener onDevicesChangeListener onRemoteMuteListener onCallStatsReport");
        onDeviceChange(this);
    }

    /**
     * Calls {@code owner.onDevicesChangeListener(event)}, as the seed's SDK does, on every {@code devicechange} of
     * {@code navigator.mediaDevices} (a camera, microphone or speaker plugged in or out); nothing outside a secure
     * context.
     */
    @JSBody(params = "owner", script = "var d = typeof navigator !== 'undefined' && navigator.mediaDevices;"
            + " if (d) { d.addEventListener('devicechange', function (event) {"
            + " var fn = owner.onDevicesChangeListener;"
            + " if (typeof fn === 'function') { try { fn(event); } catch (e) {"
            + " console.error('[MeshCall] onDevicesChangeListener threw', e); } } }); }")
    private static native void onDeviceChange(MeshCallVideoChat owner);

    /**
     * {@code getMediaDevices(kind)}: the browser's {@code MediaDeviceInfo}s of that kind ({@code "videoinput"},
     * {@code "audioinput"} or {@code "audiooutput"}; all of them without one). Labels are empty until the page has
     * been allowed a camera or microphone (<a href="https://www.w3.org/TR/mediacapture-streams/#mediadevices">
     * mediacapture-streams, enumerateDevices</a>).
     */
    @JSExport
    public JSObject getMediaDevices(String kind) {
        return ofKind(Navigator.mediaDevices(), kind, Navigator.NO_MEDIA_DEVICES);
    }

    /** The {@code MediaDeviceInfo}s of {@code kind} (all without one); {@code devices} {@code null}: {@code none}. */
    @JSBody(params = { "devices", "kind", "none" }, script = "if (kind"
            + " && ['videoinput', 'audioinput', 'audiooutput'].indexOf(kind) < 0) {"
            + " return Promise.reject(new Error('getMediaDevices takes \"videoinput\", \"audioinput\" or'"
            + " + ' \"audiooutput\", not \"' + kind + '\"')); }"
            + " if (!devices) { return Promise.reject(new Error(none)); }"
            + " return devices.enumerateDevices().then(function (all) {"
            + " return all.filter(function (x) { return !kind || x.kind === kind; }); });")
    private static native JSObject ofKind(MediaDevices devices, String kind, String none);

    /**
     * Starts over with new settings (from {@code MeshCall.init}); sessions of the old settings are stopped.
     * {@code iceServers}: the app's own {@code RTCIceServer} list, or {@code null} to use the server's.
     */
    void configure(VideoChatConfig config, JSObject iceServers, SignalingChannel channel) {
        ownIceServers = iceServers != null;
        peerConnections.setIceServers(iceServers);
        if (core != null) {
            core.stopAll();
        }
        core = new VideoChat(config, channel, peerConnections, new BrowserScheduler(), Navigator::randomUuid, log,
                BrowserValue.box(JsValues.busyExtension()));
        core.addListener(forwarder);
    }

    /**
     * {@code videochat.pauseVideoWhenHidden} (also a key of {@code MeshCall.init}'s {@code videochat}), the seed's
     * "continue calling in background": while the page is hidden (<a
     * href="https://html.spec.whatwg.org/multipage/interaction.html#page-visibility">page visibility</a>) every
     * session's camera stops and the others see video muted; the microphone goes on. Visible again, the camera
     * comes back. Off by default.
     */
    @JSExport
    @JSProperty
    public boolean isPauseVideoWhenHidden() {
        return pauseVideoWhenHidden;
    }

    @JSExport
    @JSProperty
    public void setPauseVideoWhenHidden(boolean on) {
        pauseVideoWhenHidden = on;
        if (!watchingVisibility) {
            watchingVisibility = true;
            onVisibilityChange(forwarder);
        }
        visibilityChanged();
    }

    private void visibilityChanged() {
        if (core == null) {
            return;
        }
        boolean hide = pauseVideoWhenHidden && isPageHidden();
        for (CallSession session : core.sessions()) {
            MeshCallSession.of(session).pageHidden(hide);
        }
    }

    @JSBody(script = "return typeof document !== 'undefined' && document.visibilityState === 'hidden';")
    private static native boolean isPageHidden();

    @JSBody(params = "handler", script = "if (typeof document !== 'undefined') {"
            + " document.addEventListener('visibilitychange', handler); }")
    private static native void onVisibilityChange(EventListener<Event> handler);

    void useAccountOf(MeshCallChat chat) {
        account = chat;
    }

    /**
     * The seed's {@code callRejectRequest({sessionID, recipientId, platform, userInfo?})}: declines a call this page
     * has no session object for (it heard of it from a push notification, say): {@code POST /api/calls/reject}, and
     * the server sends {@code recipientId} (the caller) a {@code reject} from this user, as {@code session.reject}
     * would. Resolves when the server took it; rejects with an {@code Error} naming the cause (not connected, the
     * server's status and message).
     */
    @JSExport
    public JSObject callRejectRequest(JSObject params) {
        String token = account.token();
        if (token == null) {
            return JSPromise.reject(JsValues.error("callRejectRequest: not signed in: call MeshCall.chat.connect"
                    + " first"));
        }
        return postReject(account.endpoint() + "/api/calls/reject", token, params);
    }

    @JSBody(params = { "url", "token", "params" }, script = "if (!params || typeof params !== 'object') {"
            + " return Promise.reject(new Error('callRejectRequest takes {sessionID, recipientId, platform}')); }"
            + " return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json',"
            + " Authorization: 'Bearer ' + token}, body: JSON.stringify({sessionID: params.sessionID,"
            + " recipientId: params.recipientId, platform: params.platform, userInfo: params.userInfo})})"
            + ".then(function (r) {"
            + " if (r.ok) { return undefined; } return r.json().catch(function () { return {}; })"
            + ".then(function (b) { throw new Error('callRejectRequest failed (' + r.status + '): '"
            + " + (b.message || r.statusText)); }); });")
    private static native JSObject postReject(String url, String token, JSObject params);

    VideoChat core() {
        return core;
    }

    /** The ICE servers the MeshCall server handed out, used unless the app brought its own. */
    void useServerIceServers(JSObject iceServers) {
        if (!ownIceServers) {
            peerConnections.setIceServers(iceServers);
        }
    }

    /** Hands a signal from the server to the call logic. */
    void onSignal(int from, CallSignal signal) {
        core.onSignal(from, signal);
    }

    /**
     * {@code createNewSession(calleesIds, callType, options)}: {@code options.bandwidth} or
     * {@code options.maxBandwidth} caps every participant's video (kbit/s).
     */
    @JSExport
    public MeshCallSession createNewSession(JSObject calleesIds, int callType, JSObject options) {
        if (core == null) {
            throw new IllegalStateException(VideoChat.NOT_CONNECTED);
        }
        int[] ids = JsValues.userIds(calleesIds);
        if (ids == null) {
            throw new IllegalArgumentException("calleesIds must be an array of user ids");
        }
        int bandwidth = 0;
        if (JsValues.isObject(options)) {
            if (JsValues.hasNumber(options, "maxBandwidth")) {
                bandwidth = (int) JsValues.numberProperty(options, "maxBandwidth");
            } else if (JsValues.hasNumber(options, "bandwidth")) {
                bandwidth = (int) JsValues.numberProperty(options, "bandwidth");
            }
        }
        return wrap(core.createNewSession(ids, callType, bandwidth));
    }

    /**
     * The app's face of a session the core just made: one made while the page is hidden, with
     * {@code pauseVideoWhenHidden} on, starts with its camera paused, as the sessions that were there when the page
     * went out of sight have theirs.
     */
    private MeshCallSession wrap(CallSession session) {
        MeshCallSession made = MeshCallSession.of(session);
        if (pauseVideoWhenHidden && isPageHidden()) {
            made.pageHidden(true);
        }
        return made;
    }

    /** {@code clearSession(sessionId)}: stops that session if it is still open, and forgets it. */
    @JSExport
    public void clearSession(String sessionId) {
        if (core != null) {
            core.clearSession(sessionId);
        }
    }

    @JSExport
    @JSProperty("CallType")
    public JSObject getCallType() {
        return callTypeValues;
    }

    @JSExport
    @JSProperty("SessionConnectionState")
    public JSObject getSessionConnectionState() {
        return connectionStateValues;
    }

    /** The seed's {@code PeerConnectionState}: what {@code session.connectionStateForUser} gives. */
    @JSExport
    @JSProperty("PeerConnectionState")
    public JSObject getPeerConnectionState() {
        return peerConnectionStateValues;
    }

    @JSExport
    @JSProperty("SessionState")
    public JSObject getSessionState() {
        return sessionStateValues;
    }

    @JSBody(script = "return Object.freeze({VIDEO: 1, AUDIO: 2});")
    private static native JSObject callTypes();

    @JSBody(script = "return Object.freeze({UNDEFINED: 0, CONNECTING: 1, CONNECTED: 2, FAILED: 3,"
            + " DISCONNECTED: 4, CLOSED: 5, COMPLETED: 6});")
    private static native JSObject connectionStates();

    @JSBody(script = "return Object.freeze({NEW: 1, CONNECTING: 2, CHECKING: 3, CONNECTED: 4, DISCONNECTED: 5,"
            + " FAILED: 6, CLOSED: 7, COMPLETED: 8});")
    private static native JSObject peerConnectionStates();

    @JSBody(script = "return Object.freeze({NEW: 1, ACTIVE: 2, STOPPED: 3, REJECTED: 4, CLOSED: 5});")
    private static native JSObject sessionStates();

    /** A signal's {@code userInfo} for a listener: the object itself, or an empty one when there was none. */
    private static JSObject userInfo(Object extension) {
        return extension == null ? JsValues.newObject() : BrowserValue.unbox(extension);
    }

    /**
     * Hands the core's events to whichever functions the app has set as {@code on…Listener} properties (see
     * {@link JsListener}), converting Java values to JavaScript; and the page's {@code visibilitychange} to
     * {@link #visibilityChanged} (one class for both: in {@code meshcall.js} a lambda would be a class of its own).
     */
    private final class Forwarder implements CallListener, EventListener<Event> {
        @Override
        public void handleEvent(Event event) {
            visibilityChanged();
        }

        @Override
        public void onCall(CallSession session, Object extension) {
            JsListener.call(MeshCallVideoChat.this, "onCallListener", wrap(session), userInfo(extension));
        }

        @Override
        public void onAcceptCall(CallSession session, int userId, Object extension) {
            JsListener.call(MeshCallVideoChat.this, "onAcceptCallListener", MeshCallSession.of(session), userId,
                    userInfo(extension));
        }

        @Override
        public void onRejectCall(CallSession session, int userId, Object extension) {
            JsListener.call(MeshCallVideoChat.this, "onRejectCallListener", MeshCallSession.of(session), userId,
                    userInfo(extension));
        }

        @Override
        public void onStopCall(CallSession session, int userId, Object extension) {
            JsListener.call(MeshCallVideoChat.this, "onStopCallListener", MeshCallSession.of(session), userId,
                    userInfo(extension));
        }

        @Override
        public void onUserNotAnswer(CallSession session, int userId) {
            JsListener.call(MeshCallVideoChat.this, "onUserNotAnswerListener", MeshCallSession.of(session), userId);
        }

        @Override
        public void onRemoteStream(CallSession session, int userId, Object stream) {
            JsListener.call(MeshCallVideoChat.this, "onRemoteStreamListener", MeshCallSession.of(session), userId,
                    BrowserValue.unbox(stream));
        }

        @Override
        public void onSessionConnectionStateChanged(CallSession session, int userId, int state) {
            JsListener.callWithState(MeshCallVideoChat.this, "onSessionConnectionStateChangedListener",
                    MeshCallSession.of(session), userId, state);
        }

        @Override
        public void onCallStatsReport(CallSession session, int userId, Object stats) {
            JsListener.call(MeshCallVideoChat.this, "onCallStatsReport", MeshCallSession.of(session), userId,
                    BrowserValue.unbox(stats));
        }

        @Override
        public void onRemoteMute(CallSession session, int userId, String kind, boolean muted) {
            JsListener.callWithMute(MeshCallVideoChat.this, "onRemoteMuteListener", MeshCallSession.of(session),
                    userId, kind, muted);
        }

        @Override
        public void onSessionClose(CallSession session) {
            MeshCallSession.of(session).closed();
            JsListener.call(MeshCallVideoChat.this, "onSessionCloseListener", MeshCallSession.of(session));
        }
    }
}
