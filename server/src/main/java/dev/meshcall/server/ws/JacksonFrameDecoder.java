package dev.meshcall.server.ws;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.ProtocolException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's frame decoder: Jackson parses the text into a plain tree, {@link FrameCodec#fromTree} checks and maps
 * it, exactly as the browser's decoder does with its own parser, so the golden vectors hold for both. Jackson is
 * held to the protocol's limits ({@code StreamReadConstraints}: nesting 8, 64 KiB strings and documents; duplicate
 * keys rejected), since its defaults are far looser. Numbers are normalized to the browser parser's forms: integral
 * numbers of up to 18 characters become {@link Long}, everything else {@link Double}.
 */
public final class JacksonFrameDecoder {
    private static final int MAX_LONG_CHARS = 18;

    private final ObjectMapper mapper;

    public JacksonFrameDecoder() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                        .maxStringLength(Limits.MAX_FRAME_BYTES)
                        .maxDocumentLength(Limits.MAX_FRAME_BYTES)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        try {
            return normalize(mapper.readValue(text, Object.class));
        } catch (JacksonException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, null, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                result.put((String) entry.getKey(), normalize(entry.getValue()));
            }
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object item : list) {
                result.add(normalize(item));
            }
            return result;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            return Long.toString(number).length() <= MAX_LONG_CHARS ? (Object) number : (Object) (double) number;
        }
        if (value instanceof BigInteger || value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
