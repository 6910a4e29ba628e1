package dev.meshcall.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /api/calls/reject} ({@code docs/protocol.md}, "REST"), the seed's
 * {@code videochat.callRejectRequest({sessionID, recipientId, platform})}: a user declines a call that rings while
 * the page has no session object for it, and the server sends the {@code reject} for them. Its fields obey the
 * limits of the signal fields they become: {@code sessionID} as a signal's, {@code recipientId} as a frame's
 * {@code to}, {@code platform} as a signal's. Checked by the same code as the frames ({@link FrameCodec}), so the
 * REST body and the WebSocket can never disagree about a session id.
 */
public final class CallRejectRequest {
    /** The wire names of the body's fields. */
    public static final String SESSION_ID = "sessionID";
    public static final String RECIPIENT_ID = "recipientId";
    public static final String PLATFORM = "platform";
    public static final String USER_INFO = "userInfo";

    private final String sessionId;
    private final int recipientId;
    private final String platform;
    private final Map<String, Object> userInfo;

    /**
     * @param recipientId the user who gets the {@code reject}: the call's initiator, or another member of the mesh
     * @param platform    the sender's platform ({@code web}), or {@code null}
     */
    public CallRejectRequest(String sessionId, int recipientId, String platform) {
        this(sessionId, recipientId, platform, Map.of());
    }

    /** @param userInfo the {@code reject}'s {@code userInfo} (the seed's extension), empty for none */
    public CallRejectRequest(String sessionId, int recipientId, String platform, Map<String, Object> userInfo) {
        this.sessionId = Objects.requireNonNull(sessionId, SESSION_ID);
        this.recipientId = recipientId;
        this.platform = platform;
        this.userInfo = Collections.unmodifiableMap(new LinkedHashMap<>(userInfo));
    }

    /**
     * Checks a parsed body and maps it to a request.
     *
     * @param tree a {@link Map} as {@code JsonReader} or Jackson produce it
     * @throws ProtocolException {@code bad_request} or {@code too_large} naming the first field that is unknown,
     *     missing, of the wrong type or over its limit
     */
    public static CallRejectRequest fromTree(Object tree) {
        Map<String, Object> map = FrameCodec.object(tree, "body");
        FrameCodec.onlyKeys(map, "the body", SESSION_ID, RECIPIENT_ID, PLATFORM, USER_INFO);
        String sessionId = FrameCodec.sessionId(map);
        int recipientId = FrameCodec.userId(map, RECIPIENT_ID, true);
        return new CallRejectRequest(sessionId, recipientId,
                FrameCodec.string(map, PLATFORM, false, Limits.MAX_SHORT_STRING_CHARS),
                FrameCodec.userInfo(map.get(USER_INFO)));
    }

    /** The body as a plain JSON tree; {@code platform} is left out when not set. */
    public Map<String, Object> toTree() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(SESSION_ID, sessionId);
        FrameCodec.putIfSet(map, RECIPIENT_ID, recipientId);
        FrameCodec.putIfSet(map, PLATFORM, platform);
        if (!userInfo.isEmpty()) {
            map.put(USER_INFO, new LinkedHashMap<>(userInfo));
        }
        return map;
    }

    /** The call's {@code sessionID}. */
    public String sessionId() {
        return sessionId;
    }

    public int recipientId() {
        return recipientId;
    }

    /** The sender's platform, or {@code null}. */
    public String platform() {
        return platform;
    }

    /** The {@code reject}'s {@code userInfo}: empty when the body had none. */
    public Map<String, Object> userInfo() {
        return userInfo;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CallRejectRequest)) {
            return false;
        }
        CallRejectRequest that = (CallRejectRequest) other;
        return sessionId.equals(that.sessionId) && recipientId == that.recipientId
                && Objects.equals(platform, that.platform) && userInfo.equals(that.userInfo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, recipientId, platform, userInfo);
    }

    @Override
    public String toString() {
        return "CallRejectRequest[session=" + sessionId + " recipient=" + recipientId + " platform=" + platform
                + " userInfo=" + userInfo.keySet() + "]";
    }
}
