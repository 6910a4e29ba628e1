package dev.meshcall.client.call;

import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.PeerConnectionFactory;
import dev.meshcall.client.signaling.CallSignal;
import dev.meshcall.client.signaling.SignalingChannel;
import dev.meshcall.protocol.Limits;
import java.util.function.Supplier;

/**
 * The seed's {@code videochat} object in plain Java: makes sessions, routes every incoming signal to its session
 * (or starts a ringing session for a new {@code call}), and holds the listeners. A new call is first checked for
 * glare (two people calling each other at once: one session survives) and, with {@code autoRejectWhenBusy}, for
 * this user being in another call. Everything runs on the page's one event loop; nothing here touches the browser
 * directly.
 */
public final class VideoChat {
    /** Why no session can be made before {@code chat.connect}. */
    public static final String NOT_CONNECTED = "cannot create a session: not connected (call MeshCall.chat.connect"
            + " first)";
    private static final int REMEMBERED_ENDED_SESSIONS = 64;

    private final VideoChatConfig config;
    private final SignalingChannel channel;
    private final PeerConnectionFactory peerConnections;
    private final Scheduler scheduler;
    private final Supplier<String> sessionIds;
    private final Log log;
    private final Object busyExtension;
    private final Listeners listeners;
    private final SmallList<CallSession> sessions = new SmallList<>();
    /**
     * The last {@value #REMEMBERED_ENDED_SESSIONS} sessions over here (a ring, the oldest overwritten first), with
     * what to answer a late re-dial of each ({@code null}: nothing, just no ringing).
     */
    private final String[] endedIds = new String[REMEMBERED_ENDED_SESSIONS];
    private final CallSignal[] endedAnswers = new CallSignal[REMEMBERED_ENDED_SESSIONS];
    private int nextEnded;

    /**
     * @param sessionIds    makes new session ids (UUID v4 in the page)
     * @param busyExtension the {@code userInfo} of an automatic busy reject: {@code {busy: true}} in the form the
     *                      signaling channel sends
     */
    public VideoChat(VideoChatConfig config, SignalingChannel channel, PeerConnectionFactory peerConnections,
            Scheduler scheduler, Supplier<String> sessionIds, Log log, Object busyExtension) {
        this.config = config;
        this.channel = channel;
        this.peerConnections = peerConnections;
        this.scheduler = scheduler;
        this.sessionIds = sessionIds;
        this.log = log;
        this.busyExtension = busyExtension;
        this.listeners = new Listeners(log);
    }

