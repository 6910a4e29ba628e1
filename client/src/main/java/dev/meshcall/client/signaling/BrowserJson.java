package dev.meshcall.client.signaling;

import dev.meshcall.protocol.Limits;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * JSON text through the browser's own {@code JSON.parse}/{@code JSON.stringify}, and typed reads of the values it
 * makes. The SDK works on these JavaScript values directly: no Java tree is built, so {@code meshcall.js} needs none
 * of Java's collections, boxing or number formatting for JSON.
 */
public final class BrowserJson {
    private BrowserJson() {
    }

    /**
     * Parses JSON text.
     *
     * @throws IllegalArgumentException {@code "malformed JSON: …"} for text that is not JSON or nests deeper than
     *     {@link Limits#MAX_JSON_DEPTH}
     */
    static JSObject parse(String text) {
        JSObject result = tryParse(text, Limits.MAX_JSON_DEPTH);
        String error = errorOf(result);
        if (error != null) {
            throw new IllegalArgumentException("malformed JSON: " + error);
        }
        return valueOf(result);
    }

    @JSBody(params = { "text", "maxDepth" }, script = "var value; try { value = JSON.parse(text); }"
            + " catch (e) { return {error: String(e && e.message)}; }"
            + " function deep(v, depth) { if (v === null || typeof v !== 'object') { return false; }"
            + " if (depth >= maxDepth) { return true; }"
            + " for (var k in v) { if (deep(v[k], depth + 1)) { return true; } } return false; }"
            + " return deep(value, 0) ? {error: 'nesting deeper than ' + maxDepth} : {value: value};")
    private static native JSObject tryParse(String text, int maxDepth);

    @JSBody(params = "result", script = "return result.error === undefined ? null : result.error;")
    private static native String errorOf(JSObject result);

    @JSBody(params = "result", script = "return result.value;")
    private static native JSObject valueOf(JSObject result);

    @JSBody(params = "value", script = "return JSON.stringify(value);")
    static native String stringify(JSObject value);

    /** {@code "null"} (also for a missing value), {@code "array"}, or the {@code typeof} of {@code v}. */
    @JSBody(params = "v", script = "return v == null ? 'null' : Array.isArray(v) ? 'array' : typeof v;")
    static native String kind(JSObject v);

    /** The own property {@code k} of object {@code v}, or {@code null}. */
    @JSBody(params = { "v", "k" }, script = "var x = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null;"
            + " return x === undefined ? null : x;")
    static native JSObject get(JSObject v, String k);

    @JSBody(params = "v", script = "return Object.keys(v);")
    static native String[] keys(JSObject v);

    @JSBody(params = "v", script = "return v.length;")
    static native int length(JSObject v);

    @JSBody(params = { "v", "i" }, script = "return v[i];")
    static native JSObject at(JSObject v, int i);

    @JSBody(params = "v", script = "return v;")
    static native String asString(JSObject v);

    @JSBody(params = "v", script = "return v;")
    static native int asInt(JSObject v);

    @JSBody(params = "v", script = "return v;")
    static native boolean asBoolean(JSObject v);

    /** Whether {@code v} is a whole number that JSON and Java agree on exactly (a safe integer). */
    @JSBody(params = "v", script = "return Number.isSafeInteger(v);")
    static native boolean isWhole(JSObject v);

    /**
     * The {@code maxBandwidth} of a signal's {@code userInfo} (an extension) in kbit/s when it is a number of at least
     * 1 (its whole part, at most {@link Integer#MAX_VALUE}); 0 otherwise, also without a {@code userInfo}.
     */
    @JSBody(params = "extension", script = "var v = extension && extension.maxBandwidth;"
            + " return typeof v === 'number' && v >= 1 ? Math.min(Math.floor(v), 2147483647) : 0;")
    public static native int bandwidthOf(JSObject extension);

    /** A number as JavaScript writes it (a safe integer is written as Java writes its {@code long}). */
    @JSBody(params = "v", script = "return String(v);")
    static native String text(JSObject v);
}
