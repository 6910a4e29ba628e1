package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.Result;
import dev.meshcall.client.signaling.CallSignal;
import dev.meshcall.protocol.Limits;

/**
 * One other participant of a {@link CallSession}, and everything of the link to them: the peer connection, where
 * the call stands with them ({@link #phase}), the offer/answer exchange with its one checked transition
 * ({@link SignalingState}), the ICE candidates waiting on either side, and the timers that belong to this link
 * alone (re-dial, waiting for an answer, staying disconnected, recovering). Each flow is a method of its own:
 * {@link #offer}, {@link #takeOffer}, {@link #answer}, {@link #onAccept}, {@link #iceRestart},
 * {@link #onIceRestart}, {@link #onIceRestartAccept}. The session decides which flow starts when; everything here
 * runs on the page's one event loop.
 *
 * <p><b>Recovery</b> ({@code docs/js-api.md}, "Network changes"): the side that made a link's offer is the side that
 * restarts ICE on it (<a href="https://www.rfc-editor.org/rfc/rfc8445#section-9">RFC 8445, 9</a>; JSEP's
 * {@code iceRestart} offer option, <a href="https://www.rfc-editor.org/rfc/rfc8829#section-5.2.1">RFC 8829,
 * 5.2.1</a>), so the two sides never restart at once. With {@code autoIceRestart} on it does so by itself when the
 * link stays {@code disconnected} past {@link #RESTART_GRACE_MILLIS} or goes {@code failed} (Chromium may stay
 * {@code disconnected} for ever on a lost path), and again with backoff until the link is back or the disconnect
 * interval releases it; each attempt also makes the signaling connection prove it is alive.
 *
 * <p><b>Stalls</b>: the browser may also go on calling a link {@code connected} while no media arrives on it. So the
 * side that restarts a link also reads, every {@link #SAMPLE_MILLIS} while the link is {@code connected} or
 * {@code completed}, how many media bytes have arrived ({@link PeerConnection#requestInboundBytes}: the
 * {@code inbound-rtp} streams' {@code bytesReceived}, not the candidate pair's, which also counts ICE's own checks
 * and RTCP and so keeps growing on a link that carries no media; and it survives the new pair of a restart). Once
 * media has arrived, the same count for {@link #RESTART_GRACE_MILLIS} is a stall, recovered as a link that stayed
 * {@code disconnected} that long: restarts, with backoff, until media arrives again. The app hears nothing of it
 * (the link is still connected), and nothing is released: when no media has come for the whole disconnect interval
 * the other side is taken to send none (it stopped its tracks), and restarts stop until media comes again. A
 * participant that never sent media never looks stalled. The other side reads its bytes too, but only to hold its
 * video (below), not to watch for a stall: it cannot restart the link, and a network that drops one way drops the
 * other too.
 *
 * <p><b>Key frames</b>: a link that comes back (connected after {@code disconnected} or {@code failed}, on both
 * sides; or media arriving again after a stall, on the side that watches) sends its video on from a key frame
 * ({@link PeerConnection#sendKeyFrame}): without one the other side decodes nothing until its own request for one,
 * about 1.5 s later in Chromium.
 *
 * <p><b>Video held while the path is lost</b>: both sides read, every {@link #SAMPLE_MILLIS} from the first
 * connection on and in every state, how many bytes of any kind have arrived on the link (its transport's
 * {@code bytesReceived}: media, RTCP and the other side's congestion feedback, which comes many times a second for
 * the media this side sends). When none have come for {@link #HOLD_VIDEO_MILLIS}, the path is taken to be lost and
 * this side stops sending video on the link ({@link PeerConnection#holdVideo}) until bytes arrive again; it then
 * sends it on from a key frame. Chromium calls a lost path {@code disconnected} only 6–7 s in, and the video it
 * sends meanwhile stays in its resend history: when the path comes back, the other side asks for all of it (RTCP
 * NACK), decodes seconds-old frames, and its jitter buffer then holds the new ones for seconds (a freeze of ~3 s
 * after an 8 s outage, measured by P3 of {@code scripts/bench.sh}). Held after half a second, the history holds
 * half a second of video, and the picture comes back at once. Audio is never held: a few late audio packets do no
 * harm, and its packets are the first sign that the path is back. Not solved: an outage in a call's first seconds
 * can still leave the picture still for ~3.5 s ({@code docs/js-api.md}, "Network changes", has the figures).
 */
final class PeerSession implements PeerConnection.Events {

