package dev.meshcall.protocol;

/**
 * The rules that tie a signal to who sends it and to whom, beyond its own shape: nobody signals themselves, and a
 * {@code call} is sent by its own caller to one of its opponents. Session membership (who may signal into which
 * session) is the relay's business, since only it has seen the session's {@code call}.
 */
public final class SignalRules {
    private SignalRules() {
    }

    /**
     * Checks a signal that {@code senderId} wants to send to {@code recipientId}.
     *
     * @throws ProtocolException with {@link ErrorCode#FORBIDDEN} when the sender speaks for someone else, or
     *     {@link ErrorCode#BAD_REQUEST} when the recipient cannot be meant
     */
    public static void checkSend(Signal signal, int senderId, int recipientId) {
        if (recipientId == senderId) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "to", "a signal cannot be sent to oneself");
        }
        if (signal.signalType() == SignalType.CALL) {
            if (signal.callerId() == null || signal.callerId() != senderId) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "callerID",
                        "callerID " + signal.callerId() + " is not the sender " + senderId);
            }
            if (!signal.opponentsIds().contains(recipientId)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "to",
                        "a call goes to its opponents, and " + recipientId + " is not one of them");
            }
        }
    }
}
