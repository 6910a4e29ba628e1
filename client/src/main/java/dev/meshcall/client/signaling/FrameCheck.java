package dev.meshcall.client.signaling;

import static dev.meshcall.client.signaling.BrowserJson.get;
import static dev.meshcall.client.signaling.BrowserJson.isWhole;
import static dev.meshcall.client.signaling.BrowserJson.keys;
import static dev.meshcall.client.signaling.BrowserJson.kind;
import static dev.meshcall.client.signaling.BrowserJson.length;
import static dev.meshcall.client.signaling.BrowserJson.text;

import dev.meshcall.protocol.Limits;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The protocol's frame rules ({@code docs/protocol.md}) applied to a frame as the browser's {@code JSON.parse} made
 * it. They are the rules of the protocol module's {@code FrameCodec}, with its very messages, in the order it
 * checks them; {@code FrameCodec} works on Java trees, and bringing those into the page would cost
 * {@code meshcall.js} Java's collections and number formatting. {@code GoldenVectorsInBrowserIT} holds the two to
 * the same verdict, word for word, on every golden vector.
 */
public final class FrameCheck {
    // No static fields: a class with static state makes meshcall.js check its initialization in every method.

    private FrameCheck() {
    }

    /**
     * Checks one parsed frame.
     *
     * @return the frame's {@code op}
     * @throws IllegalArgumentException naming the first field that is missing, of the wrong type, or over its limit
     */
    static String frame(JSObject frame) {
        object(frame, "frame");
        String op = string(frame, "op", true, Limits.MAX_SHORT_STRING_CHARS);
        if (op.equals("auth")) {
            onlyKeys(frame, "frame", "op token");
            string(frame, "token", true, Limits.MAX_TOKEN_CHARS);
        } else if (op.equals("ready")) {
            // iceServers and ttl (the STUN/TURN servers) are accepted and not yet read: FrameCodec checks them.
            onlyKeys(frame, "frame", "op userId iceServers ttl");
            userId(frame, "userId", true);
        } else if (op.equals("signal")) {
            signalFrame(frame);
        } else if (op.equals("ping") || op.equals("pong")) {
            onlyKeys(frame, "frame", "op id");
            string(frame, "id", true, Limits.MAX_SHORT_STRING_CHARS);
        } else if (op.equals("presence")) {
            onlyKeys(frame, "frame", "op userId online");
            userId(frame, "userId", true);
            String online = kind(get(frame, "online"));
            if (!online.equals("boolean")) {
                throw bad(online.equals("null") ? "online is missing" : "online must be true or false");
            }
        } else if (op.equals("error")) {
            onlyKeys(frame, "frame", "op code message ref");
            String code = string(frame, "code", true, Limits.MAX_SHORT_STRING_CHARS);
            // The wire's error codes (ErrorCode in the protocol module).
            if (!oneOf(code, "bad_request unauthorized forbidden not_found too_large rate_limited unavailable")) {
                throw bad("unknown error code '" + code + "'");
            }
            string(frame, "message", true, Limits.MAX_USER_INFO_CHARS);
            string(frame, "ref", false, Limits.MAX_SHORT_STRING_CHARS);
        } else {
            throw bad("unknown op '" + op + "'");
        }
        return op;
    }

    private static void signalFrame(JSObject frame) {
        onlyKeys(frame, "frame", "op to from signal ref");
        boolean to = userId(frame, "to", false);
        boolean from = userId(frame, "from", false);
        if (to == from) {
            throw bad("a signal frame needs exactly one of 'to' (from a browser) and 'from' (from the server)");
        }
        signal(get(frame, "signal"));
        String ref = string(frame, "ref", false, Limits.MAX_SHORT_STRING_CHARS);
        if (from && ref != null) {
            throw bad("'ref' belongs to a browser's signal only");
        }
    }

