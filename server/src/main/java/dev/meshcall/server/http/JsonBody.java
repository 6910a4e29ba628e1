package dev.meshcall.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A REST request body as one JSON object, read as strictly as the WebSocket's frames ({@code ws.JacksonFrameDecoder}):
 * UTF-8 only (RFC 8259 section 8.1), checked by the JDK's decoder, which refuses overlong forms such as
 * {@code C0 AE} for {@code .}, lone surrogates and bytes that are no UTF-8 at all (UTF-16 and UTF-32 bodies among
 * them); no byte order mark; exactly one JSON value and nothing after it but white space. Refusals are 400
 * {@code bad_request} with a message in our words, never naming a parser class.
 */
final class JsonBody {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private JsonBody() {
    }

    /** The body's single JSON object; 400 naming what is wrong otherwise. */
    static JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request needs a JSON object body");
        }
        String text = utf8(body);
        if (text.charAt(0) == BYTE_ORDER_MARK) {
            throw ApiException.badRequest("malformed JSON: the body starts with a byte order mark");
        }
        JsonNode node;
        try (JsonParser parser = JsonExchange.MAPPER.createParser(text)) {
            node = JsonExchange.MAPPER.readTree(parser);
            if (node != null && hasMore(parser)) {
                throw ApiException.badRequest("malformed JSON: more after the first JSON value");
            }
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("malformed JSON: nested deeper than " + JsonExchange.MAX_DEPTH
                    + " levels or longer than " + JsonExchange.MAX_BODY_BYTES + " bytes");
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the request body", e);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** Whether anything but white space follows the value the parser has read, whether it is JSON or not. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JacksonException e) {
            return true;
        }
    }

    /**
     * The body as UTF-8 text. A NUL byte is valid UTF-8 but never in JSON text outside a string's escapes, and it is
     * what makes a UTF-16 or UTF-32 body of ASCII text look like UTF-8, so it is refused here with the same message.
     */
    private static String utf8(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                throw notUtf8();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static ApiException notUtf8() {
        return ApiException.badRequest("the body is not valid UTF-8 (JSON over HTTP is UTF-8, RFC 8259)");
    }
}
