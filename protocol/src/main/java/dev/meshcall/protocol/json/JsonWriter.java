package dev.meshcall.protocol.json;

import java.util.List;
import java.util.Map;

/**
 * Writes the plain trees that {@link JsonReader} reads back: {@link Map}, {@link List}, {@link CharSequence},
 * {@link Number}, {@link Boolean} and {@code null}. Integral doubles are written without a fraction, as JavaScript
 * writes them, so that a number survives a round trip through the browser unchanged.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** Encodes a tree as compact JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence) {
            writeString(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue() ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(((Number) value).doubleValue(), out);
        } else if (value instanceof Number) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    /** The longest text a finite {@code double} takes, in Java or JavaScript ({@code -1.2345678901234567E-308}). */
    public static final int MAX_DOUBLE_CHARS = 24;

    /**
     * The length of {@link #write(Object)}'s text for a flat object of strings, booleans and numbers, counting a
     * fractional number as {@link #MAX_DOUBLE_CHARS}: exact for everything else, and computed without formatting
     * any {@code double}, so that the browser bundle needs no double-to-text code for a size check.
     */
    public static int encodedLength(Map<String, Object> flat) {
        int length = 2;
        for (Map.Entry<String, Object> entry : flat.entrySet()) {
            length += stringLength(entry.getKey()) + 1;
            Object value = entry.getValue();
            if (value instanceof String) {
                length += stringLength((String) value);
            } else if (value instanceof Boolean) {
                length += ((Boolean) value).booleanValue() ? 4 : 5;
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                length += d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d).length()
                        : MAX_DOUBLE_CHARS;
            } else if (value instanceof Number) {
                length += Long.toString(((Number) value).longValue()).length();
            } else {
                length += 4;
            }
        }
        return length + Math.max(0, flat.size() - 1);
    }

    /** The length of a string once quoted and escaped as {@link #write(Object)} does. */
    static int stringLength(String value) {
        int length = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                length += 2;
            } else if (c < 0x20) {
                length += 6;
            } else {
                length++;
            }
        }
        return length;
    }

    private static void writeDouble(double value, StringBuilder out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        String hex = Integer.toHexString(c);
                        out.append("\\u");
                        for (int pad = hex.length(); pad < 4; pad++) {
                            out.append('0');
                        }
                        out.append(hex);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