    // Where the call stands with this participant: int constants rather than an enum, which would cost meshcall.js
    // a class and a name table of its own.

    /** Nothing exchanged yet: a link that waits for the other side's offer, or for this user to accept. */
    static final int IDLE = 0;
    /** We sent our offer ({@code call}) and wait for the answer. */
    static final int CALLING = 1;
    /** We hold their offer; this user has not accepted yet. */
    static final int RINGING = 2;
    /** Offer and answer exchanged (or being applied): ICE and media take over. */
    static final int ANSWERED = 3;
    /** Over with this participant. Terminal. */
    static final int CLOSED = 4;


    /**
     * Candidates the browser gathers in one task leave in one signal on the next turn of the event loop; waiting
     * longer only delays connecting (the benchmark's P1 saw 10 ms cost about as much).
     */
    private static final int CANDIDATE_BATCH_MILLIS = 0;

    /** How long a link may stay {@code disconnected} before recovery restarts ICE: short drops heal by themselves. */
    static final int RESTART_GRACE_MILLIS = 2000;
    /** The first wait between two automatic restarts of one outage; it doubles up to {@link #MAX_RESTART_MILLIS}. */
    static final int FIRST_RESTART_MILLIS = 1000;
    /**
     * The longest wait between two automatic restarts: media must flow again within seconds of the network coming
     * back, and a restart is one small offer/answer.
     */
    static final int MAX_RESTART_MILLIS = 2000;
    /** How often a link that was once connected is asked how many bytes have arrived on it. */
    static final int SAMPLE_MILLIS = 250;
    /** How long nothing may arrive on a link before this side stops sending video on it. */
    static final int HOLD_VIDEO_MILLIS = 500;

    final int userId;
    private final CallSession session;
    private final VideoChat chat;
    private int phase = IDLE;
    private int signaling = SignalingState.STABLE;
    private PeerConnection connection;
    /** Our offer as made, for when it must leave before it is applied here. */
    private String offerSdp;
    /** The {@code userInfo} of the offer this participant sent us, for {@code onAcceptCallListener}. */
    private Object offerExtension;
    /** Remote candidates that arrived before the remote description was set. */
    private final SmallList<Object> pendingRemoteCandidates = new SmallList<>();
    /** Local candidates gathered but not sent yet (they leave in one batch). */
    private final SmallList<Object> pendingLocalCandidates = new SmallList<>();
    /**
     * Local candidates gathered while our offer is unanswered: held until their answer ({@link #onAccept}) and sent
     * right after it, since the seed's own clients drop every candidate that arrives before their user accepts
     * ({@code docs/protocol.md}, "Candidates"), as their own callers never send one before the answer.
     */
    private final SmallList<Object> heldLocalCandidates = new SmallList<>();
    private Scheduler.Cancellable candidateFlush;
    /**
     * Whether our answer is made or being set: the exchange counts as {@link SignalingState#STABLE} from the moment
     * it is asked for, but the browser is not stable before it is set, so a copy of the restart offer it answers
     * (sent again while our answer travelled) must not be applied meanwhile: applied between the two, it would leave
     * the browser stable when its own answer is asked for.
     */
    private boolean answering;
    private Scheduler.Cancellable redialTimer;
    /** When we give up on this participant: no answer to our offer, or no offer from them. */
    private Scheduler.Cancellable deadline;
    private Scheduler.Cancellable disconnectTimer;
    /** The next automatic ICE restart while the link is down; {@code null} while it is up. */
    private Scheduler.Cancellable restartTimer;
    private int restartWaitMillis;
    /** Whether this side made the link's offer, and so is the side that restarts ICE on it. */
    private boolean offerer;
    /** Whether the link was ever connected: a restart's checks are then not reported as CONNECTING. */
    private boolean wasConnected;
    /** Asks for the app's stats report every {@code statsReportTimeInterval}; {@code null} until first connected. */
    private Scheduler.Cancellable statsTimer;
    /** Reads the bytes received on the link; {@code null} until it is first connected. */
    private Scheduler.Cancellable sampler;
    /** The media bytes received at the last reading. */
    private double inboundBytes;
    /** The bytes of any kind received at the last reading. */
    private double pathBytes;
    /** For how long no bytes of any kind have arrived. */
    private int pathQuietMillis;
    /** Whether this side's video is held because nothing arrives ({@link PeerConnection#holdVideo}). */
    private boolean videoHeld;
    /** Whether media has arrived since the link was last given up as sending none: only then can it stall. */
    private boolean mediaArrived;
    /** For how long the media bytes have not grown while connected. */
    private int quietMillis;
    private int connectionState = SessionConnectionState.UNDEFINED;
    /** Their media, once the browser has it. */
    private Object remoteStream;
    private boolean remoteStreamReported;
    /** Their mute state as their SDK last told it: audio, video. */
    private boolean remoteAudioMuted;
    private boolean remoteVideoMuted;