    private static void signal(JSObject signal) {
        object(signal, "signal");
        for (String key : keys(signal)) {
            if (!oneOf(key,
                    "signalType sessionID callType callerID opponentsIDs sdp platform userInfo iceCandidates")) {
                throw bad("unknown signal field '" + key + "'");
            }
        }
        String type = string(signal, "signalType", true, Limits.MAX_SHORT_STRING_CHARS);
        boolean call = type.equals(CallSignal.CALL);
        boolean carriesSdp = call || type.equals(CallSignal.ACCEPT) || type.equals(CallSignal.ICE_RESTART)
                || type.equals(CallSignal.ICE_RESTART_ACCEPT);
        if (!carriesSdp && !type.equals(CallSignal.REJECT) && !type.equals(CallSignal.HANG_UP)
                && !type.equals(CallSignal.ICE_CANDIDATES)) {
            throw bad("unknown signalType '" + type + "'");
        }
        sessionId(signal);
        JSObject callType = get(signal, "callType");
        if (whole(signal, "callType", call || type.equals(CallSignal.ACCEPT))) {
            String value = text(callType);
            if (!value.equals("1") && !value.equals("2")) {
                throw bad("unknown callType " + value + " (1 = video, 2 = audio)");
            }
        }
        boolean hasCaller = userId(signal, "callerID", call);
        opponents(signal, call, hasCaller ? BrowserJson.asInt(get(signal, "callerID")) : 0);
        String sdp = string(signal, "sdp", carriesSdp, Integer.MAX_VALUE);
        if (sdp != null) {
            if (!carriesSdp) {
                throw bad("'sdp' is not part of " + type);
            }
            tooLong("sdp", sdp, Limits.MAX_SDP_CHARS);
        }
        string(signal, "platform", false, Limits.MAX_SHORT_STRING_CHARS);
        JSObject userInfo = get(signal, "userInfo");
        if (userInfo != null) {
            userInfo(userInfo);
        }
        candidates(get(signal, "iceCandidates"), type);
    }

    private static void sessionId(JSObject signal) {
        String sessionId = string(signal, "sessionID", true, Limits.MAX_SESSION_ID_CHARS);
        if (sessionId.isEmpty()) {
            throw bad("sessionID must not be empty");
        }
        if (!isIdText(sessionId)) {
            throw bad("sessionID may hold only letters, digits and '-'");
        }
    }

    /** Whether {@code s} holds only ASCII letters, digits and '-'. */
    @JSBody(params = "s", script = "return /^[A-Za-z0-9-]*$/.test(s);")
    private static native boolean isIdText(String s);

    private static void opponents(JSObject signal, boolean required, int callerId) {
        JSObject list = get(signal, "opponentsIDs");
        String kind = kind(list);
        if (kind.equals("null")) {
            if (required) {
                throw bad("opponentsIDs is missing");
            }
            return;
        }
        if (!kind.equals("array")) {
            throw bad("opponentsIDs must be an array");
        }
        int count = length(list);
        if (count == 0 || count > Limits.MAX_OPPONENTS) {
            throw bad("opponentsIDs must hold 1 to " + Limits.MAX_OPPONENTS + " ids (a mesh of at most 4), not "
                    + count);
        }
        int[] seen = new int[count];
        for (int i = 0; i < count; i++) {
            JSObject item = BrowserJson.at(list, i);
            if (!isUserId(item)) {
                throw bad("opponentsIDs must hold user ids: whole numbers from 1 to " + Integer.MAX_VALUE);
            }
            int id = BrowserJson.asInt(item);
            for (int j = 0; j < i; j++) {
                if (seen[j] == id) {
                    throw bad("opponentsIDs holds " + id + " twice");
                }
            }
            seen[i] = id;
        }
        for (int id : seen) {
            if (id == callerId) {
                throw bad("opponentsIDs must not contain the caller " + callerId);
            }
        }
    }

    private static void candidates(JSObject list, String type) {
        boolean expected = type.equals(CallSignal.ICE_CANDIDATES);
        String kind = kind(list);
        if (kind.equals("null")) {
            if (expected) {
                throw bad("iceCandidates is missing");
            }
            return;
        }
        if (!expected) {
            throw bad("'iceCandidates' is not part of " + type);
        }
        if (!kind.equals("array")) {
            throw bad("iceCandidates must be an array");
        }
        int count = length(list);
        if (count == 0) {
            throw bad("iceCandidates must not be empty");
        }
        if (count > Limits.MAX_CANDIDATES_PER_SIGNAL) {
            throw bad(count + " candidates in one signal, over the limit of " + Limits.MAX_CANDIDATES_PER_SIGNAL);
        }
        for (int i = 0; i < count; i++) {
            JSObject candidate = BrowserJson.at(list, i);
            object(candidate, "iceCandidates[]");
            onlyKeys(candidate, "iceCandidates[]", "candidate sdpMid sdpMLineIndex");
            tooLong("candidate", string(candidate, "candidate", true, Integer.MAX_VALUE), Limits.MAX_CANDIDATE_CHARS);
            string(candidate, "sdpMid", false, Limits.MAX_SHORT_STRING_CHARS);
            if (whole(candidate, "sdpMLineIndex", false)) {
                JSObject index = get(candidate, "sdpMLineIndex");
                if (!inRange(index, 0, 65535)) {
                    throw bad("sdpMLineIndex must be 0 to 65535, not " + text(index));
                }
            }
        }
    }

