package dev.meshcall.protocol;

/**
 * The kind of call: the seed's {@code CallType.VIDEO} (1) and {@code CallType.AUDIO} (2).
 */
public enum CallType {
    VIDEO(1),
    AUDIO(2);

    private final int wireValue;

    CallType(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The number that stands for this type on the wire and in the JavaScript API. */
    public int wireValue() {
        return wireValue;
    }

    /**
     * Looks a call type up by its wire number.
     *
     * @throws ProtocolException naming the value when it is neither 1 nor 2
     */
    public static CallType fromWire(long value) {
        for (CallType type : values()) {
            if (type.wireValue == value) {
                return type;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "callType",
                "unknown callType " + value + " (1 = video, 2 = audio)");
    }
}