    PeerSession(CallSession session, int userId) {
        this.session = session;
        this.chat = session.chat();
        this.userId = userId;
    }

    int phase() {
        return phase;
    }

    boolean isClosed() {
        return phase == CLOSED;
    }

    /** Whether anything was exchanged with this participant and the link is not over: it keeps the session open. */
    boolean isLive() {
        return phase != IDLE && phase != CLOSED;
    }

    /** Their media once the app heard of it ({@code onRemoteStream}); {@code null} before and once closed. */
    Object remoteStream() {
        return remoteStreamReported ? remoteStream : null;
    }

    /** A {@link SessionConnectionState}, derived from the browser's ICE connection state. */
    int connectionState() {
        return connectionState;
    }

    /** The W3C stats of the connection, or {@code null} when there is none. */
    Object stats() {
        return connection == null ? null : connection.getStats();
    }

    /** Makes the link's peer connection; a mute state already set travels on it once it is open. */
    private void connect() {
        connection = chat.createPeerConnection(this);
        if (session.isMutedForOthers("audio") || session.isMutedForOthers("video")) {
            sendMuteState();
        }
    }

    /** Tells them this user's mute state (on the connection's data channel, once it is open). */
    void sendMuteState() {
        if (connection != null) {
            connection.sendMuteState(session.isMutedForOthers("audio"), session.isMutedForOthers("video"));
        }
    }

    /** Their mute state: the app hears each kind that changed, once this user is in the call with them. */
    @Override
    public void onRemoteMuteState(boolean audioMuted, boolean videoMuted) {
        if (isClosed()) {
            return;
        }
        if (audioMuted != remoteAudioMuted) {
            remoteAudioMuted = audioMuted;
            session.fireMute(userId, "audio", audioMuted);
        }
        if (videoMuted != remoteVideoMuted) {
            remoteVideoMuted = videoMuted;
            session.fireMute(userId, "video", videoMuted);
        }
    }

    /** Sends {@code track} instead of the one of {@code kind} (or on its empty sender), without a new offer. */
    void replaceTrack(String kind, Object track) {
        if (connection != null) {
            connection.replaceTrack(kind, track);
        }
    }

    /** Caps our video to them, once connected; {@code null} when not connected (the cap applies when it is). */
    Object setMaxBandwidth(int kbps) {
        if (connection != null && SessionConnectionState.isConnected(connectionState)) {
            return connection.setMaxBandwidth(kbps);
        }
        return null;
    }

    // ---- the offer: we call this participant ----

    /**
     * Makes our offer and sends it as {@code call} the moment it exists, while it is applied here (as an answer is,
     * {@link #makeAnswer}); again every dialing interval (with the local description as it stands then, which holds
     * the candidates gathered so far) until they answer, and gives up after the answer interval. An offer
     * {@linkplain #prepareOffer prepared} while the call rang here leaves now. Our candidates wait for their answer.
     */
    void offer() {
        movePhase(CALLING);
        if (connection == null) {
            prepareOffer(session.localStream());
        } else {
            connection.addLocalStream(session.localStream());
            if (offerSdp != null) {
                sendCall(offerSdp);
            }
            flushLocalCandidatesSoon();
        }
        redialTimer = schedule(chat.config().dialingMillis(), PeerTask.REDIAL);
        deadline = schedule(chat.config().answerMillis(), PeerTask.GIVE_UP);
    }

    /**
     * Makes our offer, with {@code stream}'s tracks; {@code null}: while the call rings here, the offer to a callee
     * this user will offer to ({@link MeshPlan}), before this user has chosen the media. Every offer has one audio
     * and one video sender, with no track where there is none yet (so an audio call can share a screen later).
     * Accepting then sends it at once ({@link #offer}) instead of starting to make it. Its candidates are gathered
     * meanwhile, but nothing leaves before: no offer, no candidate (so no address), and only the device that accepts
     * sends one.
     */
    void prepareOffer(Object stream) {
        offerer = true;
        connect();
        connection.reserveSenders(session.callType() == CallSession.VIDEO);
        if (stream != null) {
            connection.addLocalStream(stream);
        }
        negotiate(SignalingState.HAVE_LOCAL_OFFER);
        connection.createOffer(false, step("create the offer for", PeerTask.SEND_CALL),
                step("apply the offer to", PeerTask.DONE));
    }

