package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.Result;
import dev.meshcall.client.signaling.CallSignal;
import dev.meshcall.protocol.Limits;

/**
 * One call: the seed's session object, and the call state machine. It holds one {@link PeerLink} per opponent and
 * decides every move of the session and of each link: local actions ({@link #call}, {@link #accept},
 * {@link #reject}, {@link #stop}), signals from the other side, peer connection events and timers all come here,
 * on the page's one event loop.
 *
 * <p>Signaling follows the seed's system ({@code docs/protocol.md}): the caller sends {@code call} with its offer to
 * each opponent and re-sends it every dialing interval (with the local description as it stands then, which holds
 * the candidates gathered so far) until that opponent accepts or rejects; candidates are trickled at once in
 * {@code iceCandidates} batches, before the answer too, and queued by the receiver until its remote description is
 * set.
 */
public final class CallSession {
    /**
     * Candidates the browser gathers in one task leave in one signal on the next turn of the event loop; waiting
     * longer only delays connecting (the benchmark's P1 saw 10 ms cost about as much).
     */
    private static final int CANDIDATE_BATCH_MILLIS = 0;

    // What a Step waits for. Those that can fail have their failure's wording in STEP_FAILURES ("cannot … user N").
    private static final int OFFER_MADE = 0;
    private static final int ANSWER_MADE = 1;
    private static final int LOCAL_ANSWER_SET = 2;
    private static final int REMOTE_OFFER_SET = 3;
    private static final int REMOTE_ANSWER_SET = 4;
    private static final int RESTART_OFFER_SET = 5;
    private static final int RESTART_ANSWER_MADE = 6;
    private static final int RESTART_LOCAL_ANSWER_SET = 7;
    private static final int RESTART_REMOTE_ANSWER_SET = 8;
    private static final int REDIAL = 9;
    private static final int ANSWER_TIMEOUT = 10;
    private static final int RINGING_TIMEOUT = 11;
    private static final int DISCONNECT_TIMEOUT = 12;
    private static final int CANDIDATE_FLUSH = 13;

    private static final String[] STEP_FAILURES = {
        "create the offer for", "create the answer for", "apply the answer to", "apply the offer of",
        "apply the answer of", "apply the ICE restart of", "answer the ICE restart of",
        "apply the ICE restart answer to", "apply the ICE restart answer of",
    };

    private final VideoChat chat;
    private final String id;
    private final int initiatorId;
    private final int[] opponentsIds;
    private final int currentUserId;
    private final int callType;
    /** One per opponent for the initiator; the initiator's alone for the others. */
    private final PeerLink[] links;
    private int state = SessionState.NEW;
    private Object localStream;
    private int maxBandwidth;
    private Object callExtension;
    private Scheduler.Cancellable redialTimer;
    private Scheduler.Cancellable answerTimer;
    private Scheduler.Cancellable ringingTimer;
    private Object attachment;

