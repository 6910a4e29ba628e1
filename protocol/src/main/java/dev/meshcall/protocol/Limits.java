package dev.meshcall.protocol;

/**
 * The size limits of the signaling protocol ({@code docs/protocol.md}, "Limits"). The server enforces every one;
 * the client never produces more.
 */
public final class Limits {
    /** Largest WebSocket text frame, in bytes. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Largest {@code sdp}, in characters. */
    public static final int MAX_SDP_CHARS = 48 * 1024;
    /** Largest single ICE candidate string, in characters. */
    public static final int MAX_CANDIDATE_CHARS = 1024;
    /** Most candidates in one {@code iceCandidates} signal. */
    public static final int MAX_CANDIDATES_PER_SIGNAL = 32;
    /** Most opponents in one session: a mesh of at most four people. */
    public static final int MAX_OPPONENTS = 3;
    /** Longest {@code sessionID}. */
    public static final int MAX_SESSION_ID_CHARS = 64;
    /** Most keys in {@code userInfo}. */
    public static final int MAX_USER_INFO_KEYS = 32;
    /** Largest {@code userInfo}, JSON-encoded, in characters (a fractional number counts as 24). */
    public static final int MAX_USER_INFO_CHARS = 4 * 1024;
    /** Deepest JSON nesting of a frame. */
    public static final int MAX_JSON_DEPTH = 8;
    /** Most STUN/TURN servers in {@code ready}'s {@code iceServers}. */
    public static final int MAX_ICE_SERVERS = 8;
    /** Most {@code urls} of one ICE server. */
    public static final int MAX_ICE_SERVER_URLS = 8;
    /** Longest short string field ({@code sdpMid}, {@code platform}, {@code ref}, ...). */
    public static final int MAX_SHORT_STRING_CHARS = 256;

    /**
     * Longest {@code auth} token. In XMPP mode a token carries the user's password (up to 256 characters, so up to
     * 768 bytes of UTF-8) sealed with AES-GCM: 825 bytes, 1,100 characters of base64url at most.
     */
    public static final int MAX_TOKEN_CHARS = 1_200;

    private Limits() {
    }
}
