package dev.meshcall.server.logging;

import java.util.Locale;

/** How log lines look: {@code --log-format text|json}. */
public enum LogFormat {
    /** For people: {@code 2025-05-01T09:30:00.123Z INFO  [main] dev.meshcall.server.Main - ready}. */
    TEXT(new TextLineFormatter()),
    /** For log collectors: one JSON object per line ({@link JsonLineFormatter} lists the fields). */
    JSON(new JsonLineFormatter());

    private final LineFormatter formatter;

    LogFormat(LineFormatter formatter) {
        this.formatter = formatter;
    }

    public LineFormatter formatter() {
        return formatter;
    }

    /**
     * {@code text} or {@code json}, in any case.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static LogFormat parse(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (LogFormat format : values()) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("log format must be text or json, not '" + value + "'");
    }
}
