package dev.meshcall.client.signaling;

/**
 * One call signal as the SDK handles it ({@code docs/protocol.md}, "The signal"): the wire's fields as plain values,
 * with the free-form parts ({@code userInfo}, the candidates) kept as the browser's own objects in a
 * {@link dev.meshcall.client.BrowserValue} box, opaque here. The protocol module's {@code Signal} says the same with
 * Java collections; the SDK keeps its own plain form so that {@code meshcall.js} carries no collection or
 * number-formatting code (see {@code FrameCheck}).
 */
public final class CallSignal {
    /** Invite the opponents; carries the offer. */
    public static final String CALL = "call";
    /** The callee takes the call; carries the answer. */
    public static final String ACCEPT = "accept";
    /** The callee declines (or is busy). */
    public static final String REJECT = "reject";
    /** A participant leaves, or the caller cancels while ringing. */
    public static final String HANG_UP = "hangUp";
    /** Trickled ICE candidates, batched. */
    public static final String ICE_CANDIDATES = "iceCandidates";
    /** A new offer with fresh ICE credentials. */
    public static final String ICE_RESTART = "iceRestart";
    /** The answer to an ICE restart. */
    public static final String ICE_RESTART_ACCEPT = "iceRestartAccept";

    private final String type;
    private final String sessionId;
    private int callType;
    private int callerId;
    private int[] opponentsIds = new int[0];
    private String sdp;
    private String platform;
    private Object userInfo;
    private Object[] iceCandidates;
    private int maxBandwidth;

    /**
     * @param type      the wire name, one of the constants of this class
     * @param sessionId the wire's {@code sessionID}
     */
    public CallSignal(String type, String sessionId) {
        this.type = type;
        this.sessionId = sessionId;
    }

    /** The wire's {@code signalType}: one of the constants of this class. */
    public String type() {
        return type;
    }

    public String sessionId() {
        return sessionId;
    }

    /** 1 video, 2 audio; 0 when not carried. */
    public int callType() {
        return callType;
    }

    public CallSignal callType(int value) {
        callType = value;
        return this;
    }

    /** The wire's {@code callerID}: the session's initiator; 0 when not carried. */
    public int callerId() {
        return callerId;
    }

    public CallSignal callerId(int value) {
        callerId = value;
        return this;
    }

    /** The wire's {@code opponentsIDs}; empty when not carried. Not to be changed by the caller. */
    public int[] opponentsIds() {
        return opponentsIds;
    }

    public CallSignal opponentsIds(int[] value) {
        opponentsIds = value;
        return this;
    }

    /** Whether {@code userId} is among {@link #opponentsIds()}. */
    public boolean hasOpponent(int userId) {
        for (int id : opponentsIds) {
            if (id == userId) {
                return true;
            }
        }
        return false;
    }

    /** The offer or answer, or {@code null}. */
    public String sdp() {
        return sdp;
    }

    public CallSignal sdp(String value) {
        sdp = value;
        return this;
    }

    /** The sender's platform ({@code web}), or {@code null}. */
    public String platform() {
        return platform;
    }

    public CallSignal platform(String value) {
        platform = value;
        return this;
    }

    /** The sender's {@code extension}: a flat object in the browser, opaque here; {@code null} when not carried. */
    /**
     * The {@code maxBandwidth} of the {@code userInfo} (kbit/s), as the signaling layer read it: on a {@code call},
     * the caller's cap on every participant's video; 0 for none.
     */
    public int maxBandwidth() {
        return maxBandwidth;
    }

    public CallSignal maxBandwidth(int kbps) {
        maxBandwidth = kbps;
        return this;
    }

    public Object userInfo() {
        return userInfo;
    }

    public CallSignal userInfo(Object value) {
        userInfo = value;
        return this;
    }

    /** The candidates of an {@code iceCandidates} signal (browser objects, opaque here), or {@code null}. */
    public Object[] iceCandidates() {
        return iceCandidates;
    }

    public CallSignal iceCandidates(Object[] value) {
        iceCandidates = value;
        return this;
    }
}
