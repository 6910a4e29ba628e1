package dev.meshcall.e2e;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A flattened W3C {@code RTCStatsReport} (webrtc-stats) of one peer connection, as {@code session.getStats(userId)}
 * returned it, with the few readings the scenarios assert on.
 */
public final class RtcStats {
    /** JavaScript (run with executeScript) that flattens {@code getStats} of {@code arguments[0]} to JSON. */
    static String script(String sessionExpression) {
        return "var s = " + sessionExpression + ";"
                + "if (!s) { return JSON.stringify({error: 'no current session'}); }"
                + "return Promise.resolve(s.getStats(arguments[0])).then(function (report) {"
                + "  var out = []; report.forEach(function (v) { out.push(Object.assign({}, v)); });"
                + "  return JSON.stringify(out);"
                + "}, function (e) { return JSON.stringify({error: (e && e.name) + ': ' + (e && e.message)}); });";
    }

    private final List<Map<String, Object>> entries;

    public RtcStats(List<Map<String, Object>> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Map<String, Object>> entries() {
        return entries;
    }

    /** Sum of {@code framesDecoded} over the inbound video streams. */
    public long inboundVideoFramesDecoded() {
        return sum("inbound-rtp", "video", "framesDecoded");
    }

    public long inboundAudioBytesReceived() {
        return sum("inbound-rtp", "audio", "bytesReceived");
    }

    /** Sum of {@code framesSent} over the outbound video streams: flat while no camera is sent. */
    public long outboundVideoFramesSent() {
        return sum("outbound-rtp", "video", "framesSent");
    }

    public long outboundAudioBytesSent() {
        return sum("outbound-rtp", "audio", "bytesSent");
    }

    public long inboundVideoBytesReceived() {
        return sum("inbound-rtp", "video", "bytesReceived");
    }

    /** The {@code frameWidth} of the inbound video (0 before a frame is decoded, or without inbound video). */
    public long inboundVideoFrameWidth() {
        return sum("inbound-rtp", "video", "frameWidth");
    }

    /** The ids of the inbound RTP streams of {@code kind}: a new offer that made new ones would change them. */
    public List<String> inboundIds(String kind) {
        return entries.stream().filter(e -> "inbound-rtp".equals(e.get("type")) && kind.equals(kindOf(e)))
                .map(e -> String.valueOf(e.get("id"))).toList();
    }

    /**
     * The local track being sent as {@code kind}: the {@code trackIdentifier} of the {@code media-source} that the
     * {@code outbound-rtp} stream of that kind names; empty when that sender has no track.
     */
    public Optional<String> sentTrackId(String kind) {
        return entries.stream().filter(e -> "outbound-rtp".equals(e.get("type")) && kind.equals(kindOf(e)))
                .map(e -> e.get("mediaSourceId")).filter(java.util.Objects::nonNull)
                .flatMap(source -> entries.stream().filter(e -> source.equals(e.get("id"))))
                .map(e -> (String) e.get("trackIdentifier")).filter(java.util.Objects::nonNull).findFirst();
    }

    public long inboundCount(String kind) {
        return entries.stream().filter(e -> "inbound-rtp".equals(e.get("type")) && kind.equals(kindOf(e))).count();
    }

    /**
     * The transport's {@code selectedCandidatePairId}: its candidates, and so the id, are new after an ICE restart.
     */
    public Optional<String> selectedCandidatePairId() {
        return entries.stream()
                .filter(e -> "transport".equals(e.get("type")) && e.get("selectedCandidatePairId") != null)
                .map(e -> String.valueOf(e.get("selectedCandidatePairId")))
                .findFirst();
    }

    /**
     * The selected candidate pair: the one the transport names in {@code selectedCandidatePairId}, else the
     * nominated succeeded pair.
     */
    public Optional<CandidatePair> selectedCandidatePair() {
        Optional<String> pairId = entries.stream()
                .filter(e -> "transport".equals(e.get("type")) && e.get("selectedCandidatePairId") != null)
                .map(e -> String.valueOf(e.get("selectedCandidatePairId")))
                .findFirst();
        Optional<Map<String, Object>> pair = pairId.flatMap(this::byId)
                .or(() -> entries.stream()
                        .filter(e -> "candidate-pair".equals(e.get("type"))
                                && Boolean.TRUE.equals(e.get("nominated"))
                                && "succeeded".equals(e.get("state")))
                        .findFirst());
        return pair.map(p -> new CandidatePair(
                String.valueOf(p.get("state")),
                candidate(p.get("localCandidateId")),
                candidate(p.get("remoteCandidateId"))));
    }

    private Candidate candidate(Object id) {
        Map<String, Object> c = id == null ? Map.of() : byId(String.valueOf(id)).orElse(Map.of());
        Object address = c.get("address") != null ? c.get("address") : c.get("ip");
        return new Candidate(
                address == null ? null : String.valueOf(address),
                c.get("port") instanceof Number n ? n.intValue() : -1,
                c.get("candidateType") == null ? null : String.valueOf(c.get("candidateType")),
                c.get("protocol") == null ? null : String.valueOf(c.get("protocol")));
    }

    private Optional<Map<String, Object>> byId(String id) {
        return entries.stream().filter(e -> id.equals(String.valueOf(e.get("id")))).findFirst();
    }

    private long sum(String type, String kind, String field) {
        return entries.stream()
                .filter(e -> type.equals(e.get("type")) && kind.equals(kindOf(e)))
                .map(e -> e.get(field))
                .filter(Objects::nonNull)
                .mapToLong(v -> ((Number) v).longValue())
                .sum();
    }

    private static Object kindOf(Map<String, Object> e) {
        return e.get("kind") != null ? e.get("kind") : e.get("mediaType");
    }

    @Override
    public String toString() {
        return entries.stream().map(e -> e.get("type") + ":" + e.get("id")).collect(Collectors.joining(", "));
    }

    /** One ICE candidate of the selected pair. */
    public record Candidate(String address, int port, String candidateType, String protocol) {
        @Override
        public String toString() {
            return address + ":" + port + " (" + candidateType + "/" + protocol + ")";
        }
    }

    /** The selected ICE candidate pair of a peer connection. */
    public record CandidatePair(String state, Candidate local, Candidate remote) {
        @Override
        public String toString() {
            return local + " <-> " + remote + " [" + state + "]";
        }
    }
}