    CallSession(VideoChat chat, String id, int initiatorId, int[] opponentsIds, int currentUserId, int callType,
            int maxBandwidth) {
        this.chat = chat;
        this.id = id;
        this.initiatorId = initiatorId;
        this.opponentsIds = copy(opponentsIds);
        this.currentUserId = currentUserId;
        this.callType = callType;
        this.maxBandwidth = maxBandwidth;
        if (isInitiator()) {
            links = new PeerLink[opponentsIds.length];
            for (int i = 0; i < links.length; i++) {
                links[i] = new PeerLink(opponentsIds[i]);
            }
        } else {
            links = new PeerLink[] {new PeerLink(initiatorId)};
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

    /** 1 video, 2 audio. */
    public int callType() {
        return callType;
    }

    /** A {@link SessionState} constant. */
    public int state() {
        return state;
    }

    /** Whether the current user started this session. */
    public boolean isInitiator() {
        return initiatorId == currentUserId;
    }

    /** The local media this session sends, or {@code null}. */
    public Object localStream() {
        return localStream;
    }

    /** Sets the local media to send: the result of {@code getUserMedia}, before {@link #call} or {@link #accept}. */
    public void setLocalStream(Object stream) {
        this.localStream = stream;
    }

    /** Something the embedding layer keeps with this session (the JavaScript face's wrapper). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** The connection state of the peer {@code userId}, {@link SessionConnectionState#UNDEFINED} if unknown. */
    public int connectionStateFor(int userId) {
        PeerLink link = link(userId);
        return link == null ? SessionConnectionState.UNDEFINED : link.connectionState;
    }

    /**
     * The W3C stats of the connection to {@code userId}, as {@link PeerConnection#getStats} gives them.
     *
     * @throws IllegalStateException when this session has no connection to that user
     */
    public Object getStats(int userId) {
        PeerLink link = link(userId);
        if (link == null || link.connection == null) {
            throw new IllegalStateException("no connection to user " + userId + " in session " + id);
        }
        return link.connection.getStats();
    }

    /**
     * Caps this user's outgoing video bitrate on every peer ({@code kbps} 0 removes the cap): the seed's
     * {@code session.setMaxBandwidth}.
     */
    public void setMaxBandwidth(int kbps) {
        if (kbps < 0) {
            throw new IllegalArgumentException("maxBandwidth must be 0 (unlimited) or more kbit/s, not " + kbps);
        }
        this.maxBandwidth = kbps;
        for (PeerLink link : links) {
            if (link.connection != null && SessionConnectionState.isConnected(link.connectionState)) {
                link.connection.setMaxBandwidth(kbps);
            }
        }
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
            throw new IllegalStateException("cannot call: session " + id + " was started by user " + initiatorId
                    + "; accept or reject it instead");
        }
        callExtension = extension;
        if (extensionBandwidth > 0) {
            maxBandwidth = extensionBandwidth;
        }
        moveTo(SessionState.ACTIVE);
        for (PeerLink link : links) {
            link.moveTo(PeerLink.CALLING);
            link.connection = chat.createPeerConnection(localStream, events(link));
            link.connection.createOffer(false, new Step(link, OFFER_MADE));
        }
        scheduleRedial();
        answerTimer = chat.scheduler().schedule(chat.config().answerMillis(), new Step(null, ANSWER_TIMEOUT));
    }

    /**
     * Takes the ringing call: answers the caller's offer; {@code extension} reaches the caller in
     * {@code onAcceptCallListener}.
     *
     * @throws IllegalStateException when this session is not a ringing incoming call
     */
    public void accept(Object extension) {
        requireState("accept", SessionState.NEW);
        PeerLink link = ringingLink("accept");
        moveTo(SessionState.ACTIVE);
        cancelRinging();
        link.moveTo(PeerLink.ANSWERED);
        link.connection.addLocalStream(localStream);
        link.acceptExtension = extension;
        if (link.connection.hasRemoteDescription()) {
            answer(link);
        }
    }

    /**
     * Makes the answer and sends it as {@code accept} the moment it exists: the caller applies it while this side
     * applies it too, instead of after (JSEP allows it; the answer's text does not change when applied).
     */
    private void answer(PeerLink link) {
        link.connection.createAnswer(new Step(link, ANSWER_MADE), new Step(link, LOCAL_ANSWER_SET));
    }

    /**
     * Declines the ringing call; {@code extension} reaches the caller in {@code onRejectCallListener}.
     *
     * @throws IllegalStateException when this session is not a ringing incoming call
     */
    public void reject(Object extension) {
        requireState("reject", SessionState.NEW);
        PeerLink link = ringingLink("reject");
        chat.send(link.userId, signal(CallSignal.REJECT).userInfo(extension));
        chat.rememberEnded(this, CallSignal.REJECT, extension);
        moveTo(SessionState.REJECTED);
        closeLink(link);
        closeSession();
    }

    /**
     * Hangs up (or, for the caller, cancels while ringing): every peer gets {@code hangUp} with {@code extension},
     * seen in their {@code onStopCallListener}. A ringing incoming call is rejected instead.
     *
     * @throws IllegalStateException when the session is already closed
     */
    public void stop(Object extension) {
        if (state == SessionState.CLOSED) {
            throw new IllegalStateException("cannot stop: session " + id + " is CLOSED");
        }
        if (state == SessionState.NEW && !isInitiator()) {
            reject(extension);
            return;
        }
        chat.rememberEnded(this, CallSignal.HANG_UP, extension);
        moveTo(SessionState.STOPPED);
        for (PeerLink link : links) {
            if (!link.isClosed() && link.state() != PeerLink.IDLE) {
                chat.send(link.userId, signal(CallSignal.HANG_UP).userInfo(extension));
            }
            closeLink(link);
        }
        closeSession();
    }

    // ---- signals from the other side (routed here by VideoChat) ----

    /**
     * The caller's first {@code call}: this session rings. The peer connection is made and given the offer now, so
     * that accepting has only the answer left to make; no local candidate is gathered (and so no address revealed)
     * before the local user accepts.
     */
    void onIncomingCall(CallSignal call) {
        PeerLink link = links[0];
        link.moveTo(PeerLink.RINGING);
        link.connection = chat.createPeerConnection(null, events(link));
        link.connection.setRemoteDescription(true, call.sdp(), new Step(link, REMOTE_OFFER_SET));
        int ringMillis = chat.config().answerMillis() + chat.config().dialingMillis();
        ringingTimer = chat.scheduler().schedule(ringMillis, new Step(null, RINGING_TIMEOUT));
    }

    void onSignal(int from, CallSignal signal) {
        if (from == currentUserId) {
            onOwnSignal(signal);
            return;
        }
        PeerLink link = link(from);
        if (link == null || link.isClosed()) {
            chat.log().info("ignoring " + signal.type() + " from user " + from + " in session " + id
                    + ": no open link to that user");
            return;
        }
        switch (signal.type()) {
            case CallSignal.CALL:
                // A re-dial: the offer is applied already, and candidates arrive on their own.
                break;
            case CallSignal.ACCEPT:
                onAccept(link, signal);
                break;
            case CallSignal.REJECT:
                chat.listeners().fire(Listeners.REJECT_CALL, this, from, 0, signal.userInfo());
                closeLink(link);
                closeSessionIfNoPeerLeft();
                break;
            case CallSignal.HANG_UP:
                chat.listeners().fire(Listeners.STOP_CALL, this, from, 0, signal.userInfo());
                closeLink(link);
                closeSessionIfNoPeerLeft();
                break;
            case CallSignal.ICE_CANDIDATES:
                onRemoteCandidates(link, signal.iceCandidates());
                break;
            case CallSignal.ICE_RESTART:
                onIceRestart(link, signal);
                break;
            case CallSignal.ICE_RESTART_ACCEPT:
                onIceRestartAccept(link, signal);
                break;
            default:
                throw new IllegalStateException("unhandled signal type " + signal.type());
        }
    }

    /**
     * A copy of this user's own {@code accept} or {@code reject} from another device (tab) of theirs: the call was
     * answered there, so it stops ringing here, without a word to the caller (that device speaks for the user).
     */
    private void onOwnSignal(CallSignal signal) {
        boolean accepted = signal.type().equals(CallSignal.ACCEPT);
        boolean answered = accepted || signal.type().equals(CallSignal.REJECT);
        if (!answered || state != SessionState.NEW || isInitiator()) {
            return;
        }
        chat.log().info("session " + id + " was " + (accepted ? "accepted" : "rejected") + " on another device");
        for (PeerLink link : links) {
            closeLink(link);
        }
        closeSession();
    }

    private void onAccept(PeerLink link, CallSignal signal) {
        if (link.state() != PeerLink.CALLING) {
            chat.log().info("ignoring accept from user " + link.userId + " in session " + id + ": peer is "
                    + PeerLink.stateName(link.state()));
            return;
        }
        link.moveTo(PeerLink.ANSWERED);
        stopDialingIfAllAnswered();
        link.connection.setRemoteDescription(false, signal.sdp(), new Step(link, REMOTE_ANSWER_SET));
        chat.listeners().fire(Listeners.ACCEPT_CALL, this, link.userId, 0, signal.userInfo());
    }

    private void onRemoteCandidates(PeerLink link, Object[] candidates) {
        for (Object candidate : candidates) {
            if (link.connection != null && link.connection.hasRemoteDescription()) {
                link.connection.addIceCandidate(candidate);
            } else {
                link.pendingRemoteCandidates.add(candidate);
            }
        }
    }

    private void onIceRestart(PeerLink link, CallSignal signal) {
        if (link.state() != PeerLink.ANSWERED || link.connection == null) {
            return;
        }
        link.connection.setRemoteDescription(true, signal.sdp(), new Step(link, RESTART_OFFER_SET));
    }

    private void onIceRestartAccept(PeerLink link, CallSignal signal) {
        if (link.state() != PeerLink.ANSWERED || link.connection == null) {
            return;
        }
        link.connection.setRemoteDescription(false, signal.sdp(), new Step(link, RESTART_REMOTE_ANSWER_SET));
    }

    // ---- peer connection events ----

    private PeerConnection.Events events(PeerLink link) {
        return new PeerConnection.Events() {
            @Override
            public void onIceCandidate(Object candidate) {
                if (!link.isClosed()) {
                    queueLocalCandidate(link, candidate);
                }
            }

            @Override
            public void onIceConnectionStateChange(String ice) {
                if (!link.isClosed()) {
                    onConnectionState(link, SessionConnectionState.fromIce(ice));
                }
            }

            @Override
            public void onRemoteStream(Object stream) {
                if (!link.isClosed() && !link.remoteStreamReported) {
                    link.remoteStreamReported = true;
                    chat.listeners().fire(Listeners.REMOTE_STREAM, CallSession.this, link.userId, 0, stream);
                }
            }
        };
    }

    private void onConnectionState(PeerLink link, int next) {
        reportConnectionState(link, next);
        if (SessionConnectionState.isConnected(next)) {
            if (link.disconnectTimer != null) {
                link.disconnectTimer.cancel();
                link.disconnectTimer = null;
            }
            if (maxBandwidth > 0) {
                link.connection.setMaxBandwidth(maxBandwidth);
            }
        } else if ((next == SessionConnectionState.DISCONNECTED || next == SessionConnectionState.FAILED)
                && link.disconnectTimer == null) {
            link.disconnectTimer = chat.scheduler().schedule(chat.config().disconnectMillis(),
                    new Step(link, DISCONNECT_TIMEOUT));
        }
    }

    private void reportConnectionState(PeerLink link, int next) {
        if (link.connectionState == next) {
            return;
        }
        link.connectionState = next;
        chat.listeners().fire(Listeners.CONNECTION_STATE_CHANGED, this, link.userId, next, null);
    }

    private void queueLocalCandidate(PeerLink link, Object candidate) {
        link.pendingLocalCandidates.add(candidate);
        if (link.candidateFlush == null) {
            link.candidateFlush = chat.scheduler().schedule(CANDIDATE_BATCH_MILLIS, new Step(link, CANDIDATE_FLUSH));
        }
    }

    private void flushLocalCandidates(PeerLink link) {
        while (!link.pendingLocalCandidates.isEmpty()) {
            Object[] batch = link.pendingLocalCandidates.takeFirst(Limits.MAX_CANDIDATES_PER_SIGNAL);
            chat.send(link.userId, signal(CallSignal.ICE_CANDIDATES).iceCandidates(batch));
        }
    }

    private void addPendingRemoteCandidates(PeerLink link) {
        for (Object candidate : link.pendingRemoteCandidates.takeFirst(Integer.MAX_VALUE)) {
            link.connection.addIceCandidate(candidate);
        }
    }

    // ---- what the peer connections and the timers report ----

    /**
     * A {@link Step} is over: the browser did what was asked of it ({@code sdp}: the description it made, if any)
     * or a timer ran.
     */
    private void onStepDone(PeerLink link, int step, String sdp) {
        switch (step) {
            case OFFER_MADE:
                if (link.state() == PeerLink.CALLING) {
                    sendCall(link, sdp);
                }
                break;
            case ANSWER_MADE:
                if (!link.isClosed()) {
                    chat.send(link.userId, signal(CallSignal.ACCEPT).callType(callType).sdp(sdp)
                            .userInfo(link.acceptExtension));
                }
                break;
            case REMOTE_OFFER_SET:
                if (!link.isClosed()) {
                    addPendingRemoteCandidates(link);
                    if (link.state() == PeerLink.ANSWERED) {
                        answer(link);
                    }
                }
                break;
            case REMOTE_ANSWER_SET:
                if (!link.isClosed()) {
                    addPendingRemoteCandidates(link);
                }
                break;
            case RESTART_OFFER_SET:
                if (!link.isClosed()) {
                    link.connection.createAnswer(new Step(link, RESTART_ANSWER_MADE),
                            new Step(link, RESTART_LOCAL_ANSWER_SET));
                }
                break;
            case RESTART_ANSWER_MADE:
                if (!link.isClosed()) {
                    chat.send(link.userId, signal(CallSignal.ICE_RESTART_ACCEPT).sdp(sdp));
                }
                break;
            case REDIAL:
                redial();
                if (redialTimer != null) {
                    scheduleRedial();
                }
                break;
            case ANSWER_TIMEOUT:
                answerTimer = null;
                onAnswerTimeout();
                break;
            case RINGING_TIMEOUT:
                ringingTimer = null;
                onRingingTimeout();
                break;
            case DISCONNECT_TIMEOUT:
                link.disconnectTimer = null;
                failLink(link, "user " + link.userId + " stayed "
                        + SessionConnectionState.name(link.connectionState) + " for "
                        + chat.config().disconnectMillis() + " ms");
                break;
            case CANDIDATE_FLUSH:
                link.candidateFlush = null;
                flushLocalCandidates(link);
                break;
            default:
                // LOCAL_ANSWER_SET, RESTART_LOCAL_ANSWER_SET, RESTART_REMOTE_ANSWER_SET: nothing more to do.
        }
    }

    /**
     * Something this session waits for on behalf of one link ({@code null} for the whole session): a peer
     * connection operation or a timer. One class for all of them keeps {@code meshcall.js} small (a class per
     * callback costs more than its code); {@link #onStepDone} says what happens next, a failure ends the link.
     */
    private final class Step implements Result<Object>, Runnable {
        private final PeerLink link;
        private final int step;

        Step(PeerLink link, int step) {
            this.link = link;
            this.step = step;
        }

        @Override
        public void succeeded(Object sdp) {
            onStepDone(link, step, (String) sdp);
        }

        @Override
        public void failed(String error) {
            failLink(link, "cannot " + STEP_FAILURES[step] + " user " + link.userId + ": " + error);
        }

        @Override
        public void run() {
            onStepDone(link, step, null);
        }
    }

    // ---- timers ----

    /** Re-sends {@code call} after a dialing interval, and again after each, until {@code redialTimer} is cancelled. */
    private void scheduleRedial() {
        redialTimer = chat.scheduler().schedule(chat.config().dialingMillis(), new Step(null, REDIAL));
    }

    private void redial() {
        for (PeerLink link : links) {
            if (link.state() == PeerLink.CALLING && link.connection.localSdp() != null) {
                sendCall(link, link.connection.localSdp());
            }
        }
    }

    private void onAnswerTimeout() {
        for (PeerLink link : links) {
            if (link.state() == PeerLink.CALLING) {
                chat.send(link.userId, signal(CallSignal.HANG_UP));
                chat.listeners().fire(Listeners.USER_NOT_ANSWER, this, link.userId, 0, null);
                closeLink(link);
            }
        }
        stopDialingIfAllAnswered();
        closeSessionIfNoPeerLeft();
    }

    private void onRingingTimeout() {
        if (state == SessionState.NEW) {
            chat.log().info("session " + id + " stopped ringing: no word from user " + initiatorId);
            for (PeerLink link : links) {
                closeLink(link);
            }
            closeSession();
        }
    }

    // ---- moves ----

    private void sendCall(PeerLink link, String sdp) {
        chat.send(link.userId, signal(CallSignal.CALL).callType(callType).sdp(sdp).userInfo(callExtension));
    }

    /** A signal of this session, saying who is in it. */
    CallSignal signal(String type) {
        return new CallSignal(type, id).callerId(initiatorId).opponentsIds(opponentsIds).platform("web");
    }

    private void failLink(PeerLink link, String why) {
        if (link.isClosed()) {
            return;
        }
        chat.log().error("session " + id + ": " + why);
        chat.send(link.userId, signal(CallSignal.HANG_UP));
        closeLink(link);
        closeSessionIfNoPeerLeft();
    }

    private void closeLink(PeerLink link) {
        if (link.isClosed()) {
            return;
        }
        link.release();
        link.moveTo(PeerLink.CLOSED);
        if (link.connectionState != SessionConnectionState.UNDEFINED) {
            reportConnectionState(link, SessionConnectionState.CLOSED);
        }
    }

    private void stopDialingIfAllAnswered() {
        for (PeerLink link : links) {
            if (link.state() == PeerLink.CALLING) {
                return;
            }
        }
        stopDialing();
    }

    private void stopDialing() {
        if (redialTimer != null) {
            redialTimer.cancel();
            redialTimer = null;
        }
        if (answerTimer != null) {
            answerTimer.cancel();
            answerTimer = null;
        }
    }

    private void closeSessionIfNoPeerLeft() {
        for (PeerLink link : links) {
            if (!link.isClosed()) {
                return;
            }
        }
        if (state != SessionState.CLOSED) {
            closeSession();
        }
    }

    private void closeSession() {
        stopDialing();
        cancelRinging();
        moveTo(SessionState.CLOSED);
        chat.forget(this);
        chat.listeners().fire(Listeners.SESSION_CLOSE, this, 0, 0, null);
    }

    private void cancelRinging() {
        if (ringingTimer != null) {
            ringingTimer.cancel();
            ringingTimer = null;
        }
    }

    private PeerLink ringingLink(String action) {
        PeerLink link = links[0];
        if (isInitiator() || link.state() != PeerLink.RINGING) {
            throw new IllegalStateException("cannot " + action + ": session " + id
                    + " is not an incoming call that is ringing");
        }
        return link;
    }

    private void requireState(String action, int required) {
        if (state != required) {
            throw new IllegalStateException("cannot " + action + ": session " + id + " is "
                    + SessionState.name(state));
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
            throw new IllegalStateException("session " + id + " cannot move from " + SessionState.name(state) + " to "
                    + SessionState.name(next));
        }
        state = next;
    }

    private static int[] copy(int[] ids) {
        int[] copy = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            copy[i] = ids[i];
        }
        return copy;
    }

    /** The link to {@code userId}, or {@code null}. */
    private PeerLink link(int userId) {
        for (PeerLink link : links) {
            if (link.userId == userId) {
                return link;
            }
        }
        return null;
    }
}
