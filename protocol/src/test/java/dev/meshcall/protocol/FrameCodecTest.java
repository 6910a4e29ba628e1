package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void readyWithoutIceServersStaysAsSmallAsBefore() {
        assertThat(FrameCodec.encode(Frame.ready(56, List.of(), null)))
                .isEqualTo("{\"op\":\"ready\",\"userId\":56}");
    }

    @Test
    void readyCarriesIceServersAsRtcIceServersThroughARoundTrip() {
        IceServer stun = IceServer.of(List.of("stun:127.0.0.1:3478"));
        IceServer turn = new IceServer(List.of("turn:127.0.0.1:3478?transport=udp"), "1767225600:56", "c2VjcmV0");
        Frame ready = Frame.ready(56, List.of(stun, turn), 3600);

        String text = FrameCodec.encode(ready);

        assertThat(text).isEqualTo("{\"op\":\"ready\",\"userId\":56,"
                + "\"iceServers\":[{\"urls\":[\"stun:127.0.0.1:3478\"]},"
                + "{\"urls\":[\"turn:127.0.0.1:3478?transport=udp\"],\"username\":\"1767225600:56\","
                + "\"credential\":\"c2VjcmV0\"}],\"ttl\":3600}");
        assertThat(FrameCodec.decode(text)).isEqualTo(ready);
        assertThat(ready.toString()).doesNotContain("c2VjcmV0").contains("iceServers=2");
    }

    /** Each case is the rest of {@code {"op":"ready","userId":1,...}}; {@code @} stands for a STUN server. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            servers not an array | "iceServers":{}                                      | bad_request | iceServers
            servers empty        | "iceServers":[]                                      | bad_request | iceServers
            server not an object | "iceServers":["stun:a"]                              | bad_request | iceServers[]
            urls missing         | "iceServers":[{}]                                    | bad_request | urls
            urls a string        | "iceServers":[{"urls":"stun:a"}]                     | bad_request | urls
            urls empty           | "iceServers":[{"urls":[]}]                           | bad_request | urls
            url not a string     | "iceServers":[{"urls":[3]}]                          | bad_request | urls
            unknown server field | "iceServers":[{"urls":["stun:a"],"x":1}]             | bad_request | x
            username alone       | "iceServers":[{"urls":["turn:a"],"username":"u"}]    | bad_request | credential
            credential alone     | "iceServers":[{"urls":["turn:a"],"credential":"c"}]  | bad_request | username
            ttl zero             | "iceServers":[{"urls":["stun:a"]}],"ttl":0           | bad_request | ttl
            ttl a string         | "iceServers":[{"urls":["stun:a"]}],"ttl":"1"         | bad_request | ttl
            ttl without servers  | "ttl":60                                             | bad_request | ttl
            nine servers         | "iceServers":[@,@,@,@,@,@,@,@,@]                     | too_large   | iceServers
            nine urls            | "iceServers":[{"urls":["a","a","a","a","a","a","a","a","a"]}] | too_large | urls
            """)
    void refusesReadyWithBadIceServers(String name, String rest, String code, String field) {
        String text = "{\"op\":\"ready\",\"userId\":1," + rest.replace("@", "{\"urls\":[\"stun:a\"]}") + "}";

        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> FrameCodec.decode(text));

        assertThat(error).as(name).isNotNull();
        assertThat(error.code().wireName()).as(error.getMessage()).isEqualTo(code);
        assertThat(error.field()).as(error.getMessage()).isEqualTo(field);
    }
}