    /**
     * Checks a {@code userInfo} value: a flat object of at most {@link Limits#MAX_USER_INFO_KEYS} keys whose values
     * are strings, finite numbers or booleans, at most {@link Limits#MAX_USER_INFO_CHARS} long as JSON (a number
     * that is not a safe integer counts as 24 characters, its longest text, as {@code FrameCodec} counts it).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void userInfo(JSObject userInfo) {
        object(userInfo, "userInfo");
        String[] keys = keys(userInfo);
        if (keys.length > Limits.MAX_USER_INFO_KEYS) {
            throw bad("userInfo has " + keys.length + " keys, over the limit of " + Limits.MAX_USER_INFO_KEYS);
        }
        int encoded = 2 + Math.max(0, keys.length - 1);
        for (String key : keys) {
            JSObject value = get(userInfo, key);
            String kind = kind(value);
            encoded += encodedLength(key) + 1;
            if (kind.equals("string")) {
                encoded += encodedLength(BrowserJson.asString(value));
            } else if (kind.equals("boolean")) {
                encoded += BrowserJson.asBoolean(value) ? 4 : 5;
            } else if (kind.equals("number")) {
                if (!isFinite(value)) {
                    throw bad("userInfo." + key + " must be a finite number");
                }
                encoded += isWhole(value) ? text(value).length() : 24;
            } else {
                throw bad("userInfo." + key + " must be a string, number or boolean (userInfo is flat)");
            }
        }
        if (encoded > Limits.MAX_USER_INFO_CHARS) {
            throw bad("userInfo of " + encoded + " chars is over the limit of " + Limits.MAX_USER_INFO_CHARS);
        }
    }

    @JSBody(params = "v", script = "return isFinite(v);")
    private static native boolean isFinite(JSObject v);

    /** The length of a string once quoted and escaped as the protocol's {@code JsonWriter} writes it. */
    private static int encodedLength(String value) {
        int length = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            length += c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' ? 2 : c < 0x20 ? 6 : 1;
        }
        return length;
    }

    private static void object(JSObject value, String field) {
        String kind = kind(value);
        if (!kind.equals("object")) {
            throw bad(kind.equals("null") ? field + " is missing" : field + " must be a JSON object");
        }
    }

    /** Refuses a key of {@code object} that is not in {@code allowed} (names separated by spaces). */
    private static void onlyKeys(JSObject object, String where, String allowed) {
        for (String key : keys(object)) {
            if (!oneOf(key, allowed)) {
                throw bad("unknown field '" + key + "' in " + where);
            }
        }
    }

    /**
     * Whether {@code value} is one of {@code names}, separated by spaces (a list as one string: a Java array of
     * them would cost {@code meshcall.js} the code that fills it at every call site).
     */
    @JSBody(params = { "value", "names" }, script = "return names.split(' ').indexOf(value) >= 0;")
    private static native boolean oneOf(String value, String names);

    /** The string field {@code key}, or {@code null} when it is absent and not {@code required}. */
    private static String string(JSObject object, String key, boolean required, int maxChars) {
        JSObject value = get(object, key);
        String kind = kind(value);
        if (kind.equals("null")) {
            if (required) {
                throw bad(key + " is missing");
            }
            return null;
        }
        if (!kind.equals("string")) {
            throw bad(key + " must be a string");
        }
        String text = BrowserJson.asString(value);
        tooLong(key, text, maxChars);
        return text;
    }

    private static void tooLong(String key, String text, int maxChars) {
        if (text.length() > maxChars) {
            throw bad(key + " of " + text.length() + " chars is over the limit of " + maxChars);
        }
    }

    /** Whether the whole-number field {@code key} is there. */
    private static boolean whole(JSObject object, String key, boolean required) {
        boolean present = present(object, key, required);
        if (present && !isWhole(get(object, key))) {
            throw bad(key + " must be a whole number");
        }
        return present;
    }

    /** Whether the user id field {@code key} is there. */
    private static boolean userId(JSObject object, String key, boolean required) {
        boolean present = present(object, key, required);
        if (present && !isUserId(get(object, key))) {
            throw bad(key + " must hold user ids: whole numbers from 1 to " + Integer.MAX_VALUE);
        }
        return present;
    }

    /** Whether the field {@code key} has a value other than {@code null}; refuses its absence when required. */
    private static boolean present(JSObject object, String key, boolean required) {
        if (get(object, key) != null) {
            return true;
        }
        if (required) {
            throw bad(key + " is missing");
        }
        return false;
    }

    private static boolean isUserId(JSObject value) {
        return isWhole(value) && inRange(value, 1, Integer.MAX_VALUE);
    }

    @JSBody(params = { "v", "min", "max" }, script = "return v >= min && v <= max;")
    private static native boolean inRange(JSObject v, int min, int max);

    /** A refusal; the SDK only logs it, so the protocol's error code (bad_request, too_large) is left out. */
    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
