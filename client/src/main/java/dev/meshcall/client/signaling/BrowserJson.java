package dev.meshcall.client.signaling;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * JSON text through the browser's own {@code JSON.parse}/{@code JSON.stringify}, as the plain trees
 * {@code FrameCodec} maps (the same trees the protocol's {@code JsonReader} makes on the JVM: {@link Map},
 * {@link List}, {@link String}, {@link Long} for safe integers, {@link Double}, {@link Boolean}, {@code null}). The
 * browser's parser keeps the number formatting and parsing code of Java out of {@code meshcall.js}.
 */
final class BrowserJson {
    private BrowserJson() {
    }

    /**
     * Parses JSON text into a plain tree.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_REQUEST} for text that is not JSON or nests too deep
     */
    static Object parse(String text) {
        JSObject result = tryParse(text);
        String error = errorOf(result);
        if (error != null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, null, "malformed JSON: " + error);
        }
        return toJava(valueOf(result), 0);
    }

    /** Encodes a plain tree as JSON text. */
    static String stringify(Object tree) {
        return jsonStringify(toJs(tree));
    }

    private static Object toJava(JSObject value, int depth) {
        String type = typeOf(value);
        switch (type) {
            case "string":
                return asString(value);
            case "boolean":
                return asBoolean(value);
            case "number":
                double number = asNumber(value);
                return isSafeInteger(value) ? (Object) (long) number : (Object) number;
            case "null":
                return null;
            case "array":
            case "object":
                if (depth + 1 > Limits.MAX_JSON_DEPTH) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, null,
                            "malformed JSON: nesting deeper than " + Limits.MAX_JSON_DEPTH);
                }
                if (type.equals("array")) {
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < length(value); i++) {
                        list.add(toJava(at(value, i), depth + 1));
                    }
                    return list;
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (String key : keys(value)) {
                    map.put(key, toJava(get(value, key), depth + 1));
                }
                return map;
            default:
                throw new ProtocolException(ErrorCode.BAD_REQUEST, null, "malformed JSON: a " + type + " value");
        }
    }

    private static JSObject toJs(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            return fromString((String) value);
        }
        if (value instanceof Boolean) {
            return fromBoolean((Boolean) value);
        }
        if (value instanceof Number) {
            return fromNumber(((Number) value).doubleValue());
        }
        if (value instanceof Map) {
            JSObject object = newObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                set(object, String.valueOf(entry.getKey()), toJs(entry.getValue()));
            }
            return object;
        }
        if (value instanceof List) {
            JSObject array = newArray();
            for (Object item : (List<?>) value) {
                push(array, toJs(item));
            }
            return array;
        }
        throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
    }

    @JSBody(params = "text", script = "try { return {value: JSON.parse(text)}; }"
            + " catch (e) { return {error: String(e && e.message)}; }")
    private static native JSObject tryParse(String text);

    @JSBody(params = "result", script = "return result.error === undefined ? null : result.error;")
    private static native String errorOf(JSObject result);

    @JSBody(params = "result", script = "return result.value;")
    private static native JSObject valueOf(JSObject result);

    @JSBody(params = "value", script = "return JSON.stringify(value);")
    private static native String jsonStringify(JSObject value);

    @JSBody(params = "v", script = "return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;")
    private static native String typeOf(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native String asString(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native boolean asBoolean(JSObject v);

    @JSBody(params = "v", script = "return v;")
    private static native double asNumber(JSObject v);

    @JSBody(params = "v", script = "return Number.isSafeInteger(v);")
    private static native boolean isSafeInteger(JSObject v);

    @JSBody(params = "v", script = "return v.length;")
    private static native int length(JSObject v);

    @JSBody(params = { "v", "i" }, script = "return v[i];")
    private static native JSObject at(JSObject v, int i);

    @JSBody(params = "v", script = "return Object.keys(v);")
    private static native String[] keys(JSObject v);

    @JSBody(params = { "v", "k" }, script = "return v[k];")
    private static native JSObject get(JSObject v, String k);

    @JSBody(script = "return {};")
    private static native JSObject newObject();

    @JSBody(script = "return [];")
    private static native JSObject newArray();

    @JSBody(params = { "o", "k", "v" }, script = "o[k] = v;")
    private static native void set(JSObject o, String k, JSObject v);

    @JSBody(params = { "a", "v" }, script = "a.push(v);")
    private static native void push(JSObject a, JSObject v);

    @JSBody(params = "s", script = "return s;")
    private static native JSObject fromString(String s);

    @JSBody(params = "n", script = "return n;")
    private static native JSObject fromNumber(double n);

    @JSBody(params = "b", script = "return b;")
    private static native JSObject fromBoolean(boolean b);
}