    /** Registers a listener. */
    public void addListener(CallListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener registered with {@link #addListener}; a no-op for one that is not. */
    public void removeListener(CallListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts a session with the given opponents: the seed's {@code createNewSession}.
     *
     * @param calleesIds   1 to 3 distinct user ids, not the current user
     * @param callType      1 video, 2 audio
     * @param bandwidthKbps a cap on every participant's video bitrate, 0 for none
     * @throws IllegalStateException    when not connected
     * @throws IllegalArgumentException naming what is wrong with the callees
     */
    public CallSession createNewSession(int[] calleesIds, int callType, int bandwidthKbps) {
        int me = channel.currentUserId();
        if (me == 0) {
            throw new IllegalStateException(NOT_CONNECTED);
        }
        if (calleesIds.length == 0 || calleesIds.length > Limits.MAX_OPPONENTS) {
            throw new IllegalArgumentException("calleesIds must hold 1 to " + Limits.MAX_OPPONENTS
                    + " user ids (a mesh of at most 4 people), not " + calleesIds.length);
        }
        for (int i = 0; i < calleesIds.length; i++) {
            int callee = calleesIds[i];
            if (callee == me) {
                throw new IllegalArgumentException("calleesIds must not contain the current user " + me);
            }
            if (callee <= 0) {
                throw new IllegalArgumentException("calleesIds must hold user ids (whole numbers above 0), not "
                        + callee);
            }
            for (int j = 0; j < i; j++) {
                if (calleesIds[j] == callee) {
                    throw new IllegalArgumentException("calleesIds holds " + callee + " twice");
                }
            }
        }
        if (callType != 1 && callType != 2) {
            throw new IllegalArgumentException("unknown callType " + callType + " (1 = video, 2 = audio)");
        }
        if (bandwidthKbps < 0) {
            throw new IllegalArgumentException("bandwidth must be 0 (unlimited) or more kbit/s, not "
                    + bandwidthKbps);
        }
        CallSession session = new CallSession(this, sessionIds.get(), me, calleesIds, me, callType, bandwidthKbps);
        sessions.add(session);
        return session;
    }

    /** The sessions that are not closed yet (a copy). */
    public CallSession[] sessions() {
        CallSession[] open = new CallSession[sessions.size()];
        for (int i = 0; i < open.length; i++) {
            open[i] = sessions.get(i);
        }
        return open;
    }

    /**
     * Routes one signal from user {@code from}. A {@code call} for a session this user does not have rings, unless
     * it crosses this user's own call to the same person (glare) or this user is busy; a {@code call} for a session
     * that is over here is answered as this user left it.
     */
    public void onSignal(int from, CallSignal signal) {
        CallSession session = session(signal.sessionId());
        if (session != null) {
            session.onSignal(from, signal);
            return;
        }
        if (!signal.type().equals(CallSignal.CALL)) {
            log.info("ignoring " + signal.type() + " from user " + from + ": no session " + signal.sessionId());
            return;
        }
        int ended = ended(signal.sessionId());
        if (ended >= 0) {
            // A re-dial of a call that is over here. If this user rejected or left it, the answer was lost: say it
            // again. Otherwise (answered on another device, or closed) it must not ring a second time.
            if (endedAnswers[ended] != null) {
                channel.send(from, endedAnswers[ended]);
            }
            return;
        }
        int me = channel.currentUserId();
        int caller = signal.callerId();
        if (from == me || caller == me || !signal.hasOpponent(me) || (caller != from && !signal.hasOpponent(from))) {
            log.error("ignoring call from user " + from + ": it does not name " + me + " as an opponent and its"
                    + " sender as caller or opponent");
            return;
        }
        CallSession crossing = crossingCall(from, signal);
        if (crossing != null) {
            // Glare: both sessions would ring and neither connect. The one started by the higher user id survives.
            if (from > me) {
                log.info("glare with user " + from + ": session " + crossing.id() + " yields to " + signal.sessionId());
                crossing.yieldTo(from, signal);
            } else {
                log.info("glare with user " + from + ": keeping session " + crossing.id() + " over "
                        + signal.sessionId());
            }
            return;
        }
        if (config.autoRejectWhenBusy() && isInCall()) {
            rejectBusy(me, signal);
            return;
        }
        CallSession incoming = new CallSession(this, signal.sessionId(), caller, signal.opponentsIds(), me,
                signal.callType(), signal.maxBandwidth());
        sessions.add(incoming);
        incoming.ring(signal);
        incoming.onSignal(from, signal);
        listeners.fire(Listeners.CALL, incoming, 0, 0, signal.userInfo());
    }

    /**
     * This user's own unanswered 1:1 call to {@code from} when {@code call} is {@code from}'s 1:1 call to this user,
     * or {@code null}.
     */
    private CallSession crossingCall(int from, CallSignal call) {
        if (call.callerId() != from || call.opponentsIds().length != 1) {
            return null;
        }
        for (int i = 0; i < sessions.size(); i++) {
            CallSession own = sessions.get(i);
            PeerSession peer = own.peer(from);
            if (own.isInitiator() && own.state() == SessionState.ACTIVE && own.opponentsIds().length == 1
                    && peer != null && peer.phase() == PeerSession.CALLING) {
                return own;
            }
        }
        return null;
    }

    /**
     * Glare seen from the other side: {@code outgoing} (this user's 1:1 call, being made now) goes to someone whose
     * 1:1 call rings here. That ringing session closes quietly ({@link CloseReason#REPLACED}) and is returned: the
     * session started by the higher user id survives, so {@code outgoing} either goes on, or yields to it.
     */
    CallSession crossingCall(CallSession outgoing) {
        int[] callees = outgoing.opponentsIds();
        for (int i = 0; i < sessions.size(); i++) {
            CallSession ringing = sessions.get(i);
            if (callees.length == 1 && ringing.state() == SessionState.NEW && !ringing.isInitiator()
                    && ringing.initiatorId() == callees[0] && ringing.opponentsIds().length == 1) {
                log.info("glare with user " + callees[0] + ": session " + ringing.id() + " and "
                        + outgoing.id() + " become one");
                ringing.replaced();
                return ringing;
            }
        }
        return null;
    }

    /** Whether this user is in a call: one that rings here, or one called or accepted and not over. */
    private boolean isInCall() {
        for (int i = 0; i < sessions.size(); i++) {
            CallSession s = sessions.get(i);
            if (s.state() == SessionState.ACTIVE || (s.state() == SessionState.NEW && !s.isInitiator())) {
                return true;
            }
        }
        return false;
    }

    /** Declines {@code call} for this user, who is in another call: {@code reject} with {@code busy} to everyone. */
    private void rejectBusy(int me, CallSignal call) {
        log.info("busy: rejecting session " + call.sessionId() + " of user " + call.callerId());
        CallSignal busy = new CallSignal(CallSignal.REJECT, call.sessionId()).callType(call.callType())
                .callerId(call.callerId()).opponentsIds(call.opponentsIds()).platform("web").userInfo(busyExtension);
        for (int peer : MeshPlan.peersOf(me, call.callerId(), call.opponentsIds())) {
            channel.send(peer, busy);
        }
        rememberEnded(call.sessionId(), busy);
    }

    /**
     * The signaling connection is back after it was lost (or replaced by {@code connect}): calls kept their media
     * meanwhile, and links that are recovering restart ICE now.
     */
    public void onSignalingBack() {
        for (CallSession session : sessions()) {
            session.onSignalingBack();
        }
    }

    /**
     * The seed's {@code clearSession(sessionId)}: forgets that session; one still open is stopped first, so that the
     * others hear this user leave (or decline, while it rings). Nothing for an unknown or closed one.
     */
    public void clearSession(String sessionId) {
        for (CallSession session : sessions()) {
            if (session.id().equals(sessionId) && session.state() != SessionState.CLOSED) {
                session.stop(null);
            }
        }
    }

    /** Ends every session at once (the page is going away, or the settings changed). */
    public void stopAll() {
        for (CallSession session : sessions()) {
            if (session.state() != SessionState.CLOSED) {
                session.stop(null);
            }
        }
    }

    // ---- for CallSession ----

    VideoChatConfig config() {
        return config;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Log log() {
        return log;
    }

    Listeners listeners() {
        return listeners;
    }

    void send(int to, CallSignal signal) {
        channel.send(to, signal);
    }

    boolean checkSignaling() {
        return channel.checkAlive();
    }

    PeerConnection createPeerConnection(PeerConnection.Events events) {
        return peerConnections.create(config.alwaysRelayCalls(), events);
    }

    void stopLocalStream(Object localStream) {
        peerConnections.stopLocalStream(localStream);
    }

    void forget(CallSession session) {
        sessions.remove(session);
        if (ended(session.id()) < 0) {
            rememberEnded(session.id(), null);
        }
    }

    /**
     * Remembers that a session is over here, and the signal that answers a late re-dial of it ({@code null}:
     * nothing, it just must not ring again).
     */
    void rememberEnded(String sessionId, CallSignal answer) {
        int known = ended(sessionId);
        if (known >= 0) {
            endedAnswers[known] = answer;
            return;
        }
        endedIds[nextEnded] = sessionId;
        endedAnswers[nextEnded] = answer;
        nextEnded = (nextEnded + 1) % REMEMBERED_ENDED_SESSIONS;
    }

    private int ended(String sessionId) {
        for (int i = 0; i < endedIds.length; i++) {
            if (sessionId.equals(endedIds[i])) {
                return i;
            }
        }
        return -1;
    }

    private CallSession session(String id) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).id().equals(id)) {
                return sessions.get(i);
            }
        }
        return null;
    }
}
