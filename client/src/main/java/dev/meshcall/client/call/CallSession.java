package dev.meshcall.client.call;

import dev.meshcall.client.signaling.CallSignal;

/**
 * One call: the seed's session object. It keeps the session's life ({@link SessionState}, one checked transition),
 * who is in it (one {@link PeerSession} per other participant) and the session's own timer (ringing); each link's
 * offer, answer, candidates and timers are its {@link PeerSession}'s. Local actions ({@link #call},
 * {@link #accept}, {@link #reject}, {@link #stop}) and the signals of the other participants come here, on the
 * page's one event loop.
 *
 * <p>A session is a mesh of up to 4 people ({@code docs/protocol.md}, "Mesh"): the initiator offers to every callee;
 * a callee that accepts answers every offer it holds and offers to every other callee with a lower user id
 * ({@link MeshPlan}). A participant that leaves closes only its own links; the session closes when it has no live
 * link left.
 */
public final class CallSession implements Runnable {
    /** The seed's {@code CallType.VIDEO}. */
    static final int VIDEO = 1;
    /** The seed's {@code CallType.AUDIO}. */
    static final int AUDIO = 2;
    private final VideoChat chat;
    private String id;
    private int initiatorId;
    private int[] opponentsIds;
    private final int currentUserId;
    private int callType;
    /** One per other participant, the initiator first. */
    private PeerSession[] peers;
    private int state = SessionState.NEW;
    private String closeReason;
    private Object localStream;
    private int maxBandwidth;
    private boolean audioMuted;
    private boolean videoMuted;
    /** The camera is stopped while the page is hidden ({@code pauseVideoWhenHidden}): the others see video muted. */
    private boolean videoPaused;
    /** The initiator's {@code extension}: sent with its {@code call}, or received with it. */
    private Object callExtension;
    /** This user's {@code extension} to {@code accept}: sent with every answer and every offer to another callee. */
    private Object acceptExtension;
    private Scheduler.Cancellable ringingTimer;
    /** The {@code call} that rings here, kept for glare ({@link #yieldTo}); {@code null} for the initiator. */
    private CallSignal incomingCall;
    private Object attachment;

    CallSession(VideoChat chat, String id, int initiatorId, int[] opponentsIds, int currentUserId, int callType,
            int maxBandwidth) {
        this.chat = chat;
        this.id = id;
        this.currentUserId = currentUserId;
        this.maxBandwidth = maxBandwidth;
        join(initiatorId, opponentsIds, callType);
    }

    private void join(int initiator, int[] opponents, int type) {
        initiatorId = initiator;
        opponentsIds = copy(opponents);
        callType = type;
        int[] others = MeshPlan.peersOf(currentUserId, initiator, opponents);
        peers = new PeerSession[others.length];
        for (int i = 0; i < others.length; i++) {
            peers[i] = new PeerSession(this, others[i]);
        }
    }

    /** The session id ({@code session.ID}). */
    public String id() {
        return id;
    }

    /** Who started the call. */
    public int initiatorId() {
        return initiatorId;
    }

    /** Everyone in the session but the initiator (a copy). */
    public int[] opponentsIds() {
        return copy(opponentsIds);
    }

    /** The signed-in user this session belongs to. */
    public int currentUserId() {
        return currentUserId;
    }

    /** {@link #VIDEO} or {@link #AUDIO}. */
    public int callType() {
        return callType;
    }

    /** A {@link SessionState} constant. */
    public int state() {
        return state;
    }

    /** Why the session closed, a {@link CloseReason}; {@code null} while it is open. */
    public String closeReason() {
        return closeReason;
    }

    /** Whether the current user started this session. */
    public boolean isInitiator() {
        return initiatorId == currentUserId;
    }

    /** The local media this session sends, or {@code null}. */
    public Object localStream() {
        return localStream;
    }