    private void redial() {
        redialTimer = schedule(chat.config().dialingMillis(), PeerTask.REDIAL);
        if (connection.localSdp() != null) {
            sendCall(connection.localSdp());
        }
    }

    private void sendCall(String sdp) {
        offerSdp = sdp;
        if (phase == CALLING) {
            chat.send(userId, session.signal(CallSignal.CALL).sdp(sdp).userInfo(session.offerExtension()));
        }
    }

    /**
     * Their answer ({@code accept}) to our offer: applied, the candidates we held while it was awaited sent (the
     * seed's own clients would have dropped them before), and the app told that they joined.
     */
    void onAccept(String sdp, Object extension) {
        if (phase != CALLING) {
            chat.log().info(session.ignoring(CallSignal.ACCEPT, userId, "peer is " + phaseName(phase)));
            return;
        }
        movePhase(ANSWERED);
        stopTimers();
        expectConnected();
        negotiate(SignalingState.STABLE);
        connection.setRemoteDescription(false, sdp, step("apply the answer of", PeerTask.ADD_CANDIDATES));
        sendHeldCandidates();
        session.fire(Listeners.ACCEPT_CALL, userId, extension);
    }

    // ---- the answer: this participant calls us ----

    /**
     * Keeps their offer ({@code call}): the peer connection is made and given it now, so that accepting has only the
     * answer left to make; no local candidate is gathered (and so no address revealed) before the local user
     * accepts. Answered at once when the user already has.
     */
    void takeOffer(String sdp, Object extension) {
        movePhase(RINGING);
        offerExtension = extension;
        connect();
        negotiate(SignalingState.HAVE_REMOTE_OFFER);
        connection.setRemoteDescription(true, sdp, step("apply the offer of", PeerTask.OFFER_APPLIED));
        if (session.isAccepted()) {
            answer();
        }
    }

    private void onOfferApplied() {
        addPendingRemoteCandidates();
        if (phase == ANSWERED) {
            makeAnswer(PeerTask.SEND_ACCEPT);
        }
    }

    /** The local user accepted: their offer is answered as soon as it is applied here. */
    void answer() {
        movePhase(ANSWERED);
        stopTimers();
        expectConnected();
        reportRemoteStream();
        connection.addLocalStream(session.localStream());
        if (connection.hasRemoteDescription()) {
            makeAnswer(PeerTask.SEND_ACCEPT);
        }
    }

    /**
     * Makes the answer and sends it ({@code send}: {@link PeerTask#SEND_ACCEPT}, or
     * {@link PeerTask#SEND_RESTART_ACCEPT}) the moment it exists: the other side applies it while this side applies
     * it too, instead of after (JSEP allows it; the answer's text does not change when applied).
     */
    private void makeAnswer(int send) {
        negotiate(SignalingState.STABLE);
        answering = true;
        connection.createAnswer(step("create the answer for", send),
                step("apply the answer to", PeerTask.ANSWER_APPLIED));
    }

    /** A callee that offered to us has accepted the call itself: the app hears it with our first answer. */
    private void onAnswerMade(String type, String sdp) {
        CallSignal answer = session.signal(type).sdp(sdp);
        if (type.equals(CallSignal.ACCEPT)) {
            chat.send(userId, answer.userInfo(session.acceptExtension()));
            if (userId != session.initiatorId()) {
                session.fire(Listeners.ACCEPT_CALL, userId, offerExtension);
            }
        } else {
            chat.send(userId, answer);
        }
    }

    /**
     * This user accepted, and it is this participant's turn to offer ({@link MeshPlan}): if no offer comes within
     * the answer and dialing intervals, they did not join.
     */
    void expectOffer() {
        deadline = schedule(chat.config().answerMillis() + chat.config().dialingMillis(), PeerTask.GIVE_UP);
    }

    /** No answer to our offer, or no offer from them, in time: the app hears that this user did not answer. */
    private void giveUp() {
        deadline = null;
        if (phase == CALLING) {
            chat.send(userId, session.signal(CallSignal.HANG_UP));
        }
        session.fire(Listeners.USER_NOT_ANSWER, userId, null);
        close();
        session.closeIfNobodyLeft(CloseReason.ENDED);
    }

