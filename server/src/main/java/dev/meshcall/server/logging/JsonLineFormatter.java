package dev.meshcall.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line (<a href="https://jsonlines.org/">JSON Lines</a>, RFC 8259 strings), for log
 * collectors:
 *
 * <pre>{"ts":"2025-05-01T09:30:00.123Z","level":"INFO","logger":"dev.meshcall.server.Main","thread":"main",
 * "msg":"MeshCall server ready at http://127.0.0.1:8080/","url":"http://127.0.0.1:8080/"}</pre>
 *
 * <ul>
 *   <li>{@code ts}: ISO-8601 in UTC with milliseconds; {@code level}: TRACE, DEBUG, INFO, WARN or ERROR;
 *       {@code logger}, {@code thread}, {@code msg}: always there, strings.</li>
 *   <li>Context the code added with slf4j's {@code addKeyValue} follows as fields of its own: numbers and booleans
 *       as JSON numbers and booleans, anything else as its string. A key that is one of the fixed names gets a
 *       {@code _} in front ({@code _msg}) so it never hides them.</li>
 *   <li>{@code error}, only with a throwable: {@code {"class":…,"message":…,"stack":…}}, the stack as Java prints
 *       it (causes included) in one string.</li>
 * </ul>
 *
 * <p>Quotes, backslashes and every control character are escaped, so a message can never break its line or forge
 * another; other characters, non-ASCII included, are written as they are (the output is UTF-8). A lone surrogate
 * is escaped as {@code \}{@code uXXXX} rather than lost.
 */
public final class JsonLineFormatter implements LineFormatter {
    /** ISO-8601, UTC, always with milliseconds (unlike {@code Instant.toString()}). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> FIXED = Set.of("ts", "level", "logger", "thread", "msg", "error");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String format(ILoggingEvent event) {
        String message = message(event);
        StringBuilder line = new StringBuilder(160 + message.length());
        line.append("{\"ts\":\"");
        TIMESTAMP.formatTo(event.getInstant(), line);
        line.append("\",\"level\":\"").append(event.getLevel()).append('"');
        field(line, "logger", orEmpty(event.getLoggerName()));
        field(line, "thread", orEmpty(event.getThreadName()));
        field(line, "msg", message);
        for (KeyValuePair pair : context(event)) {
            String key = String.valueOf(pair.key);
            line.append(',');
            quote(line, FIXED.contains(key) ? "_" + key : key);
            line.append(':');
            value(line, pair.value);
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(",\"error\":{");
            line.append("\"class\":");
            quote(line, error.getClassName());
            if (error.getMessage() != null) {
                field(line, "message", error.getMessage());
            }
            field(line, "stack", stackTrace(error));
            line.append('}');
        }
        return line.append("}\n").toString();
    }

    static String message(ILoggingEvent event) {
        return orEmpty(event.getFormattedMessage());
    }

    /** The key=value pairs the code added with slf4j's fluent {@code addKeyValue}, in order; often none. */
    static List<KeyValuePair> context(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        return pairs == null ? List.of() : pairs;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        quote(line, value);
    }

    private static void value(StringBuilder line, Object value) {
        if (value == null) {
            line.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal) {
            line.append(value);
        } else if ((value instanceof Double || value instanceof Float)
                && Double.isFinite(((Number) value).doubleValue())) {
            line.append(value);
        } else {
            quote(line, String.valueOf(value));
        }
    }

    /** Appends {@code text} as a JSON string, quotes included. */
    static void quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                case '\b' -> line.append("\\b");
                case '\f' -> line.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || lonelySurrogate(text, i)) {
                        line.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean lonelySurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    /** The stack trace as Java prints it, causes included, without the last line break. */
    static String stackTrace(IThrowableProxy error) {
        if (!(error instanceof ThrowableProxy proxy)) {
            return ThrowableProxyUtil.asString(error).stripTrailing();
        }
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            proxy.getThrowable().printStackTrace(writer);
        }
        return text.toString().stripTrailing();
    }
}
