package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Golden stanzas of the seed's system (docs/xmpp.md, "How it works"), read by {@link ExtraParamsProvider} and
 * {@link SignalMapper}.
 */
class ExtraParamsTest {
    private static final String SESSION = "0c7d6c0e-4d7a-4bde-9b54-7d5c43c4f6a1";
    private static final String SDP_CRLF = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String SDP_LF = "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n";

    @BeforeAll
    static void registerProvider() {
        ExtraParamsProvider.register();
    }

    static Stream<Arguments> goodStanzas() {
        Signal call = Signal.builder(SignalType.CALL, SESSION).callType(CallType.VIDEO).callerId(56)
                .opponentsIds(List.of(76, 34)).sdp(SDP_CRLF).platform("web")
                .userInfo(ordered("maxBandwidth", 256L, "name", "Alice")).build();
        return Stream.of(
                Arguments.of("call as the seed writes it", stanza("<moduleIdentifier>WebRTCVideoChat</moduleIdentifier>"
                        + "<signalType>call</signalType><sessionID>" + SESSION + "</sessionID><callType>1</callType>"
                        + "<callerID>56</callerID><opponentsIDs><opponentID>76</opponentID><opponentID>34"
                        + "</opponentID></opponentsIDs><sdp>" + SDP_CRLF + "</sdp><platform>web</platform>"
                        + "<userInfo><maxBandwidth>256</maxBandwidth><name>Alice</name></userInfo>"), call),
                Arguments.of("children in any order, whitespace between, LF-only SDP",
                        stanza("\n  <userInfo>\n <maxBandwidth>256</maxBandwidth><name>Alice</name></userInfo>\n"
                        + "  <sdp>" + SDP_LF + "</sdp><platform>web</platform><opponentsIDs>\n<opponentID>76"
                        + "</opponentID>\n<opponentID>34</opponentID></opponentsIDs><callerID>56</callerID>"
                        + "<callType>1</callType><sessionID>" + SESSION + "</sessionID><signalType>call"
                        + "</signalType><moduleIdentifier>WebRTCVideoChat</moduleIdentifier>\n"), call),
                Arguments.of("seed's candidate: one per stanza, empty sdpMLineIndex is 0",
                        stanza(head("iceCandidates") + "<iceCandidates><iceCandidate><candidate>candidate:1 1 udp "
                        + "2122260223 127.0.0.1 50000 typ host</candidate><sdpMid>0</sdpMid><sdpMLineIndex>"
                        + "</sdpMLineIndex></iceCandidate></iceCandidates><platform>web</platform>"),
                        Signal.builder(SignalType.ICE_CANDIDATES, SESSION).platform("web")
                                .iceCandidates(List.of(new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 "
                                        + "50000 typ host", "0", 0))).build()),
                Arguments.of("busy reject: <reason>busy</reason> also reads as busy=true",
                        stanza(head("reject") + "<callerID>56</callerID><platform>web</platform>"
                        + "<userInfo><reason>busy</reason></userInfo>"),
                        Signal.builder(SignalType.REJECT, SESSION).callerId(56).platform("web")
                                .userInfo(ordered("reason", "busy", "busy", true)).build()),
                Arguments.of("hangUp without sdp and without userInfo",
                        stanza(head("hangUp") + "<callerID>56</callerID><opponentsIDs><opponentID>76</opponentID>"
                        + "</opponentsIDs><platform>web</platform>"),
                        Signal.builder(SignalType.HANG_UP, SESSION).callerId(56).opponentsIds(List.of(76))
                                .platform("web").build()),
                Arguments.of("accept with escaped text and a boolean and a string that looks almost numeric",
                        stanza(head("accept") + "<callType>2</callType><sdp>" + SDP_CRLF + "</sdp>"
                        + "<userInfo><note>a &lt;b&gt; &amp; c</note><muted>false</muted><code>007</code>"
                        + "</userInfo>"),
                        Signal.builder(SignalType.ACCEPT, SESSION).callType(CallType.AUDIO).sdp(SDP_CRLF)
                                .userInfo(ordered("note", "a <b> & c", "muted", false, "code", "007")).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodStanzas")
    void readsTheSeedsStanzas(String name, String xml, Signal expected) throws Exception {
        Message message = PacketParserUtils.parseStanza(xml);
        ExtraParams params = message.getExtension(ExtraParams.class);

        assertThat(params).as("the provider is registered for extraParams/jabber:client").isNotNull();
        assertThat(SignalMapper.isCallSignal(params)).isTrue();
        assertThat(SignalMapper.toSignal(params)).isEqualTo(expected);
    }

    static Stream<Arguments> badStanzas() {
        String big = "v=0\r\n" + "a=x\r\n".repeat(48 * 1024 / 5);
        return Stream.of(
                Arguments.of("unknown signalType", stanza(head("dance")), ErrorCode.BAD_REQUEST, "signalType"),
                Arguments.of("oversized sdp", stanza(head("accept") + "<callType>1</callType><sdp>" + big + "</sdp>"),
                        ErrorCode.TOO_LARGE, "sdp"),
                Arguments.of("a field twice", stanza(head("hangUp") + "<platform>web</platform><platform>ios"
                        + "</platform>"), ErrorCode.BAD_REQUEST, "extraParams"),
                Arguments.of("nested userInfo", stanza(head("hangUp") + "<userInfo><a><b>1</b></a></userInfo>"),
                        ErrorCode.BAD_REQUEST, "extraParams"),
                Arguments.of("foreign element in opponentsIDs", stanza(head("call") + "<opponentsIDs><id>7</id>"
                        + "</opponentsIDs>"), ErrorCode.BAD_REQUEST, "extraParams"),
                Arguments.of("text directly in extraParams", stanza(head("hangUp") + "hello"),
                        ErrorCode.BAD_REQUEST, "extraParams"),
                Arguments.of("element in a scalar field", stanza(head("hangUp") + "<platform><web/></platform>"),
                        ErrorCode.BAD_REQUEST, "extraParams"),
                Arguments.of("callerID not a number", stanza(head("hangUp") + "<callerID>56abc</callerID>"),
                        ErrorCode.BAD_REQUEST, "callerID"),
                Arguments.of("opponent id not a number", stanza(head("call") + "<callType>1</callType><callerID>56"
                        + "</callerID><opponentsIDs><opponentID>x</opponentID></opponentsIDs><sdp>v=0</sdp>"),
                        ErrorCode.BAD_REQUEST, "opponentsIDs"),
                Arguments.of("call without sdp", stanza(head("call") + "<callType>1</callType><callerID>56"
                        + "</callerID><opponentsIDs><opponentID>76</opponentID></opponentsIDs>"),
                        ErrorCode.BAD_REQUEST, "sdp"),
                Arguments.of("unknown field", stanza(head("hangUp") + "<color>red</color>"),
                        ErrorCode.BAD_REQUEST, "color"),
                Arguments.of("bad sessionID", stanza("<moduleIdentifier>WebRTCVideoChat</moduleIdentifier>"
                        + "<signalType>hangUp</signalType><sessionID>a b</sessionID>"),
                        ErrorCode.BAD_REQUEST, "sessionID"),
                Arguments.of("too many opponents", stanza(head("call") + "<callType>1</callType><callerID>1"
                        + "</callerID><opponentsIDs><opponentID>2</opponentID><opponentID>3</opponentID><opponentID>"
                        + "4</opponentID><opponentID>5</opponentID></opponentsIDs><sdp>v=0</sdp>"),
                        ErrorCode.BAD_REQUEST, "opponentsIDs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStanzas")
    void refusesBadStanzasNamingTheField(String name, String xml, ErrorCode code, String field) throws Exception {
        Message message = PacketParserUtils.parseStanza(xml);
        ExtraParams params = message.getExtension(ExtraParams.class);

        assertThatThrownBy(() -> SignalMapper.toSignal(params))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Test
    void aMalformedElementDoesNotDisturbTheRestOfTheStanza() throws Exception {
        Message message = PacketParserUtils.parseStanza("<message xmlns='jabber:client' from='56-1@example.org/a' "
                + "type='headline' id='m1'><extraParams xmlns='jabber:client'><userInfo><a><b/></a></userInfo>"
                + "<sdp>x</sdp></extraParams><body>still here</body></message>");

        assertThat(message.getExtension(ExtraParams.class).isMalformed()).isTrue();
        assertThat(message.getBody()).isEqualTo("still here");
    }

    @Test
    void anotherModulesMessageIsNotACallSignal() throws Exception {
        Message message = PacketParserUtils.parseStanza(stanza("<moduleIdentifier>SystemNotifications"
                + "</moduleIdentifier><signalType>call</signalType>"));

        assertThat(SignalMapper.isCallSignal(message.getExtension(ExtraParams.class))).isFalse();
    }

    @Test
    void writesTheSeedsFormAndReadsItBack() throws Exception {
        Signal signal = Signal.builder(SignalType.CALL, SESSION).callType(CallType.VIDEO).callerId(56)
                .opponentsIds(List.of(76, 34)).sdp(SDP_CRLF).platform("web")
                .userInfo(ordered("maxBandwidth", 256L, "name", "Al & <Bo>", "busy", false, "ratio", 1.5)).build();
        Message message = StanzaBuilder.buildMessage().to(JidCreate.from("76-1@example.org"))
                .ofType(Message.Type.headline)
                .addExtension(SignalMapper.fromSignal(signal)).build();
        String xml = message.toXML().toString();

        assertThat(xml).contains("<extraParams xmlns='jabber:client'><moduleIdentifier>WebRTCVideoChat"
                + "</moduleIdentifier><signalType>call</signalType><sessionID>" + SESSION + "</sessionID>"
                + "<callType>1</callType><callerID>56</callerID><opponentsIDs><opponentID>76</opponentID>"
                + "<opponentID>34</opponentID></opponentsIDs><sdp>");
        assertThat(xml).contains("<userInfo><maxBandwidth>256</maxBandwidth><name>Al &amp; &lt;Bo&gt;</name>");
        Message back = PacketParserUtils.parseStanza(xml);
        assertThat(SignalMapper.toSignal(back.getExtension(ExtraParams.class))).isEqualTo(signal);
    }

    @Test
    void candidatesRoundTrip() throws Exception {
        Signal signal = Signal.builder(SignalType.ICE_CANDIDATES, SESSION).iceCandidates(List.of(
                new IceCandidate("candidate:1 1 udp 1 127.0.0.1 5000 typ host", "0", 0),
                new IceCandidate("candidate:2 1 udp 1 127.0.0.1 5001 typ host", null, null))).build();
        Message message = StanzaBuilder.buildMessage().to(JidCreate.from("76-1@example.org"))
                .ofType(Message.Type.headline)
                .addExtension(SignalMapper.fromSignal(signal)).build();

        Message back = PacketParserUtils.parseStanza(message.toXML().toString());
        assertThat(SignalMapper.toSignal(back.getExtension(ExtraParams.class))).isEqualTo(signal);
    }

    @Test
    void refusesToWriteWhatXmlCannotCarry() {
        Signal badKey = Signal.builder(SignalType.HANG_UP, SESSION).userInfo(Map.of("my key", "x")).build();
        Signal badChar = Signal.builder(SignalType.HANG_UP, SESSION).userInfo(Map.of("note", "a\u0001b")).build();

        assertThatThrownBy(() -> SignalMapper.fromSignal(badKey)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("my key");
        assertThatThrownBy(() -> SignalMapper.fromSignal(badChar)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("U+0001");
    }

    private static String head(String signalType) {
        return "<moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>" + signalType + "</signalType>"
                + "<sessionID>" + SESSION + "</sessionID>";
    }

    private static String stanza(String children) {
        return "<message xmlns='jabber:client' from='56-1@example.org/web' to='76-1@example.org' type='headline' "
                + "id='x1'><extraParams xmlns=\"jabber:client\">" + children + "</extraParams></message>";
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
