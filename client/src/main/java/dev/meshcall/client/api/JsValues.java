package dev.meshcall.client.api;

import dev.meshcall.client.signaling.FrameCheck;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Conversions between the JavaScript values an app passes and the plain Java the SDK core works on. Every check
 * that fails throws an exception whose message names the argument, which reaches the app as a JavaScript
 * {@code Error}.
 */
final class JsValues {
    private JsValues() {
    }

    @JSBody(params = "value", script = "return value !== null && typeof value === 'object';")
    static native boolean isObject(JSObject value);

    @JSBody(script = "return {};")
    static native JSObject newObject();

    @JSBody(script = "return location.origin;")
    static native String pageOrigin();

    @JSBody(params = { "object", "key" }, script = "var v = object[key]; return typeof v === 'string' ? v : null;")
    static native String stringProperty(JSObject object, String key);

    @JSBody(params = { "object", "key" },
            script = "var v = object[key]; return v !== null && typeof v === 'object' ? v : null;")
    static native JSObject objectProperty(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return typeof object[key] === 'number';")
    static native boolean hasNumber(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return +object[key];")
    static native double numberProperty(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return object[key] === true;")
    static native boolean booleanProperty(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return object[key] === false;")
    static native boolean isFalse(JSObject object, String key);

    @JSBody(script = "return {busy: true};")
    static native JSObject busyExtension();

    @JSBody(params = { "value", "otherwise" },
            script = "return typeof value === 'number' && value > 0 ? value : otherwise;")
    static native double positiveNumberOr(JSObject value, double otherwise);

    @JSBody(params = "message", script = "return new Error(message);")
    static native JSObject error(String message);

    /**
     * User ids from a JavaScript array: numbers, or strings of digits; anything else becomes -1, for the caller to
     * refuse. {@code null} when {@code array} is not an array.
     */
    @JSBody(params = "array", script = "if (!Array.isArray(array)) { return null; }"
            + " return array.map(function (x) {"
            + " if (typeof x === 'number' && Number.isInteger(x) && x > 0 && x < 2147483648) { return x; }"
            + " if (typeof x === 'string' && /^[1-9][0-9]{0,9}$/.test(x) && +x < 2147483648) { return +x; }"
            + " return -1; });")
    static native int[] userIds(JSObject array);

    /**
     * An {@code extension} object as a fresh flat object to send as {@code userInfo}: its strings, numbers and
     * booleans (keys whose value is {@code undefined} are left out), within the protocol's limits. {@code undefined}
     * or {@code null} is an empty object.
     *
     * @throws IllegalArgumentException naming the key that cannot be sent
     */
    static JSObject extension(JSObject value) {
        JSObject copy = newObject();
        if (!isObject(value)) {
            return copy;
        }
        String nested = copyFlat(value, copy);
        if (nested != null) {
            throw new IllegalArgumentException("extension." + nested
                    + " must be a string, number or boolean (the extension is sent as flat userInfo)");
        }
        try {
            FrameCheck.userInfo(copy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("extension cannot be sent: " + e.getMessage());
        }
        return copy;
    }

    /** Copies the flat entries of {@code from} into {@code to}; returns the first key that is not flat, or null. */
    @JSBody(params = { "from", "to" }, script = "var keys = Object.keys(from);"
            + " for (var i = 0; i < keys.length; i++) { var v = from[keys[i]], t = typeof v;"
            + " if (t === 'string' || t === 'number' || t === 'boolean') { to[keys[i]] = v; }"
            + " else if (t !== 'undefined') { return keys[i]; } } return null;")
    private static native String copyFlat(JSObject from, JSObject to);

    /**
     * {@code extension} with {@code maxBandwidth: kbps} when it has no {@code maxBandwidth} of its own and
     * {@code kbps} is above 0: the session's cap travels to the callees in the {@code call}'s {@code userInfo}.
     */
    @JSBody(params = { "extension", "kbps" }, script = "if (kbps > 0 && extension.maxBandwidth === undefined) {"
            + " extension.maxBandwidth = kbps; } return extension;")
    static native JSObject withBandwidth(JSObject extension, int kbps);
}
