package dev.meshcall.e2e;

import java.util.Map;

/** {@code MeshCall.videochat.CallType}, with the media each side asks {@code getUserMedia} for. */
public enum CallType {
    VIDEO(Map.of("video", Map.of("width", 320, "height", 240, "frameRate", 15), "audio", true)),
    AUDIO(Map.of("audio", true, "video", false));

    private final Map<String, Object> mediaParams;

    CallType(Map<String, Object> mediaParams) {
        this.mediaParams = mediaParams;
    }

    /** The getUserMedia constraints: fake video at 320x240@15 (what 2 cores sustain), or audio only. */
    public Map<String, Object> mediaParams() {
        return mediaParams;
    }
}