    // ---- ICE restart: a new offer with fresh ICE credentials on a link that is up ----

    /** Whether this side may restart ICE on this link (the seed's {@code canInitiateIceRestart}). */
    boolean canInitiateIceRestart() {
        return offerer && phase == ANSWERED;
    }

    /**
     * Sends an ICE restart offer ({@code iceRestart}); while one is still unanswered, sends that one again, since
     * its answer may have been lost with the network.
     *
     * @throws IllegalStateException when this side cannot restart this link, saying why
     */
    void iceRestart() {
        if (!canInitiateIceRestart()) {
            throw new IllegalStateException("cannot restart ICE with user " + userId + ": " + (phase != ANSWERED
                    ? "the link is " + phaseName(phase) : "user " + userId + " made the offer, so restarts it"));
        }
        if (signaling == SignalingState.STABLE) {
            negotiate(SignalingState.HAVE_LOCAL_OFFER);
            connection.createOffer(true, step("create the ICE restart for", PeerTask.SEND_ICE_RESTART),
                    step("apply the ICE restart to", PeerTask.DONE));
        } else if (connection.localSdp() != null) {
            sendIceRestart(connection.localSdp());
        }
    }

    private void sendIceRestart(String sdp) {
        chat.send(userId, session.signal(CallSignal.ICE_RESTART).sdp(sdp));
    }

    /** Their answer ({@code iceRestartAccept}) to our restart: applied; a late copy of one applied is ignored. */
    void onIceRestartAccept(String sdp) {
        if (signaling != SignalingState.HAVE_LOCAL_OFFER || phase != ANSWERED) {
            chat.log().info(session.ignoring(CallSignal.ICE_RESTART_ACCEPT, userId, "no ICE restart is unanswered"));
            return;
        }
        negotiate(SignalingState.STABLE);
        connection.setRemoteDescription(false, sdp, step("apply the ICE restart answer of", PeerTask.DONE));
    }

    /** Applies their ICE restart offer and answers it with {@code iceRestartAccept}. */
    void onIceRestart(String sdp) {
        if (phase != ANSWERED || signaling != SignalingState.STABLE || answering) {
            // A copy of a restart offer still being answered is expected (it was sent again); anything else is wrong.
            String why = session.ignoring(CallSignal.ICE_RESTART, userId, "the link is " + phaseName(phase)
                    + " in " + SignalingState.name(signaling));
            if (phase == ANSWERED) {
                chat.log().info(why);
            } else {
                chat.log().error(why);
            }
            return;
        }
        negotiate(SignalingState.HAVE_REMOTE_OFFER);
        connection.setRemoteDescription(true, sdp, step("apply the ICE restart of", PeerTask.ANSWER_ICE_RESTART));
    }

    // ---- candidates ----

    void onRemoteCandidates(Object[] candidates) {
        for (Object candidate : candidates) {
            if (connection != null && connection.hasRemoteDescription()) {
                connection.addIceCandidate(candidate);
            } else {
                pendingRemoteCandidates.add(candidate);
            }
        }
    }

    private void addPendingRemoteCandidates() {
        for (Object candidate : pendingRemoteCandidates.takeFirst(Integer.MAX_VALUE)) {
            connection.addIceCandidate(candidate);
        }
    }

    @Override
    public void onIceCandidate(Object candidate) {
        if (isClosed()) {
            return;
        }
        pendingLocalCandidates.add(candidate);
        flushLocalCandidatesSoon();
    }

    /** Sends the held local candidates in a batch shortly; they stay held while an offer is only prepared. */
    private void flushLocalCandidatesSoon() {
        if (candidateFlush == null && phase != IDLE) {
            candidateFlush = schedule(CANDIDATE_BATCH_MILLIS, PeerTask.FLUSH_CANDIDATES);
        }
    }

    /** Sends the local candidates gathered so far; while our offer is unanswered they wait for the answer. */
    private void flushLocalCandidates() {
        candidateFlush = null;
        while (!pendingLocalCandidates.isEmpty()) {
            Object[] batch = pendingLocalCandidates.takeFirst(Limits.MAX_CANDIDATES_PER_SIGNAL);
            if (phase == CALLING) {
                for (Object candidate : batch) {
                    heldLocalCandidates.add(candidate);
                }
            } else {
                sendCandidates(batch);
            }
        }
    }

