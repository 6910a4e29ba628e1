package dev.meshcall.server.auth;

import java.util.Objects;

/**
 * The verdict on a WebSocket's {@code auth} frame: the user it belongs to, or the close code and reason it is
 * refused with (1008 for a token that will never work, 1013 "try again later" when the service behind the server
 * cannot check it now, so the SDK reconnects).
 */
public record SocketAuth(int userId, int closeCode, String reason) {
    /** RFC 6455: policy violation, the server's "no". */
    public static final int POLICY_VIOLATION = 1008;
    /** RFC 6455 (IANA registry): try again later. */
    public static final int TRY_AGAIN_LATER = 1013;

    public SocketAuth {
        if (reason != null && userId != 0) {
            throw new IllegalArgumentException("a verdict is a user or a refusal, not both");
        }
    }

    /** The socket belongs to {@code userId}. */
    public static SocketAuth user(int userId) {
        return new SocketAuth(userId, 0, null);
    }

    /** The socket is closed with {@code closeCode} and {@code reason}. */
    public static SocketAuth refused(int closeCode, String reason) {
        return new SocketAuth(0, closeCode, Objects.requireNonNull(reason, "reason"));
    }

    /** The usual refusal of a token this server does not accept. */
    public static SocketAuth badToken() {
        return refused(POLICY_VIOLATION, "auth failed: unknown, expired or revoked token");
    }

    public boolean accepted() {
        return reason == null;
    }
}
