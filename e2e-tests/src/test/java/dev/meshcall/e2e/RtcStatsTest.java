package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RtcStatsTest {
    private static final Map<String, Object> LOCAL = Map.of("id", "L1", "type", "local-candidate",
            "address", "127.0.0.1", "port", 50000L, "candidateType", "host", "protocol", "udp");
    private static final Map<String, Object> REMOTE = Map.of("id", "R1", "type", "remote-candidate",
            "ip", "127.0.0.1", "port", 50001L, "candidateType", "host", "protocol", "udp");

    @Test
    void sumsInboundReadingsByKind() {
        RtcStats stats = new RtcStats(List.of(
                Map.of("id", "v", "type", "inbound-rtp", "kind", "video", "framesDecoded", 41L, "bytesReceived", 9000L),
                Map.of("id", "a", "type", "inbound-rtp", "kind", "audio", "bytesReceived", 1200L),
                Map.of("id", "o", "type", "outbound-rtp", "kind", "video", "framesEncoded", 50L)));

        assertThat(stats.inboundVideoFramesDecoded()).isEqualTo(41);
        assertThat(stats.inboundAudioBytesReceived()).isEqualTo(1200);
        assertThat(stats.inboundVideoBytesReceived()).isEqualTo(9000);
        assertThat(stats.inboundCount("video")).isEqualTo(1);
    }

    @Test
    void selectedPairComesFromTheTransport() {
        RtcStats stats = new RtcStats(List.of(LOCAL, REMOTE,
                Map.of("id", "T", "type", "transport", "selectedCandidatePairId", "P2"),
                Map.of("id", "P1", "type", "candidate-pair", "nominated", true, "state", "succeeded",
                        "localCandidateId", "X", "remoteCandidateId", "Y"),
                Map.of("id", "P2", "type", "candidate-pair", "state", "succeeded",
                        "localCandidateId", "L1", "remoteCandidateId", "R1")));

        RtcStats.CandidatePair pair = stats.selectedCandidatePair().orElseThrow();

        assertThat(pair.local().address()).isEqualTo("127.0.0.1");
        assertThat(pair.remote().address()).as("falls back to 'ip'").isEqualTo("127.0.0.1");
        assertThat(pair.local().port()).isEqualTo(50000);
    }

    @Test
    void withoutATransportTheNominatedSucceededPairIsSelected() {
        RtcStats stats = new RtcStats(List.of(LOCAL, REMOTE,
                Map.of("id", "P0", "type", "candidate-pair", "nominated", false, "state", "succeeded",
                        "localCandidateId", "X", "remoteCandidateId", "Y"),
                Map.of("id", "P1", "type", "candidate-pair", "nominated", true, "state", "succeeded",
                        "localCandidateId", "L1", "remoteCandidateId", "R1")));

        assertThat(stats.selectedCandidatePair()).map(p -> p.remote().address()).contains("127.0.0.1");
    }

    @Test
    void noPairBeforeIceSucceeds() {
        assertThat(new RtcStats(List.of(LOCAL, REMOTE)).selectedCandidatePair()).isEmpty();
    }
}