    private void sendCandidates(Object[] batch) {
        chat.send(userId, session.signal(CallSignal.ICE_CANDIDATES).iceCandidates(batch));
    }

    /** The candidates held while our offer was unanswered, now that the other side has answered. */
    private void sendHeldCandidates() {
        while (!heldLocalCandidates.isEmpty()) {
            sendCandidates(heldLocalCandidates.takeFirst(Limits.MAX_CANDIDATES_PER_SIGNAL));
        }
    }

    // ---- connection and media ----

    @Override
    public void onIceConnectionStateChange(String ice) {
        if (isClosed()) {
            return;
        }
        int next = SessionConnectionState.fromIce(ice);
        if (next == SessionConnectionState.CONNECTING && wasConnected) {
            // A restart's checks: to the app the link stays down until it is CONNECTED again.
            return;
        }
        boolean wasDown = connectionState == SessionConnectionState.DISCONNECTED
                || connectionState == SessionConnectionState.FAILED;
        reportConnectionState(next);
        if (SessionConnectionState.isConnected(next)) {
            wasConnected = true;
            stopRecovery();
            if (wasDown) {
                connection.sendKeyFrame();
            }
            quietMillis = 0;
            if (sampler == null) {
                sampler = schedule(SAMPLE_MILLIS, PeerTask.SAMPLE_INBOUND_BYTES);
            }
            if (statsTimer == null && chat.config().statsReportTimeInterval() > 0) {
                statsTimer = schedule(statsMillis(), PeerTask.REPORT_STATS);
            }
            if (session.maxBandwidth() > 0) {
                connection.setMaxBandwidth(session.maxBandwidth());
            }
        } else if (next == SessionConnectionState.DISCONNECTED || next == SessionConnectionState.FAILED) {
            if (disconnectTimer == null) {
                disconnectTimer = schedule(chat.config().disconnectMillis(), PeerTask.RELEASE);
            }
            if (restartTimer == null && offerer && chat.config().autoIceRestart()) {
                restartTimer = schedule(next == SessionConnectionState.FAILED ? 0 : RESTART_GRACE_MILLIS,
                        PeerTask.RECOVER);
            }
        }
    }

    /**
     * One attempt of automatic recovery: the signaling connection asked to prove it is alive, an ICE restart sent
     * if it is up (else {@link #onSignalingBack} comes when it is), and the next attempt scheduled after a wait that
     * doubles.
     */
    private void recover() {
        restartWaitMillis = restartWaitMillis == 0 ? FIRST_RESTART_MILLIS
                : Math.min(restartWaitMillis * 2, MAX_RESTART_MILLIS);
        restartTimer = schedule(restartWaitMillis, PeerTask.RECOVER);
        if (chat.checkSignaling() && canInitiateIceRestart()) {
            iceRestart();
        }
    }

    /** Signaling is back after it was lost: a link that is recovering restarts at once instead of at its next try. */
    void onSignalingBack() {
        if (restartTimer != null) {
            restartTimer.cancel();
            recover();
        }
    }

    private int statsMillis() {
        return (int) (chat.config().statsReportTimeInterval() * 1000);
    }

    /** The next stats report; asked for only while the link is connected. */
    private void reportStats() {
        statsTimer = schedule(statsMillis(), PeerTask.REPORT_STATS);
        if (SessionConnectionState.isConnected(connectionState)) {
            connection.requestStatsReport();
        }
    }

    @Override
    public void onStatsReport(Object stats) {
        if (!isClosed()) {
            session.fire(Listeners.STATS_REPORT, userId, stats);
        }
    }

    /** The next reading of the bytes received, in every state once the link was connected. */
    private void sampleInboundBytes() {
        sampler = schedule(SAMPLE_MILLIS, PeerTask.SAMPLE_INBOUND_BYTES);
        connection.requestInboundBytes();
    }

    /**
     * A reading of the bytes received: video held while nothing arrives on the link, and sent again when something
     * does; on the side that restarts the link, media that arrived ends a stall's recovery and none for the grace
     * period while connected is one.
     */
    @Override
    public void onInboundBytes(double media, double path) {
        if (isClosed()) {
            return;
        }
        holdVideoWhilePathIsLost(path);
        if (offerer && chat.config().autoIceRestart() && SessionConnectionState.isConnected(connectionState)) {
            watchForStall(media);
        }
    }

