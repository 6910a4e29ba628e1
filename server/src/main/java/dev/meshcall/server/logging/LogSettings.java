package dev.meshcall.server.logging;

import java.util.Locale;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * How the process logs: the line format and the lowest level written. One setting for every framework; there are
 * no per-logger levels.
 *
 * @param format text for people, JSON for log collectors
 * @param level  the lowest level written
 */
public record LogSettings(LogFormat format, Level level) {
    /** What a server logs with no flags: text at info. */
    public static final LogSettings DEFAULT = new LogSettings(LogFormat.TEXT, Level.INFO);
    /** System property read when the server runs without {@code Main} (tests, embedding): the format. */
    public static final String FORMAT_PROPERTY = "meshcall.log.format";
    /** System property read when the server runs without {@code Main} (tests, embedding): the level. */
    public static final String LEVEL_PROPERTY = "meshcall.log.level";

    public LogSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }

    /**
     * {@code trace}, {@code debug}, {@code info}, {@code warn} or {@code error}, in any case.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Level parseLevel(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (Level level : Level.values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("log level must be trace, debug, info, warn or error, not '" + value
                + "'");
    }

    /**
     * {@link #DEFAULT}, changed by the system properties {@value #FORMAT_PROPERTY} and {@value #LEVEL_PROPERTY}. A
     * bad value is reported on standard error and its default kept: logging must not stop the server from starting.
     */
    public static LogSettings fromSystemProperties() {
        LogFormat format = DEFAULT.format;
        Level level = DEFAULT.level;
        try {
            String value = System.getProperty(FORMAT_PROPERTY);
            format = value == null || value.isBlank() ? format : LogFormat.parse(value);
        } catch (IllegalArgumentException e) {
            System.err.println("meshcall logging: " + FORMAT_PROPERTY + ": " + e.getMessage());
        }
        try {
            String value = System.getProperty(LEVEL_PROPERTY);
            level = value == null || value.isBlank() ? level : parseLevel(value);
        } catch (IllegalArgumentException e) {
            System.err.println("meshcall logging: " + LEVEL_PROPERTY + ": " + e.getMessage());
        }
        return new LogSettings(format, level);
    }

    /** Whether an event at {@code eventLevel} is written. */
    public boolean enabled(Level eventLevel) {
        return eventLevel.toInt() >= level.toInt();
    }
}
