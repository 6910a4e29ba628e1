package dev.meshcall.server.logging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.event.Level;

/**
 * One log event, whichever framework it came from (slf4j, java.util.logging, jboss-logging), with its message
 * already formatted: what a {@link LineFormatter} turns into one line.
 *
 * @param time    when it happened
 * @param level   how severe it is
 * @param logger  the logger's name, usually a class name
 * @param thread  the name of the thread that logged it
 * @param message the formatted message, never {@code null}
 * @param error   the throwable logged with it, or {@code null}
 * @param context key=value pairs the code added (slf4j's fluent {@code addKeyValue}), in order; may be empty
 */
public record LogEvent(Instant time, Level level, String logger, String thread, String message, Throwable error,
        List<Field> context) {

    /** One key=value pair of an event's context. */
    public record Field(String key, Object value) {
        public Field {
            Objects.requireNonNull(key, "key");
        }
    }

    public LogEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(level, "level");
        logger = logger == null ? "" : logger;
        thread = thread == null ? "" : thread;
        message = message == null ? "" : message;
        context = context == null ? List.of() : List.copyOf(context);
    }
}