    private void holdVideoWhilePathIsLost(double path) {
        if (path != pathBytes) {
            pathBytes = path;
            pathQuietMillis = 0;
            if (videoHeld) {
                videoHeld = false;
                connection.holdVideo(false);
            }
            return;
        }
        pathQuietMillis += SAMPLE_MILLIS;
        if (pathQuietMillis >= HOLD_VIDEO_MILLIS && !videoHeld && path > 0) {
            chat.log().info("session " + session.id() + ": nothing from user " + userId + ": video held");
            videoHeld = true;
            connection.holdVideo(true);
        }
    }

    private void watchForStall(double media) {
        if (media != inboundBytes) {
            inboundBytes = media;
            mediaArrived = true;
            quietMillis = 0;
            if (restartTimer != null) {
                // A stall is over: the other side can decode this side's video again from a key frame.
                connection.sendKeyFrame();
            }
            stopRecovery();
            return;
        }
        if (!mediaArrived) {
            return;
        }
        quietMillis += SAMPLE_MILLIS;
        if (quietMillis >= chat.config().disconnectMillis()) {
            // The other side sends nothing (it stopped its tracks): no more restarts until media comes again.
            stopRecovery();
        } else if (quietMillis >= RESTART_GRACE_MILLIS && restartTimer == null) {
            chat.log().info("session " + session.id() + ": user " + userId + " sent no media for " + quietMillis
                    + " ms while connected: restarting ICE");
            recover();
        }
    }

    private void stopRecovery() {
        if (disconnectTimer != null) {
            disconnectTimer.cancel();
            disconnectTimer = null;
        }
        if (restartTimer != null) {
            restartTimer.cancel();
            restartTimer = null;
        }
        restartWaitMillis = 0;
    }

    /**
     * Offer and answer are exchanged: the link must connect within the disconnect interval, as a link that went down
     * must come back within it. Without this a link whose every path fails (no TURN server, or one that refuses the
     * credentials) would hang in {@code checking}.
     */
    private void expectConnected() {
        if (disconnectTimer == null) {
            disconnectTimer = schedule(chat.config().disconnectMillis(), PeerTask.RELEASE);
        }
    }

    /**
     * The link did not connect, or stayed down, for the whole disconnect interval: FAILED, then released (CLOSED) on
     * both sides.
     */
    private void release() {
        disconnectTimer = null;
        String why = wasConnected ? " stayed " + SessionConnectionState.name(connectionState) + " for "
                : " did not connect within ";
        reportConnectionState(SessionConnectionState.FAILED);
        fail("user " + userId + why + chat.config().disconnectMillis() + " ms");
    }

    /**
     * The browser has their media as soon as their offer is applied, while the call still rings here: the app
     * hears of it once this user has answered, and only once.
     */
    @Override
    public void onRemoteStream(Object stream) {
        remoteStream = stream;
        reportRemoteStream();
    }

    private void reportRemoteStream() {
        if (phase == ANSWERED && remoteStream != null && !remoteStreamReported) {
            remoteStreamReported = true;
            session.fire(Listeners.REMOTE_STREAM, userId, remoteStream);
        }
    }

    private void reportConnectionState(int next) {
        if (connectionState != next) {
            connectionState = next;
            chat.listeners().fire(Listeners.CONNECTION_STATE_CHANGED, session, userId, next, null);
        }
    }

    // ---- the end ----

    /** This user leaves: {@code hangUp} (with the app's {@code extension}) to a participant we exchanged with. */
    void hangUp(Object extension) {
        if (isLive()) {
            chat.send(userId, session.signal(CallSignal.HANG_UP).userInfo(extension));
        }
        close();
    }

    /** Something the browser was asked failed, or the link stayed down: the link ends on both sides. */
    void fail(String why) {
        if (isClosed()) {
            return;
        }
        chat.log().error("session " + session.id() + ": " + why);
        if (isLive()) {
            chat.send(userId, session.signal(CallSignal.HANG_UP));
        }
        close();
        session.closeIfNobodyLeft(CloseReason.FAILED);
    }

    /** Ends the link here: timers cancelled, connection closed, {@code CLOSED} reported if a state was. */
    void close() {
        if (isClosed()) {
            return;
        }
        stopTimers();
        if (candidateFlush != null) {
            candidateFlush.cancel();
            candidateFlush = null;
        }
        stopRecovery();
        if (sampler != null) {
            sampler.cancel();
        }
        if (statsTimer != null) {
            statsTimer.cancel();
        }
        pendingLocalCandidates.clear();
        heldLocalCandidates.clear();
        pendingRemoteCandidates.clear();
        if (connection != null) {
            connection.close();
            connection = null;
            remoteStream = null;
        }
        movePhase(CLOSED);
        signaling = SignalingState.CLOSED;
        if (connectionState != SessionConnectionState.UNDEFINED) {
            reportConnectionState(SessionConnectionState.CLOSED);
        }
    }

