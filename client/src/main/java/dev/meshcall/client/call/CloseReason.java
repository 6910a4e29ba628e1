package dev.meshcall.client.call;

/**
 * Why a {@link CallSession} closed ({@code session.closeReason} in JavaScript), so that a page can say what happened
 * instead of guessing from the last listener it saw. Strings, so the JavaScript face hands them out as they are.
 */
public final class CloseReason {
    /** This user hung up ({@code session.stop}). */
    public static final String STOPPED = "stopped";
    /** This user declined the ringing call ({@code session.reject}). */
    public static final String REJECTED = "rejected";
    /** This user accepted the call on another device (tab) of theirs, which now carries it. */
    public static final String ACCEPTED_ELSEWHERE = "acceptedElsewhere";
    /** This user declined the call on another device (tab) of theirs. */
    public static final String REJECTED_ELSEWHERE = "rejectedElsewhere";
    /** Every other participant left, declined or did not answer (or the caller withdrew a ringing call). */
    public static final String ENDED = "ended";
    /** A ringing call had no word from its caller for the answer and dialing intervals. */
    public static final String RINGING_TIMEOUT = "ringingTimeout";
    /**
     * Glare: this call rang while this user called its caller, and the two are one call now, carried on by the
     * session of this user's own call.
     */
    public static final String REPLACED = "replaced";
    /** The last link failed: the browser refused a description, or the connection stayed down. */
    public static final String FAILED = "failed";

    private CloseReason() {
    }
}
