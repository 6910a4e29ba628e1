package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The browser-side decoder ({@link FrameCodec} over {@code JsonReader}) against the golden vectors, and more. */
class FrameCodecTest extends FrameDecoderContract {

    @Override
    protected Frame decode(String text) {
        return FrameCodec.decode(text);
    }

    @Test
    void mapsEveryFieldOfACall() {
        Frame frame = FrameCodec.decode("{\"op\":\"signal\",\"to\":76,\"ref\":\"r\","
                + "\"signal\":{\"signalType\":\"call\","
                + "\"sessionID\":\"s-1\",\"callType\":2,\"callerID\":56,\"opponentsIDs\":[76,34],\"sdp\":\"v=0\","
                + "\"platform\":\"web\",\"userInfo\":{\"maxBandwidth\":256,\"name\":\"A\",\"x\":1.5,\"b\":true}}}");

        Signal signal = frame.signal();
        assertThat(frame.op()).isEqualTo(Op.SIGNAL);
        assertThat(frame.to()).isEqualTo(76);
        assertThat(frame.ref()).isEqualTo("r");
        assertThat(signal.signalType()).isEqualTo(SignalType.CALL);
        assertThat(signal.sessionId()).isEqualTo("s-1");
        assertThat(signal.callType()).isEqualTo(CallType.AUDIO);
        assertThat(signal.callerId()).isEqualTo(56);
        assertThat(signal.opponentsIds()).containsExactly(76, 34);
        assertThat(signal.sdp()).isEqualTo("v=0");
        assertThat(signal.platform()).isEqualTo("web");
        assertThat(signal.userInfo()).containsExactly(Map.entry("maxBandwidth", 256L), Map.entry("name", "A"),
                Map.entry("x", 1.5), Map.entry("b", true));
    }

    @Test
    void writesIntegralDoublesAsJavaScriptDoes() {
        Signal signal = Signal.builder(SignalType.HANG_UP, "s").userInfo(Map.of("n", 256.0)).build();

        String text = FrameCodec.encode(Frame.signalTo(2, signal, null));

        assertThat(text).contains("\"n\":256}");
        assertThat(FrameCodec.decode(text).signal().userInfo()).containsEntry("n", 256L);
    }

    @Test
    void keepsCandidateFieldsThroughARoundTrip() {
        IceCandidate candidate = new IceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0);
        Signal signal = Signal.builder(SignalType.ICE_CANDIDATES, "s").iceCandidates(List.of(candidate)).build();

        Frame decoded = FrameCodec.decode(FrameCodec.encode(Frame.signalFrom(7, signal)));

        assertThat(decoded.from()).isEqualTo(7);
        assertThat(decoded.signal().iceCandidates()).containsExactly(candidate);
    }

    @Test
    void logLinesHoldNoSdp() {
        Signal signal = Signal.builder(SignalType.ACCEPT, "s").callType(CallType.VIDEO).sdp("v=0 secret").build();

        assertThat(signal.toString()).doesNotContain("secret").contains("10 chars");
    }
}
