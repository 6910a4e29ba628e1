package dev.meshcall.server.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshcall.protocol.CallType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON a push carries to the service worker ({@code docs/protocol.md}, "Web Push"):
 * {@code {"type":"call","sessionID":...,"callerID":...,"callerName":...,"callType":1|2,"expires":<epoch ms>}} when a
 * call rings, {@code {"type":"cancel","sessionID":...}} when the caller gave up.
 */
final class PushPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushPayload() {
    }

    /**
     * @param callerName the caller's full name, or {@code null} when it cannot be read
     * @param expires    when the caller stops ringing, epoch milliseconds
     */
    static byte[] call(String sessionId, int callerId, String callerName, CallType callType, long expires) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "call");
        json.put("sessionID", sessionId);
        json.put("callerID", callerId);
        json.put("callerName", callerName);
        json.put("callType", callType == null ? CallType.VIDEO.wireValue() : callType.wireValue());
        json.put("expires", expires);
        return bytes(json);
    }

    static byte[] cancel(String sessionId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "cancel");
        json.put("sessionID", sessionId);
        return bytes(json);
    }

    private static byte[] bytes(Map<String, Object> json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a push payload", e);
        }
    }
}
