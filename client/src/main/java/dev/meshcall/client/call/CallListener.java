package dev.meshcall.client.call;

/**
 * The seed's {@code videochat.on…Listener} callbacks, as one Java listener interface whose methods all default to
 * doing nothing. Register with {@link VideoChat#addListener}; one listener that throws does not stop the others.
 * Every {@code extension} is the sender's {@code userInfo} as the signaling layer gives it (a JavaScript object in
 * the page), or {@code null} when the signal carried none.
 */
public interface CallListener {

    /** Someone calls: fired once per session (not per re-dial), while it rings. */
    default void onCall(CallSession session, Object extension) {
    }

    /** An opponent accepted. */
    default void onAcceptCall(CallSession session, int userId, Object extension) {
    }

    /** An opponent rejected ({@code extension.busy} is true when it was automatic). */
    default void onRejectCall(CallSession session, int userId, Object extension) {
    }

    /** An opponent hung up, or the caller cancelled while ringing. */
    default void onStopCall(CallSession session, int userId, Object extension) {
    }

    /** An opponent did not answer within the answer interval. */
    default void onUserNotAnswer(CallSession session, int userId) {
    }

    /** The opponent's media arrived: once per peer, with the browser's {@code MediaStream}. */
    default void onRemoteStream(CallSession session, int userId, Object stream) {
    }

    /** A peer's connection state changed: {@code state} is a {@link SessionConnectionState} constant. */
    default void onSessionConnectionStateChanged(CallSession session, int userId, int state) {
    }

    /**
     * A participant muted or unmuted their {@code kind} ({@code "audio"} or {@code "video"}), as their SDK told this
     * one over the link's data channel ({@code docs/protocol.md}, "Mute state"). Beyond the seed's SDK.
     */
    default void onRemoteMute(CallSession session, int userId, String kind, boolean muted) {
    }

    /**
     * Every {@code statsReportTimeInterval} while the link to {@code userId} is connected: {@code stats} is what
     * {@link dev.meshcall.client.rtc.PeerConnection.Events#onStatsReport} gave (in the page, a summary with the raw
     * report in it). Beyond the seed's SDK.
     */
    default void onCallStatsReport(CallSession session, int userId, Object stats) {
    }

    /** The session is over for every peer. */
    default void onSessionClose(CallSession session) {
    }
}