    /**
     * Sets the local media to send: the result of {@code getUserMedia}, before {@link #call} or {@link #accept}. The
     * session owns it from then on: its tracks are stopped when the session closes.
     */
    public void setLocalStream(Object stream) {
        this.localStream = stream;
    }

    /**
     * Sends {@code track} ({@code null}: nothing) instead of the local track of {@code kind} ({@code "audio"} or
     * {@code "video"}) on every link, without a new offer: switching camera or microphone, and screen sharing (the
     * seed's {@code switchMediaTracks} and {@code getDisplayMedia} during a call). The caller puts it into the
     * {@link #localStream} too, for links made later.
     */
    public void replaceTrack(String kind, Object track) {
        for (PeerSession peer : peers) {
            peer.replaceTrack(kind, track);
        }
    }

    /**
     * This user muted or unmuted {@code kind} ({@code "audio"} or {@code "video"}): every other participant hears it
     * ({@link CallListener#onRemoteMute}), also those linked later. The tracks are the caller's to disable.
     */
    public void setMuted(String kind, boolean muted) {
        if ("audio".equals(kind)) {
            audioMuted = muted;
        } else {
            videoMuted = muted;
        }
        sendMuteState();
    }

    /** Whether this user muted {@code kind} ({@code "audio"} or {@code "video"}) in this session. */
    public boolean isMuted(String kind) {
        return "audio".equals(kind) ? audioMuted : videoMuted;
    }

    /**
     * The camera stopped, or came back, while the page was hidden: the others are told video is muted meanwhile
     * ({@link CallListener#onRemoteMute}), then this user's own mute state again. The tracks are the caller's.
     */
    public void setVideoPaused(boolean paused) {
        videoPaused = paused;
        sendMuteState();
    }

    private void sendMuteState() {
        for (PeerSession peer : peers) {
            peer.sendMuteState();
        }
    }

    /** Whether the others see {@code kind} muted: muted by this user, or video paused while the page is hidden. */
    boolean isMutedForOthers(String kind) {
        return isMuted(kind) || videoPaused && !"audio".equals(kind);
    }

    /**
     * The streams of this session now: the local one first (when there is one), then each other participant's that
     * arrived, on links that are not closed.
     */
    public Object[] streams() {
        SmallList<Object> all = new SmallList<>();
        if (localStream != null) {
            all.add(localStream);
        }
        for (PeerSession peer : peers) {
            if (peer.remoteStream() != null) {
                all.add(peer.remoteStream());
            }
        }
        return all.takeFirst(Integer.MAX_VALUE);
    }

    /** Something the embedding layer keeps with this session (the JavaScript face's wrapper). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** Whether {@code userId} is one of the others in this session, this user linked to or not. */
    public boolean hasPeer(int userId) {
        return peer(userId) != null;
    }

    /** The connection state of the participant {@code userId}, {@link SessionConnectionState#UNDEFINED} if unknown. */
    public int connectionStateFor(int userId) {
        PeerSession peer = peer(userId);
        return peer == null ? SessionConnectionState.UNDEFINED : peer.connectionState();
    }

    /**
     * Whether this user may restart ICE on the link to {@code userId}: it made that link's offer, and the link is
     * answered (the seed's {@code canInitiateIceRestart}).
     */
    public boolean canInitiateIceRestart(int userId) {
        PeerSession peer = peer(userId);
        return peer != null && peer.canInitiateIceRestart();
    }

    /**
     * Restarts ICE on the link to {@code userId} (the seed's {@code iceRestart}): new ICE credentials, so a new path
     * is found after a network change. Recovery does this by itself unless {@code autoIceRestart} is off.
     *
     * @throws IllegalStateException when there is no such link or this side does not restart it, saying which
     */
    public void iceRestart(int userId) {
        PeerSession peer = peer(userId);
        if (peer == null) {
            throw cannot("restart ICE with user " + userId, "has no such participant");
        }
        peer.iceRestart();
    }

