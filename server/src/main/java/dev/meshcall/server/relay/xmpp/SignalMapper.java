package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the seed system's {@link ExtraParams} to a {@link Signal} and back. Reading accepts what the seed's own SDK
 * really sends (docs/xmpp.md, "How it works"): any child order, no
 * {@code userInfo} when empty, an empty {@code sdpMLineIndex} for 0, LF-only SDP (made CRLF again), and a
 * {@code reject} with {@code <reason>busy</reason>} (read as {@code busy: true}). Then every rule and limit of the
 * WebSocket form applies ({@link FrameCodec#signalFromTree}), so a signal from XMPP is checked exactly like one
 * from a browser. XML carries text only: {@code userInfo} values {@code true}/{@code false} and plain numbers are
 * read back as booleans and numbers.
 */
public final class SignalMapper {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})\\.[0-9]{0,14}[1-9]");
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    /** Fields that hold a number on the WebSocket. */
    private static final List<String> NUMBER_FIELDS = List.of("callType", "callerID");

    private SignalMapper() {
    }

    /** Whether the element is a call signal at all (and not another module's message of the seed system). */
    public static boolean isCallSignal(ExtraParams params) {
        return params.isMalformed() || ExtraParams.VIDEO_CHAT_MODULE.equals(params.moduleIdentifier());
    }

    /**
     * Reads a call signal.
     *
     * @throws ProtocolException naming the field when the element is malformed, not a call signal, or breaks a rule
     *     or limit of the protocol
     */
    @SuppressWarnings("unchecked")
    public static Signal toSignal(ExtraParams params) {
        if (params.isMalformed()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, ExtraParams.ELEMENT, params.problem());
        }
        if (!ExtraParams.VIDEO_CHAT_MODULE.equals(params.moduleIdentifier())) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "moduleIdentifier", "moduleIdentifier '"
                    + params.moduleIdentifier() + "' is not " + ExtraParams.VIDEO_CHAT_MODULE);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : params.fields().entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            switch (name) {
                case "moduleIdentifier" -> {
                    // checked above; implied on the WebSocket
                }
                case "opponentsIDs" -> {
                    List<Object> ids = new ArrayList<>();
                    for (String id : (List<String>) value) {
                        ids.add(number(name, id));
                    }
                    tree.put(name, ids);
                }
                case "userInfo" -> tree.put(name, userInfo((Map<String, String>) value));
                case "iceCandidates" -> tree.put(name, candidates((List<Map<String, String>>) value));
                case "sdp" -> tree.put(name, crlf((String) value));
                default -> {
                    if (value instanceof String text) {
                        if (!text.isEmpty()) {
                            tree.put(name, NUMBER_FIELDS.contains(name) ? number(name, text.trim()) : text);
                        }
                    } else {
                        throw new ProtocolException(ErrorCode.BAD_REQUEST, name, "<" + name + "> must hold text");
                    }
                }
            }
        }
        if ("reject".equals(tree.get("signalType")) && tree.get("userInfo") instanceof Map<?, ?> info
                && "busy".equals(info.get("reason")) && !info.containsKey("busy")) {
            ((Map<String, Object>) info).put("busy", Boolean.TRUE);
        }
        return FrameCodec.signalFromTree(tree);
    }

    /**
     * Writes a signal as the seed system does.
     *
     * @throws ProtocolException {@code bad_request} when a {@code userInfo} key is not an XML name, or a value holds
     *     a character XML cannot carry: such a signal cannot travel over XMPP
     */
    public static ExtraParams fromSignal(Signal signal) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("moduleIdentifier", ExtraParams.VIDEO_CHAT_MODULE);
        fields.put("signalType", signal.signalType().wireName());
        fields.put("sessionID", xmlText("sessionID", signal.sessionId()));
        if (signal.callType() != null) {
            fields.put("callType", Integer.toString(signal.callType().wireValue()));
        }
        if (signal.callerId() != null) {
            fields.put("callerID", signal.callerId().toString());
        }
        if (!signal.opponentsIds().isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (Integer id : signal.opponentsIds()) {
                ids.add(id.toString());
            }
            fields.put("opponentsIDs", ids);
        }
        if (signal.sdp() != null) {
            fields.put("sdp", xmlText("sdp", signal.sdp()));
        }
        if (signal.platform() != null) {
            fields.put("platform", xmlText("platform", signal.platform()));
        }
        if (!signal.userInfo().isEmpty()) {
            Map<String, Object> info = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : signal.userInfo().entrySet()) {
                String key = entry.getKey();
                if (!XML_NAME.matcher(key).matches()) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "userInfo." + key, "userInfo key '" + key
                            + "' cannot travel over XMPP: use letters, digits and _.- , starting with a letter");
                }
                info.put(key, xmlText("userInfo." + key, String.valueOf(entry.getValue())));
            }
            fields.put("userInfo", info);
        }
        if (!signal.iceCandidates().isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (IceCandidate candidate : signal.iceCandidates()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("candidate", xmlText("candidate", candidate.candidate()));
                if (candidate.sdpMid() != null) {
                    entry.put("sdpMid", xmlText("sdpMid", candidate.sdpMid()));
                }
                if (candidate.sdpMLineIndex() != null) {
                    entry.put("sdpMLineIndex", candidate.sdpMLineIndex().toString());
                }
                list.add(entry);
            }
            fields.put("iceCandidates", list);
        }
        return ExtraParams.of(fields);
    }

    private static Map<String, Object> userInfo(Map<String, String> info) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : info.entrySet()) {
            String value = entry.getValue();
            if (value.equals("true") || value.equals("false")) {
                result.put(entry.getKey(), Boolean.valueOf(value));
            } else if (WHOLE_NUMBER.matcher(value).matches()) {
                result.put(entry.getKey(), Long.valueOf(value));
            } else if (DECIMAL.matcher(value).matches()) {
                result.put(entry.getKey(), Double.valueOf(value));
            } else {
                result.put(entry.getKey(), value);
            }
        }
        return result;
    }

    private static List<Object> candidates(List<Map<String, String>> list) {
        List<Object> result = new ArrayList<>();
        for (Map<String, String> candidate : list) {
            Map<String, Object> entry = new LinkedHashMap<>();
            for (Map.Entry<String, String> part : candidate.entrySet()) {
                if (part.getKey().equals("sdpMLineIndex")) {
                    String index = part.getValue().trim();
                    entry.put("sdpMLineIndex", index.isEmpty() ? 0L : number("sdpMLineIndex", index));
                } else {
                    entry.put(part.getKey(), part.getValue());
                }
            }
            result.add(entry);
        }
        return result;
    }

    private static Long number(String field, String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, field, field + " must be a whole number, not '"
                    + (text.length() > 32 ? text.substring(0, 32) + "..." : text) + "'");
        }
        return Long.valueOf(text);
    }

    /** SDP lines end in CRLF (RFC 8866); XML may have turned them into LF. */
    static String crlf(String sdp) {
        if (sdp.indexOf('\n') < 0) {
            return sdp;
        }
        StringBuilder out = new StringBuilder(sdp.length() + 64);
        for (int i = 0; i < sdp.length(); i++) {
            char c = sdp.charAt(i);
            if (c == '\n' && (i == 0 || sdp.charAt(i - 1) != '\r')) {
                out.append('\r');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Refuses characters that XML 1.0 cannot carry: they would break the XMPP stream, not just this signal. */
    private static String xmlText(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 0x20 ? c != 0xFFFE && c != 0xFFFF && validSurrogate(text, i)
                    : c == '\t' || c == '\n' || c == '\r';
            if (!allowed) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, field, field + " holds the character U+"
                        + String.format("%04X", (int) c) + ", which cannot travel over XMPP");
            }
        }
        return text;
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return true;
    }
}
