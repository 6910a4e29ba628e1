package dev.meshcall.server.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's frame decoder: Jackson's streaming parser reads the text straight into a plain tree (maps, lists,
 * strings, numbers, booleans), and {@link FrameCodec#fromTree} checks and maps it, exactly as the browser's decoder
 * does with its own parser, so the golden vectors hold for both. Jackson is held to the protocol's limits
 * ({@code StreamReadConstraints}: nesting 8, 64 KiB strings and documents; duplicate keys rejected), since its
 * defaults are far looser. Numbers take the browser parser's forms: integral numbers of up to 18 characters become
 * {@link Long}, everything else {@link Double}. One pass and no intermediate tree: this runs for every frame.
 */
public final class JacksonFrameDecoder {
    /** The range of integral numbers written in at most 18 characters (sign included). */
    private static final long MAX_LONG = 999_999_999_999_999_999L;
    private static final long MIN_LONG = -99_999_999_999_999_999L;

    private final JsonFactory factory;

    public JacksonFrameDecoder() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                        .maxStringLength(Limits.MAX_FRAME_BYTES)
                        .maxDocumentLength(Limits.MAX_FRAME_BYTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /**
     * Parses and checks one frame's text.
     *
     * @throws ProtocolException {@code too_large} when the text is over the frame limit, {@code bad_request} when it
     *     is not JSON ("malformed JSON: ...") or not a valid frame (naming the field)
     */
    public Frame decode(String text) {
        return FrameCodec.fromTree(parse(text));
    }

    /**
     * Parses one frame's text into a plain JSON tree, without checking it as a frame: the caller can read the
     * frame's {@code ref} before {@link FrameCodec#fromTree} rejects it, to echo it in the error.
     *
     * @throws ProtocolException {@code too_large} when the text is over the frame limit, {@code bad_request}
     *     "malformed JSON: ..." when it is not JSON within the limits
     */
    public Object parse(String text) {
        FrameCodec.checkLength(text);
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("No content to map due to end-of-input");
            }
            Object tree = read(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw malformed("Trailing token (of type " + trailing + ") found after value");
            }
            return tree;
        } catch (JacksonException e) {
            throw malformed(e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());  // not thrown when reading a String; the parser's API declares it
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    array.add(read(parser, item));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return integral(parser);
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw malformed("unexpected " + token);
        }
    }

    private static Object integral(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
            long number = parser.getLongValue();
            return number >= MIN_LONG && number <= MAX_LONG ? (Object) number : (Object) (double) number;
        }
        return parser.getDoubleValue();
    }

    private static ProtocolException malformed(String why) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, null, "malformed JSON: " + why);
    }
}
