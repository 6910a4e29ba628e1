package dev.meshcall.protocol;

/**
 * A frame or signal that breaks the protocol: carries the {@link ErrorCode} to answer with and the name of the
 * offending field, so that both the server's error frame and the client's rejected promise can name the cause.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    /**
     * @param code  the error code to answer with
     * @param field the wire name of the offending field, or {@code null} when the whole frame is at fault
     * @param message what is wrong, naming the value where that helps
     */
    public ProtocolException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The wire name of the offending field, or {@code null} when the whole frame is at fault. */
    public String field() {
        return field;
    }
}
