package dev.meshcall.client.api;

import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @JSBody(params = "object", script = "return Object.keys(object);")
    private static native String[] keys(JSObject object);

    @JSBody(params = { "object", "key" }, script = "return typeof object[key];")
    private static native String typeOf(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return object[key];")
    private static native String getString(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return object[key];")
    private static native double getNumber(JSObject object, String key);

    @JSBody(params = { "object", "key" }, script = "return object[key];")
    private static native boolean getBoolean(JSObject object, String key);

    @JSBody(params = { "object", "key", "value" }, script = "object[key] = value;")
    private static native void setString(JSObject object, String key, String value);

    @JSBody(params = { "object", "key", "value" }, script = "object[key] = value;")
    private static native void setNumber(JSObject object, String key, double value);

    @JSBody(params = { "object", "key", "value" }, script = "object[key] = value;")
    private static native void setBoolean(JSObject object, String key, boolean value);

    /**
     * An {@code extension} object as the flat map the protocol carries in {@code userInfo}: strings, numbers and
     * booleans only, within the protocol's limits. {@code undefined} or {@code null} is an empty map.
     *
     * @throws IllegalArgumentException naming the key that cannot be sent
     */
    static Map<String, Object> extension(JSObject value) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (!isObject(value)) {
            return map;
        }
        for (String key : keys(value)) {
            String type = typeOf(value, key);
            if ("string".equals(type)) {
                map.put(key, getString(value, key));
            } else if ("number".equals(type)) {
                map.put(key, getNumber(value, key));
            } else if ("boolean".equals(type)) {
                map.put(key, getBoolean(value, key));
            } else if (!"undefined".equals(type)) {
                throw new IllegalArgumentException("extension." + key
                        + " must be a string, number or boolean (the extension is sent as flat userInfo)");
            }
        }
        try {
            return FrameCodec.userInfo(map);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("extension cannot be sent: " + e.getMessage());
        }
    }

    /** A {@code userInfo} map as a fresh JavaScript object. */
    static JSObject toObject(Map<String, Object> map) {
        JSObject object = newObject();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof String) {
                setString(object, entry.getKey(), (String) value);
            } else if (value instanceof Boolean) {
                setBoolean(object, entry.getKey(), (Boolean) value);
            } else if (value instanceof Number) {
                setNumber(object, entry.getKey(), ((Number) value).doubleValue());
            }
        }
        return object;
    }
}