    /** Signaling is back after it was lost: links that are recovering restart ICE now. */
    void onSignalingBack() {
        for (PeerSession peer : peers) {
            peer.onSignalingBack();
        }
    }

    /**
     * The W3C stats of the connection to {@code userId}, as {@code PeerConnection.getStats} gives them.
     *
     * @throws IllegalStateException when this session has no connection to that user
     */
    public Object getStats(int userId) {
        PeerSession peer = peer(userId);
        Object stats = peer == null ? null : peer.stats();
        if (stats == null) {
            throw new IllegalStateException("no connection to user " + userId + " in session " + id);
        }
        return stats;
    }

    /**
     * Caps this user's outgoing video bitrate on every link ({@code kbps} 0 removes the cap): the seed's
     * {@code session.setMaxBandwidth}.
     *
     * @return the answers of the connected links' {@code PeerConnection.setMaxBandwidth}, to wait for; a link not
     *     connected yet gets the cap when it connects
     */
    public Object[] setMaxBandwidth(int kbps) {
        if (kbps < 0) {
            throw new IllegalArgumentException("maxBandwidth must be 0 (unlimited) or more kbit/s, not " + kbps);
        }
        this.maxBandwidth = kbps;
        SmallList<Object> applied = new SmallList<>();
        for (PeerSession peer : peers) {
            Object answer = peer.setMaxBandwidth(kbps);
            if (answer != null) {
                applied.add(answer);
            }
        }
        return applied.snapshot();
    }

    /**
     * Rings every opponent with an offer; {@code extension} reaches them in {@code onCallListener}.
     *
     * @param extensionBandwidth the {@code maxBandwidth} the extension holds (kbit/s), which caps every
     *     participant's video; 0 or less for none
     * @throws IllegalStateException when this user did not start the session or it was already called
     */
    public void call(Object extension, int extensionBandwidth) {
        requireState("call", SessionState.NEW);
        if (!isInitiator()) {
            throw cannot("call", "was started by user " + initiatorId + "; accept or reject it instead");
        }
        callExtension = extension;
        if (extensionBandwidth > 0) {
            maxBandwidth = extensionBandwidth;
        }
        moveTo(SessionState.ACTIVE);
        CallSession ringing = chat.crossingCall(this);
        if (ringing != null && ringing.initiatorId > currentUserId) {
            yieldTo(ringing.initiatorId, ringing.incomingCall);
            return;
        }
        for (PeerSession peer : peers) {
            peer.offer();
        }
    }

    /**
     * Takes the ringing call: answers every offer this user holds (the caller's, and those of callees who joined
     * first), offers to every other callee whose turn it is not ({@link MeshPlan}), and waits for the rest.
     * {@code extension} reaches every other participant in {@code onAcceptCallListener}.
     *
     * @throws IllegalStateException when this session is not a ringing incoming call
     */
    public void accept(Object extension) {
        requireRinging("accept");
        moveTo(SessionState.ACTIVE);
        cancelRinging();
        acceptExtension = extension;
        for (PeerSession peer : peers) {
            if (peer.phase() == PeerSession.RINGING) {
                peer.answer();
            } else if (peer.phase() == PeerSession.IDLE) {
                if (MeshPlan.offers(currentUserId, peer.userId, initiatorId)) {
                    peer.offer();
                } else {
                    peer.expectOffer();
                }
            }
        }
    }

    /**
     * Declines the ringing call: {@code reject} with {@code extension} goes to every participant, so that the caller
     * hears it in {@code onRejectCallListener} and the others stop waiting for this user.
     *
     * @throws IllegalStateException when this session is not a ringing incoming call
     */
    public void reject(Object extension) {
        requireRinging("reject");
        CallSignal reject = signal(CallSignal.REJECT).userInfo(extension);
        for (PeerSession peer : peers) {
            if (!peer.isClosed()) {
                chat.send(peer.userId, reject);
            }
        }
        chat.rememberEnded(id, reject);
        moveTo(SessionState.REJECTED);
        closeSession(CloseReason.REJECTED);
    }

