package dev.meshcall.protocol;

/**
 * The call signals of the seed's system. Each constant keeps its wire name beside it.
 */
public enum SignalType {
    /** Invite the opponents; carries the offer. Re-sent every dialing interval until answered. */
    CALL("call"),
    /** The callee takes the call; carries the answer. */
    ACCEPT("accept"),
    /** The callee declines (or is busy). */
    REJECT("reject"),
    /** A participant leaves, or the caller cancels while ringing. */
    HANG_UP("hangUp"),
    /** Trickled ICE candidates, batched. */
    ICE_CANDIDATES("iceCandidates"),
    /** A new offer with fresh ICE credentials. */
    ICE_RESTART("iceRestart"),
    /** The answer to an ICE restart. */
    ICE_RESTART_ACCEPT("iceRestartAccept");

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    /** The signal type as it is written on the wire. */
    public String wireName() {
        return wireName;
    }

    /** Whether this signal must carry an SDP offer or answer. */
    public boolean carriesSdp() {
        return this == CALL || this == ACCEPT || this == ICE_RESTART || this == ICE_RESTART_ACCEPT;
    }

    /**
     * Looks a signal type up by its wire name.
     *
     * @throws ProtocolException naming the value when it is not a known signal type
     */
    public static SignalType fromWire(String value) {
        for (SignalType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "signalType", "unknown signalType '" + value + "'");
    }
}
