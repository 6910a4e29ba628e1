package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameDecoderContract;
import dev.meshcall.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** The server's Jackson decoder held to the same golden vectors as the browser's. */
class JacksonFrameDecoderTest extends FrameDecoderContract {
    private final JacksonFrameDecoder decoder = new JacksonFrameDecoder();

    @Override
    protected Frame decode(String text) {
        return decoder.decode(text);
    }

    @Test
    void namesMalformedJsonAsSuch() {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> decoder.decode("{\"op\":"));

        assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(error.getMessage()).startsWith("malformed JSON: ");
    }

    @Test
    void rejectsDuplicateKeysAndDeepNesting() {
        assertThat(catchThrowableOfType(ProtocolException.class,
                () -> decoder.decode("{\"op\":\"ping\",\"op\":\"ping\",\"id\":\"1\"}")).getMessage())
                .contains("malformed JSON").contains("op");
        String deep = "{\"op\":\"ping\",\"id\":\"1\",\"x\":" + "[".repeat(9) + "]".repeat(9) + "}";
        assertThat(catchThrowableOfType(ProtocolException.class, () -> decoder.decode(deep)).getMessage())
                .contains("malformed JSON");
    }

    @Test
    void readsLongIntegersAsTheBrowserParserDoes() {
        Frame frame = decoder.decode("{\"op\":\"signal\",\"to\":2,\"signal\":{\"signalType\":\"hangUp\","
                + "\"sessionID\":\"s\",\"userInfo\":{\"a\":123456789012345678,\"b\":1234567890123456789}}}");

        assertThat(frame.signal().userInfo()).containsEntry("a", 123456789012345678L)
                .containsEntry("b", 1.234567890123456789e18);
    }
}
