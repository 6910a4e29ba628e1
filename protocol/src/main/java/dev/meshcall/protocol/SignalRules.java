package dev.meshcall.protocol;

/**
 * The rules that tie a signal to who sends it and to whom and that need no knowledge of the session: nobody signals
 * themselves, and a {@code call} goes to one of its own {@code opponentsIDs} (never to its initiator: in a mesh the
 * callees answer the initiator with {@code accept}, and a callee offers only to another callee).
 *
 * <p>Who may send a {@code call} naming whom as {@code callerID} is not decided here: in a mesh a callee sends
 * {@code call} with the initiator as {@code callerID}, so whether that is allowed depends on the session's members,
 * which only the relay knows (it has seen the session's first {@code call}). See {@code docs/protocol.md}, "Session
 * membership".
 */
public final class SignalRules {
    private SignalRules() {
    }

    /**
     * Checks a signal that {@code senderId} wants to send to {@code recipientId}.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_REQUEST} when the recipient cannot be meant
     */
    public static void checkSend(Signal signal, int senderId, int recipientId) {
        if (recipientId == senderId) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "to", "a signal cannot be sent to oneself");
        }
        if (signal.signalType() == SignalType.CALL && !signal.opponentsIds().contains(recipientId)) {
            if (signal.callerId() != null && signal.callerId() == recipientId) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "to", "a call never goes to its initiator "
                        + recipientId + ": callees answer the initiator with accept");
            }
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "to",
                    "a call goes to its opponents, and " + recipientId + " is not one of them");
        }
    }
}
