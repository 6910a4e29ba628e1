package dev.meshcall.protocol;

import dev.meshcall.protocol.json.JsonReader;
import dev.meshcall.protocol.json.JsonWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps frames to and from plain JSON trees, checking every field's type and every limit of
 * {@code docs/protocol.md}. Both sides use this one mapping: the browser parses text with {@link JsonReader}, the
 * server with Jackson into the same kind of tree, so the two can never disagree about what a frame means. Anything
 * out of shape is a {@link ProtocolException} that names the field.
 */
public final class FrameCodec {
    private static final Set<String> SIGNAL_KEYS = keys("signalType", "sessionID", "callType", "callerID",
            "opponentsIDs", "sdp", "platform", "userInfo", "iceCandidates");
    private static final Set<String> CANDIDATE_KEYS = keys("candidate", "sdpMid", "sdpMLineIndex");
    private static final Set<String> ICE_SERVER_KEYS = keys("urls", "username", "credential");
    private static final String NOT_URLS = "urls must be a non-empty array of strings";

    private FrameCodec() {
    }

    /**
     * Parses and checks one frame's text.
     *
     * @throws ProtocolException when the text is too long, not JSON, or not a valid frame
     */
    public static Frame decode(String text) {
        checkLength(text);
        return fromTree(JsonReader.parse(text, Limits.MAX_JSON_DEPTH));
    }

