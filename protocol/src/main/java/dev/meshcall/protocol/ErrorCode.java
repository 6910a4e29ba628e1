package dev.meshcall.protocol;

/**
 * The error codes of an {@code error} frame, as listed in {@code docs/protocol.md}.
 */
public enum ErrorCode {
    /** Malformed or invalid frame. */
    BAD_REQUEST("bad_request"),
    /** Authentication missing, failed or expired. */
    UNAUTHORIZED("unauthorized"),
    /** Not a member of that session, or not allowed. */
    FORBIDDEN("forbidden"),
    /** No such user. */
    NOT_FOUND("not_found"),
    /** A frame or field over its limit. */
    TOO_LARGE("too_large"),
    /** More frames than the connection's rate allows. */
    RATE_LIMITED("rate_limited"),
    /** The relay or XMPP service is down; the browser may retry. */
    UNAVAILABLE("unavailable");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as it is written on the wire. */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks a code up by its wire name.
     *
     * @throws ProtocolException naming the value when it is not a known code
     */
    public static ErrorCode fromWire(String value) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(value)) {
                return code;
            }
        }
        throw new ProtocolException(BAD_REQUEST, "code", "unknown error code '" + value + "'");
    }
}