    private void stopTimers() {
        if (redialTimer != null) {
            redialTimer.cancel();
            redialTimer = null;
        }
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    // ---- transitions ----

    /** The transition table of {@link #phase}. */
    static boolean canMove(int from, int to) {
        switch (from) {
            case IDLE:
                return to == CALLING || to == RINGING || to == CLOSED;
            case CALLING:
            case RINGING:
                return to == ANSWERED || to == CLOSED;
            case ANSWERED:
                return to == CLOSED;
            default:
                return false;
        }
    }

    /** The name of the phase constant {@code phase}, for messages. */
    static String phaseName(int phase) {
        // Made on each call, for messages only (as SessionState's names are): no static field to initialize.
        return new String[] {"IDLE", "CALLING", "RINGING", "ANSWERED", "CLOSED"}[phase];
    }

    /**
     * Moves the call with this participant to {@code next}: a no-op on the same phase.
     *
     * @throws IllegalStateException naming both phases when the move is not allowed
     */
    private void movePhase(int next) {
        if (next != phase && !canMove(phase, next)) {
            throw CallSession.illegalMove("peer " + userId, phaseName(phase), phaseName(next));
        }
        phase = next;
    }

    /**
     * Moves the offer/answer exchange to {@code next} before the description that makes that move is set.
     *
     * @throws IllegalStateException naming both states when JSEP does not allow it
     */
    private void negotiate(int next) {
        if (!SignalingState.canMove(signaling, next)) {
            throw CallSession.illegalMove("peer " + userId + ": signaling", SignalingState.name(signaling),
                    SignalingState.name(next));
        }
        signaling = next;
    }

    // ---- what the link waits for ----

    /** A timer of this link that runs {@code task}, a {@link PeerTask} constant. */
    private Scheduler.Cancellable schedule(int delayMillis, int task) {
        return chat.scheduler().schedule(delayMillis, new PeerTask(this, task, null));
    }

    /**
     * The {@link Result} of one browser operation ({@code what} it does, for the message when it fails): on success
     * {@code then}, a {@link PeerTask} constant, runs; a failure ends the link, saying why.
     */
    private Result<Object> step(String what, int then) {
        return new PeerTask(this, then, what);
    }

    /**
     * Does {@code task}, a {@link PeerTask} constant, when its timer fires or its browser operation succeeds
     * ({@code sdp}: the description the operation made, if any). Nothing runs once the link is closed: a success
     * that comes after it is dropped.
     */
    void run(int task, String sdp) {
        if (isClosed()) {
            return;
        }
        switch (task) {
            case PeerTask.REDIAL:
                redial();
                break;
            case PeerTask.GIVE_UP:
                giveUp();
                break;
            case PeerTask.RECOVER:
                recover();
                break;
            case PeerTask.RELEASE:
                release();
                break;
            case PeerTask.FLUSH_CANDIDATES:
                flushLocalCandidates();
                break;
            case PeerTask.SAMPLE_INBOUND_BYTES:
                sampleInboundBytes();
                break;
            case PeerTask.REPORT_STATS:
                reportStats();
                break;
            case PeerTask.SEND_CALL:
                sendCall(sdp);
                break;
            case PeerTask.ADD_CANDIDATES:
                addPendingRemoteCandidates();
                break;
            case PeerTask.OFFER_APPLIED:
                onOfferApplied();
                break;
            case PeerTask.SEND_ACCEPT:
                onAnswerMade(CallSignal.ACCEPT, sdp);
                break;
            case PeerTask.SEND_RESTART_ACCEPT:
                onAnswerMade(CallSignal.ICE_RESTART_ACCEPT, sdp);
                break;
            case PeerTask.SEND_ICE_RESTART:
                sendIceRestart(sdp);
                break;
            case PeerTask.ANSWER_APPLIED:
                answering = false;
                break;
            case PeerTask.ANSWER_ICE_RESTART:
                makeAnswer(PeerTask.SEND_RESTART_ACCEPT);
                break;
            default:
                // PeerTask.DONE: nothing follows.
        }
    }
}
