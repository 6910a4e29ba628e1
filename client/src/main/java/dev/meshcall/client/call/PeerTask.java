package dev.meshcall.client.call;

import dev.meshcall.client.rtc.Result;

/**
 * Something a {@link PeerSession} is waiting for: one of its link's timers (a {@link Runnable} for the
 * {@link Scheduler}), or the outcome of one browser operation (a {@link Result} for the peer connection). Which one
 * is a constant of {@link PeerSession}, and {@link PeerSession#run} does it.
 *
 * <p>One class for all of them rather than a lambda per timer and per operation: in {@code meshcall.js} every lambda
 * is a class of its own, and the SDK's size is budgeted (as {@link Listeners} does for events).
 */
final class PeerTask implements Runnable, Result<Object> {
    // The link's timers.

    /** Our offer is still unanswered: send it again. */
    static final int REDIAL = 0;
    /** No answer to our offer, or no offer from them, in time. */
    static final int GIVE_UP = 1;
    /** The next attempt of automatic recovery. */
    static final int RECOVER = 2;
    /** The link did not connect, or stayed down, for the whole disconnect interval. */
    static final int RELEASE = 3;
    /** Send the local candidates gathered so far. */
    static final int FLUSH_CANDIDATES = 4;
    /** Read how many media bytes have arrived (stall detection). */
    static final int SAMPLE_INBOUND_BYTES = 13;
    /** Ask for the stats the app hears every {@code statsReportTimeInterval}. */
    static final int REPORT_STATS = 14;

    // What follows a browser operation that succeeded.

    /** Nothing: applying a description worked. */
    static final int DONE = 5;
    /** Our offer exists: send it ({@code call}). */
    static final int SEND_CALL = 6;
    /** Our ICE restart offer exists: send it ({@code iceRestart}). */
    static final int SEND_ICE_RESTART = 7;
    /** Our answer exists: send it ({@code accept}). */
    static final int SEND_ACCEPT = 8;
    /** Our answer to their ICE restart exists: send it ({@code iceRestartAccept}). */
    static final int SEND_RESTART_ACCEPT = 9;
    /** Their answer is applied: the candidates that waited for it can be added. */
    static final int ADD_CANDIDATES = 10;
    /** Their offer is applied: the candidates that waited for it are added, and it is answered if accepted. */
    static final int OFFER_APPLIED = 11;
    /** Their ICE restart offer is applied: answer it. */
    static final int ANSWER_ICE_RESTART = 12;
    /** Our answer is set: the link takes a new offer again. */
    static final int ANSWER_APPLIED = 15;

    private final PeerSession peer;
    private final int task;
    /** For an operation: what it did, for the message when it fails ("create the offer for"). */
    private final String what;

    PeerTask(PeerSession peer, int task, String what) {
        this.peer = peer;
        this.task = task;
        this.what = what;
    }

    /** The timer fired. */
    @Override
    public void run() {
        peer.run(task, null);
    }

    /** The operation succeeded; {@code sdp} is the description it made, if any. */
    @Override
    public void succeeded(Object sdp) {
        peer.run(task, (String) sdp);
    }

    /** The operation failed: the link ends on both sides, saying why. */
    @Override
    public void failed(String error) {
        peer.fail("cannot " + what + " user " + peer.userId + ": " + error);
    }
}