    /**
     * Leaves the call (or, for the caller, cancels while ringing): every participant this user exchanged with gets
     * {@code hangUp} with {@code extension}, seen in their {@code onStopCallListener}; the others go on without this
     * user. A ringing incoming call is rejected instead.
     *
     * @throws IllegalStateException when the session is already closed
     */
    public void stop(Object extension) {
        if (state == SessionState.CLOSED) {
            throw cannot("stop", "is CLOSED");
        }
        if (state == SessionState.NEW && !isInitiator()) {
            reject(extension);
            return;
        }
        chat.rememberEnded(id, signal(CallSignal.HANG_UP).userInfo(extension));
        moveTo(SessionState.STOPPED);
        for (PeerSession peer : peers) {
            peer.hangUp(extension);
        }
        closeSession(CloseReason.STOPPED);
    }

    // ---- signals from the other participants (routed here by VideoChat) ----

    /**
     * An incoming {@code call} starts ringing here: for the answer and dialing intervals, unless the caller says
     * more. The offers this user will make to other callees are prepared meanwhile ({@link PeerSession#prepareOffer}).
     */
    void ring(CallSignal call) {
        incomingCall = call;
        for (PeerSession peer : peers) {
            if (MeshPlan.offers(currentUserId, peer.userId, initiatorId)) {
                peer.prepareOffer(null);
            }
        }
        int ringMillis = chat.config().answerMillis() + chat.config().dialingMillis();
        ringingTimer = chat.scheduler().schedule(ringMillis, this);
    }

    /**
     * The session's one timer of its own fired: the call rang here for the answer and dialing intervals with no word
     * from the caller. (The session is its own timer task rather than a lambda, which would be a class of its own
     * in {@code meshcall.js}.)
     */
    @Override
    public void run() {
        ringingTimer = null;
        chat.log().info("session " + id + " stopped ringing: no word from user " + initiatorId);
        closeSession(CloseReason.RINGING_TIMEOUT);
    }

    void onSignal(int from, CallSignal signal) {
        if (from == currentUserId) {
            onOwnSignal(signal);
            return;
        }
        PeerSession peer = peer(from);
        if (peer == null || peer.isClosed()) {
            chat.log().info(ignoring(signal.type(), from, "no open link to that user"));
            return;
        }
        String type = signal.type();
        if (type.equals(CallSignal.CALL)) {
            onCall(peer, signal);
        } else if (type.equals(CallSignal.ACCEPT)) {
            peer.onAccept(signal.sdp(), signal.userInfo());
        } else if (type.equals(CallSignal.REJECT)) {
            onLeft(peer, Listeners.REJECT_CALL, signal.userInfo());
        } else if (type.equals(CallSignal.HANG_UP)) {
            onLeft(peer, Listeners.STOP_CALL, signal.userInfo());
        } else if (type.equals(CallSignal.ICE_CANDIDATES)) {
            peer.onRemoteCandidates(signal.iceCandidates());
        } else if (type.equals(CallSignal.ICE_RESTART)) {
            peer.onIceRestart(signal.sdp());
        } else if (type.equals(CallSignal.ICE_RESTART_ACCEPT)) {
            peer.onIceRestartAccept(signal.sdp());
        } else {
            chat.log().info(ignoring(type, from, "not handled yet"));
        }
    }

    /**
     * An offer: the caller's, or that of a callee who accepted and whose turn it is ({@link MeshPlan}). Kept while
     * this session rings and answered when the user accepts, or answered at once if the user already has: no
     * waiting for the next re-dial. A re-dial of an offer we hold changes nothing.
     */
    private void onCall(PeerSession peer, CallSignal call) {
        if (!MeshPlan.offers(peer.userId, currentUserId, initiatorId)) {
            chat.log().error(ignoring(CallSignal.CALL, peer.userId, "user " + currentUserId
                    + " makes the offer on that link"));
        } else if (peer.phase() == PeerSession.IDLE) {
            peer.takeOffer(call.sdp(), call.userInfo());
        }
    }

