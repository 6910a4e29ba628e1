package dev.meshcall.server.turn;

import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.IceServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STUN/TURN servers handed to one user, as W3C {@code RTCIceServer}s
 * (<a href="https://www.w3.org/TR/webrtc/#dom-rtciceserver">webrtc-pc</a>), and how many seconds their TURN
 * credential is valid. The same list goes into {@code ready} and {@code GET /api/ice-servers}.
 *
 * @param servers the servers, maybe none
 * @param ttl     seconds the TURN credential is valid, or {@code null} when no server carries one
 */
public record IceServerList(List<IceServer> servers, Integer ttl) {
    public IceServerList {
        servers = List.copyOf(servers);
    }

    /**
     * The body of {@code GET /api/ice-servers}: {@code {"iceServers":[...],"ttl":S}}, {@code ttl} left out without
     * TURN.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("iceServers", FrameCodec.iceServersToTree(servers));
        if (ttl != null) {
            json.put("ttl", ttl);
        }
        return json;
    }

    /** Names the servers, never a credential. */
    @Override
    public String toString() {
        return "IceServerList" + servers + (ttl == null ? "" : " ttl=" + ttl);
    }
}