    /**
     * Refuses a frame text longer than {@link Limits#MAX_FRAME_BYTES} characters, before any parsing. (The server's
     * WebSocket layer also caps the frame in bytes.)
     *
     * @throws ProtocolException with {@link ErrorCode#TOO_LARGE}
     */
    public static void checkLength(String text) {
        if (text.length() > Limits.MAX_FRAME_BYTES) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, null,
                    "frame of " + text.length() + " chars is over the limit of " + Limits.MAX_FRAME_BYTES);
        }
    }

    /** Encodes a frame as compact JSON text. */
    public static String encode(Frame frame) {
        return JsonWriter.write(toTree(frame));
    }

    /**
     * Checks a parsed JSON tree and maps it to a frame.
     *
     * @param tree a {@link Map} as {@link JsonReader} or Jackson produce it
     * @throws ProtocolException naming the first field that is missing, of the wrong type, or over its limit
     */
    public static Frame fromTree(Object tree) {
        Map<String, Object> map = object(tree, "frame");
        Op op = Op.fromWire(string(map, "op", true, Limits.MAX_SHORT_STRING_CHARS));
        switch (op) {
            case AUTH:
                onlyKeys(map, "frame", "op", "token");
                return Frame.auth(string(map, "token", true, Limits.MAX_TOKEN_CHARS));
            case READY:
                onlyKeys(map, "frame", "op", "userId", "iceServers", "ttl");
                return readyFrame(map);
            case SIGNAL:
                return signalFrame(map);
            case PING:
                onlyKeys(map, "frame", "op", "id");
                return Frame.ping(string(map, "id", true, Limits.MAX_SHORT_STRING_CHARS));
            case PONG:
                onlyKeys(map, "frame", "op", "id");
                return Frame.pong(string(map, "id", true, Limits.MAX_SHORT_STRING_CHARS));
            case PRESENCE:
                onlyKeys(map, "frame", "op", "userId", "online");
                return Frame.presence(userId(map, "userId", true), bool(map, "online"));
            case ERROR:
                onlyKeys(map, "frame", "op", "code", "message", "ref");
                return Frame.error(ErrorCode.fromWire(string(map, "code", true, Limits.MAX_SHORT_STRING_CHARS)),
                        string(map, "message", true, Limits.MAX_USER_INFO_CHARS),
                        string(map, "ref", false, Limits.MAX_SHORT_STRING_CHARS));
            default:
                throw new IllegalStateException("unhandled op " + op);
        }
    }

    private static Frame readyFrame(Map<String, Object> map) {
        int userId = userId(map, "userId", true);
        List<IceServer> servers = iceServersFromTree(map.get("iceServers"));
        Long ttl = integer(map, "ttl", false);
        if (ttl != null && (ttl < 1 || ttl > Integer.MAX_VALUE)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "ttl",
                    "ttl must be seconds from 1 to " + Integer.MAX_VALUE + ", not " + ttl);
        }
        if (servers.isEmpty()) {
            if (ttl != null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "ttl", "'ttl' belongs to iceServers");
            }
            return Frame.ready(userId);
        }
        return Frame.ready(userId, servers, ttl == null ? null : ttl.intValue());
    }

    /**
     * Checks an {@code iceServers} value: 1 to {@link Limits#MAX_ICE_SERVERS} W3C {@code RTCIceServer} objects,
     * each with 1 to {@link Limits#MAX_ICE_SERVER_URLS} {@code urls} (an array of strings) and either both
     * {@code username} and {@code credential} or neither.
     *
     * @param tree the value, or {@code null} for none (an empty list comes back)
     */
    public static List<IceServer> iceServersFromTree(Object tree) {
        List<IceServer> result = new ArrayList<>();
        if (tree == null) {
            return result;
        }
        if (!(tree instanceof List)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "iceServers", "iceServers must be an array");
        }
        List<?> list = (List<?>) tree;
        if (list.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "iceServers",
                    "iceServers must not be empty (leave it out)");
        }
        if (list.size() > Limits.MAX_ICE_SERVERS) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "iceServers", list.size()
                    + " ICE servers, over the limit of " + Limits.MAX_ICE_SERVERS);
        }
        for (Object item : list) {
            Map<String, Object> entry = object(item, "iceServers[]");
            onlyKeys(entry, "iceServers[]", ICE_SERVER_KEYS);
            Object urls = entry.get("urls");
            if (!(urls instanceof List) || ((List<?>) urls).isEmpty()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "urls",
                        urls == null ? "urls is missing" : NOT_URLS);
            }
            List<?> given = (List<?>) urls;
            if (given.size() > Limits.MAX_ICE_SERVER_URLS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "urls", given.size()
                        + " urls in one ICE server, over the limit of " + Limits.MAX_ICE_SERVER_URLS);
            }
            List<String> checked = new ArrayList<>();
            for (Object url : given) {
                if (!(url instanceof String)) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "urls", NOT_URLS);
                }
                String text = (String) url;
                if (text.length() > Limits.MAX_SHORT_STRING_CHARS) {
                    throw new ProtocolException(ErrorCode.TOO_LARGE, "urls", "a url of " + text.length()
                            + " chars is over the limit of " + Limits.MAX_SHORT_STRING_CHARS);
                }
                checked.add(text);
            }
            String username = string(entry, "username", false, Limits.MAX_SHORT_STRING_CHARS);
            String credential = string(entry, "credential", false, Limits.MAX_SHORT_STRING_CHARS);
            if ((username == null) != (credential == null)) {
                String missing = username == null ? "username" : "credential";
                throw new ProtocolException(ErrorCode.BAD_REQUEST, missing,
                        "an ICE server needs both username and credential, or neither: " + missing + " is missing");
            }
            result.add(new IceServer(checked, username, credential));
        }
        return result;
    }

    /** Maps ICE servers to a plain JSON tree with the W3C {@code RTCIceServer} names; unset fields are left out. */
    public static List<Object> iceServersToTree(List<IceServer> servers) {
        List<Object> list = new ArrayList<>();
        for (IceServer server : servers) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("urls", new ArrayList<Object>(server.urls()));
            putIfSet(entry, "username", server.username());
            putIfSet(entry, "credential", server.credential());
            list.add(entry);
        }
        return list;
    }

    private static Frame signalFrame(Map<String, Object> map) {
        onlyKeys(map, "frame", "op", "to", "from", "signal", "ref");
        Integer to = userId(map, "to", false);
        Integer from = userId(map, "from", false);
        if ((to == null) == (from == null)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "to",
                    "a signal frame needs exactly one of 'to' (from a browser) and 'from' (from the server)");
        }
        Signal signal = signalFromTree(map.get("signal"));
        String ref = string(map, "ref", false, Limits.MAX_SHORT_STRING_CHARS);
        if (to != null) {
            return Frame.signalTo(to, signal, ref);
        }
        if (ref != null) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "ref", "'ref' belongs to a browser's signal only");
        }
        return Frame.signalFrom(from, signal);
    }

    /** Maps a frame to a plain JSON tree with the wire names. */
    public static Map<String, Object> toTree(Frame frame) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("op", frame.op().wireName());
        putIfSet(map, "token", frame.token());
        putIfSet(map, "userId", frame.userId());
        if (frame.iceServers() != null) {
            map.put("iceServers", iceServersToTree(frame.iceServers()));
        }
        putIfSet(map, "ttl", frame.ttl());
        putIfSet(map, "online", frame.online());
        putIfSet(map, "to", frame.to());
        putIfSet(map, "from", frame.from());
        if (frame.signal() != null) {
            map.put("signal", signalToTree(frame.signal()));
        }
        putIfSet(map, "id", frame.id());
        if (frame.code() != null) {
            map.put("code", frame.code().wireName());
        }
        putIfSet(map, "message", frame.message());
        putIfSet(map, "ref", frame.ref());
        return map;
    }

    /**
     * Checks a signal's JSON tree and maps it to a {@link Signal}: the required fields of its type are there, no
     * field is over its limit, {@code userInfo} is flat.
     */
    public static Signal signalFromTree(Object tree) {
        Map<String, Object> map = object(tree, "signal");
        for (String key : map.keySet()) {
            if (!SIGNAL_KEYS.contains(key)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, key, "unknown signal field '" + key + "'");
            }
        }
        SignalType type = SignalType.fromWire(string(map, "signalType", true, Limits.MAX_SHORT_STRING_CHARS));
        String sessionId = sessionId(map);
        Signal.Builder builder = Signal.builder(type, sessionId);

        Long callType = integer(map, "callType", type == SignalType.CALL || type == SignalType.ACCEPT);
        if (callType != null) {
            builder.callType(CallType.fromWire(callType));
        }
        Integer callerId = userId(map, "callerID", type == SignalType.CALL);
        builder.callerId(callerId);
        List<Integer> opponents = opponents(map, type == SignalType.CALL);
        if (callerId != null && opponents.contains(callerId)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "opponentsIDs",
                    "opponentsIDs must not contain the caller " + callerId);
        }
        builder.opponentsIds(opponents);

        String sdp = string(map, "sdp", type.carriesSdp(), Integer.MAX_VALUE);
        if (sdp != null) {
            if (!type.carriesSdp()) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "sdp", "'sdp' is not part of " + type.wireName());
            }
            if (sdp.length() > Limits.MAX_SDP_CHARS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "sdp",
                        "sdp of " + sdp.length() + " chars is over the limit of " + Limits.MAX_SDP_CHARS);
            }
            builder.sdp(sdp);
        }
        builder.platform(string(map, "platform", false, Limits.MAX_SHORT_STRING_CHARS));
        builder.userInfo(userInfo(map.get("userInfo")));
        builder.iceCandidates(candidates(map, type));
        return builder.build();
    }

    /** Maps a signal to a plain JSON tree with the wire names; fields that are not set are left out. */
    public static Map<String, Object> signalToTree(Signal signal) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("signalType", signal.signalType().wireName());
        map.put("sessionID", signal.sessionId());
        if (signal.callType() != null) {
            map.put("callType", (long) signal.callType().wireValue());
        }
        putIfSet(map, "callerID", signal.callerId());
        if (!signal.opponentsIds().isEmpty()) {
            map.put("opponentsIDs", new ArrayList<Object>(signal.opponentsIds()));
        }
        putIfSet(map, "sdp", signal.sdp());
        putIfSet(map, "platform", signal.platform());
        if (!signal.userInfo().isEmpty()) {
            map.put("userInfo", new LinkedHashMap<String, Object>(signal.userInfo()));
        }
        if (!signal.iceCandidates().isEmpty()) {
            List<Object> list = new ArrayList<>();
            for (IceCandidate candidate : signal.iceCandidates()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("candidate", candidate.candidate());
                putIfSet(entry, "sdpMid", candidate.sdpMid());
                putIfSet(entry, "sdpMLineIndex", candidate.sdpMLineIndex());
                list.add(entry);
            }
            map.put("iceCandidates", list);
        }
        return map;
    }

    /**
     * Checks a {@code userInfo} value: a flat object of at most {@link Limits#MAX_USER_INFO_KEYS} keys whose values
     * are strings, finite numbers or booleans, at most {@link Limits#MAX_USER_INFO_CHARS} encoded. Integral numbers
     * come back as {@link Long}, others as {@link Double}.
     *
     * @param tree the value, or {@code null} for none
     */
    public static Map<String, Object> userInfo(Object tree) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (tree == null) {
            return result;
        }
        Map<String, Object> map = object(tree, "userInfo");
        if (map.size() > Limits.MAX_USER_INFO_KEYS) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "userInfo",
                    "userInfo has " + map.size() + " keys, over the limit of " + Limits.MAX_USER_INFO_KEYS);
        }
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            String field = "userInfo." + entry.getKey();
            if (value instanceof String || value instanceof Boolean) {
                result.put(entry.getKey(), value);
            } else if (value instanceof Number) {
                result.put(entry.getKey(), normalizeNumber((Number) value, field));
            } else {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, field,
                        field + " must be a string, number or boolean (userInfo is flat)");
            }
        }
        int encoded = JsonWriter.encodedLength(result);
        if (encoded > Limits.MAX_USER_INFO_CHARS) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "userInfo",
                    "userInfo of " + encoded + " chars is over the limit of " + Limits.MAX_USER_INFO_CHARS);
        }
        return result;
    }

    private static Object normalizeNumber(Number value, String field) {
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, field, field + " must be a finite number");
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return (long) d;
            }
            return d;
        }
        long whole = value.longValue();
        return (double) whole == value.doubleValue() ? (Object) whole : (Object) value.doubleValue();
    }

    static String sessionId(Map<String, Object> map) {
        String sessionId = string(map, "sessionID", true, Limits.MAX_SESSION_ID_CHARS);
        if (sessionId.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "sessionID", "sessionID must not be empty");
        }
        for (int i = 0; i < sessionId.length(); i++) {
            char c = sessionId.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "sessionID",
                        "sessionID may hold only letters, digits and '-'");
            }
        }
        return sessionId;
    }

    private static List<Integer> opponents(Map<String, Object> map, boolean required) {
        Object value = map.get("opponentsIDs");
        List<Integer> result = new ArrayList<>();
        if (value == null) {
            if (required) {
                throw missing("opponentsIDs");
            }
            return result;
        }
        if (!(value instanceof List)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "opponentsIDs", "opponentsIDs must be an array");
        }
        List<?> list = (List<?>) value;
        if (list.isEmpty() || list.size() > Limits.MAX_OPPONENTS) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "opponentsIDs", "opponentsIDs must hold 1 to "
                    + Limits.MAX_OPPONENTS + " ids (a mesh of at most 4), not " + list.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (Object item : list) {
            int id = toUserId(item, "opponentsIDs");
            if (!seen.add(id)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "opponentsIDs",
                        "opponentsIDs holds " + id + " twice");
            }
            result.add(id);
        }
        return result;
    }

    private static List<IceCandidate> candidates(Map<String, Object> map, SignalType type) {
        Object value = map.get("iceCandidates");
        List<IceCandidate> result = new ArrayList<>();
        if (value == null) {
            if (type == SignalType.ICE_CANDIDATES) {
                throw missing("iceCandidates");
            }
            return result;
        }
        if (type != SignalType.ICE_CANDIDATES) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "iceCandidates",
                    "'iceCandidates' is not part of " + type.wireName());
        }
        if (!(value instanceof List)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "iceCandidates", "iceCandidates must be an array");
        }
        List<?> list = (List<?>) value;
        if (list.isEmpty()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "iceCandidates", "iceCandidates must not be empty");
        }
        if (list.size() > Limits.MAX_CANDIDATES_PER_SIGNAL) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "iceCandidates", list.size()
                    + " candidates in one signal, over the limit of " + Limits.MAX_CANDIDATES_PER_SIGNAL);
        }
        for (Object item : list) {
            Map<String, Object> entry = object(item, "iceCandidates[]");
            onlyKeys(entry, "iceCandidates[]", CANDIDATE_KEYS);
            String candidate = string(entry, "candidate", true, Integer.MAX_VALUE);
            if (candidate.length() > Limits.MAX_CANDIDATE_CHARS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "candidate", "candidate of " + candidate.length()
                        + " chars is over the limit of " + Limits.MAX_CANDIDATE_CHARS);
            }
            String sdpMid = string(entry, "sdpMid", false, Limits.MAX_SHORT_STRING_CHARS);
            Long index = integer(entry, "sdpMLineIndex", false);
            if (index != null && (index < 0 || index > 65535)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "sdpMLineIndex",
                        "sdpMLineIndex must be 0 to 65535, not " + index);
            }
            result.add(new IceCandidate(candidate, sdpMid, index == null ? null : index.intValue()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String field) {
        if (!(value instanceof Map)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, field,
                    value == null ? field + " is missing" : field + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    static void onlyKeys(Map<String, Object> map, String where, String... allowed) {
        onlyKeys(map, where, keys(allowed));
    }

    private static void onlyKeys(Map<String, Object> map, String where, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, key, "unknown field '" + key + "' in " + where);
            }
        }
    }

    static String string(Map<String, Object> map, String key, boolean required, int maxChars) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw missing(key);
            }
            return null;
        }
        if (!(value instanceof String)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, key, key + " must be a string");
        }
        String text = (String) value;
        if (text.length() > maxChars) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, key,
                    key + " of " + text.length() + " chars is over the limit of " + maxChars);
        }
        return text;
    }

    private static boolean bool(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Boolean)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, key,
                    value == null ? key + " is missing" : key + " must be true or false");
        }
        return (Boolean) value;
    }

    private static Long integer(Map<String, Object> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw missing(key);
            }
            return null;
        }
        if (!isIntegral(value)) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, key, key + " must be a whole number");
        }
        return ((Number) value).longValue();
    }

    static Integer userId(Map<String, Object> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                throw missing(key);
            }
            return null;
        }
        return toUserId(value, key);
    }

    private static int toUserId(Object value, String field) {
        if (!isIntegral(value) || ((Number) value).longValue() < 1
                || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, field,
                    field + " must hold user ids: whole numbers from 1 to " + Integer.MAX_VALUE);
        }
        return ((Number) value).intValue();
    }

    /**
     * Whether a parsed number is a whole number that fits a {@code long}: {@link Long}, {@link Integer} or
     * {@link Short}, or another integral type (Jackson's {@code BigInteger}) whose value survives the conversion.
     * Written without naming {@code BigInteger}, which would cost the browser bundle its whole implementation.
     */
    private static boolean isIntegral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return true;
        }
        if (!(value instanceof Number) || value instanceof Double || value instanceof Float) {
            return false;
        }
        Number number = (Number) value;
        return (double) number.longValue() == number.doubleValue() && Math.abs(number.doubleValue()) < 9.2e18;
    }

    private static ProtocolException missing(String key) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, key, key + " is missing");
    }

    static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value instanceof Integer ? Long.valueOf((Integer) value) : value);
        }
    }

    private static Set<String> keys(String... names) {
        return new HashSet<>(Arrays.asList(names));
    }
}