    /**
     * A participant left ({@code hangUp}) or declined ({@code reject}): their link closes, the others go on. A
     * ringing call that its caller withdraws stops ringing.
     */
    private void onLeft(PeerSession peer, int event, Object extension) {
        boolean withdrawn = state == SessionState.NEW && peer.userId == initiatorId;
        if (state == SessionState.ACTIVE || withdrawn) {
            fire(event, peer.userId, extension);
        }
        peer.close();
        if (withdrawn) {
            closeSession(CloseReason.ENDED);
        } else {
            closeIfNobodyLeft(CloseReason.ENDED);
        }
    }

    /**
     * A copy of this user's own {@code accept} or {@code reject} from another device (tab) of theirs: the call was
     * answered there, so it stops ringing here, without a word to the others (that device speaks for the user).
     */
    private void onOwnSignal(CallSignal signal) {
        boolean accepted = signal.type().equals(CallSignal.ACCEPT);
        boolean answered = accepted || signal.type().equals(CallSignal.REJECT);
        if (!answered || state != SessionState.NEW || isInitiator()) {
            return;
        }
        chat.log().info("session " + id + " was " + (accepted ? "accepted" : "rejected") + " on another device");
        closeSession(accepted ? CloseReason.ACCEPTED_ELSEWHERE : CloseReason.REJECTED_ELSEWHERE);
    }

    /**
     * Glare: this user's call to {@code from} crossed {@code from}'s call to this user, and {@code from}'s session
     * wins ({@link VideoChat} decides). This session becomes that one: it withdraws its own call (a {@code hangUp}
     * under its old id), takes the other call's id, caller and offer, and answers at once, since this user already
     * wanted the call. The app keeps its session object and sees {@code from} accept, with no error.
     */
    void yieldTo(int from, CallSignal call) {
        if (peers[0].phase() == PeerSession.CALLING) {
            chat.send(from, signal(CallSignal.HANG_UP));
        }
        chat.rememberEnded(id, null);
        peers[0].close();
        id = call.sessionId();
        acceptExtension = callExtension;
        callExtension = call.userInfo();
        join(from, call.opponentsIds(), call.callType());
        fire(Listeners.ACCEPT_CALL, from, call.userInfo());
        peers[0].takeOffer(call.sdp(), call.userInfo());
    }

    /** Glare: this ringing call and this user's own call to its caller are one call now ({@link #yieldTo}). */
    void replaced() {
        closeSession(CloseReason.REPLACED);
    }

    // ---- for PeerSession ----

    VideoChat chat() {
        return chat;
    }

    /** The cap on this user's video (kbit/s) on every link; 0 for none. */
    public int maxBandwidth() {
        return maxBandwidth;
    }

    /** Whether this user took this incoming call: new offers are answered at once. */
    boolean isAccepted() {
        return state == SessionState.ACTIVE && !isInitiator();
    }

    /** What travels with this user's offers: the initiator's call extension, or a callee's accept extension. */
    Object offerExtension() {
        return isInitiator() ? callExtension : acceptExtension;
    }

    Object acceptExtension() {
        return acceptExtension;
    }

    /** A signal of this session, saying who is in it. */
    CallSignal signal(String type) {
        return new CallSignal(type, id).callType(callType).callerId(initiatorId).opponentsIds(opponentsIds)
                .platform("web");
    }

    void fire(int event, int userId, Object value) {
        chat.listeners().fire(event, this, userId, 0, value);
    }

    void fireMute(int userId, String kind, boolean muted) {
        chat.listeners().fire(Listeners.REMOTE_MUTE, this, userId, muted ? 1 : 0, kind);
    }

    /** Closes the session when no link is live any more: everyone else left, declined, failed or did not answer. */
    void closeIfNobodyLeft(String reason) {
        for (PeerSession peer : peers) {
            if (peer.isLive()) {
                return;
            }
        }
        if (state != SessionState.CLOSED) {
            closeSession(reason);
        }
    }

    // ---- moves ----

    private void closeSession(String reason) {
        cancelRinging();
        boolean wentAwayWhileRinging = state == SessionState.NEW && !isInitiator()
                && (reason.equals(CloseReason.ENDED) || reason.equals(CloseReason.RINGING_TIMEOUT));
        if (wentAwayWhileRinging) {
            // The call went away while it rang here: callees who joined first and offered to this user hear that
            // their offer is declined, now and at every re-dial, instead of dialing on for nothing.
            CallSignal decline = signal(CallSignal.REJECT);
            for (PeerSession peer : peers) {
                if (peer.phase() == PeerSession.RINGING && peer.userId != initiatorId) {
                    chat.send(peer.userId, decline);
                }
            }
            chat.rememberEnded(id, decline);
        }
        for (PeerSession peer : peers) {
            peer.close();
        }
        if (localStream != null) {
            // As the seed's SDK does: the camera and microphone go off with the call, before the app hears it closed.
            // Left live, every call's media kept being captured and processed in the page for as long as it stayed.
            chat.stopLocalStream(localStream);
        }
        moveTo(SessionState.CLOSED);
        closeReason = reason;
        chat.forget(this);
        fire(Listeners.SESSION_CLOSE, 0, null);
    }

    private void cancelRinging() {
        if (ringingTimer != null) {
            ringingTimer.cancel();
            ringingTimer = null;
        }
    }

    private void requireRinging(String action) {
        if (state != SessionState.NEW || isInitiator()) {
            throw cannot(action, isInitiator() ? "is not an incoming call" : "is " + SessionState.name(state));
        }
    }

    private void requireState(String action, int required) {
        if (state != required) {
            throw cannot(action, "is " + SessionState.name(state));
        }
    }

    /**
     * The one transition method of a session: a no-op on the same state; any move out of {@link
     * SessionState#CLOSED}, or backwards, is refused.
     */
    private void moveTo(int next) {
        if (next == state) {
            return;
        }
        boolean allowed;
        switch (state) {
            case SessionState.NEW:
                allowed = true;
                break;
            case SessionState.ACTIVE:
                allowed = next == SessionState.STOPPED || next == SessionState.CLOSED;
                break;
            case SessionState.STOPPED:
            case SessionState.REJECTED:
                allowed = next == SessionState.CLOSED;
                break;
            default:
                allowed = false;
        }
        if (!allowed) {
            throw illegalMove("session " + id, SessionState.name(state), SessionState.name(next));
        }
        state = next;
    }

    /** {@code "cannot <action>: session <id> <why>"}: an API call this session's state does not allow. */
    private IllegalStateException cannot(String action, String why) {
        return new IllegalStateException("cannot " + action + ": session " + id + " " + why);
    }

    /** {@code "<who> cannot move from <from> to <to>"}: the refusal of every state machine of a call. */
    static IllegalStateException illegalMove(String who, String from, String to) {
        return new IllegalStateException(who + " cannot move from " + from + " to " + to);
    }

    /** {@code "ignoring <type> from user <from> in session <id>: <why>"}: a signal this session does not act on. */
    String ignoring(String type, int from, String why) {
        return "ignoring " + type + " from user " + from + " in session " + id + ": " + why;
    }

    private static int[] copy(int[] ids) {
        int[] copy = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            copy[i] = ids[i];
        }
        return copy;
    }

    /** The link to {@code userId}, or {@code null}. */
    PeerSession peer(int userId) {
        for (PeerSession peer : peers) {
            if (peer.userId == userId) {
                return peer;
            }
        }
        return null;
    }
}
