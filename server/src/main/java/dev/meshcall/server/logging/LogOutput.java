package dev.meshcall.server.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.event.Level;

/**
 * Where every log line of the process goes: standard output, in the format and from the level of the current
 * {@link LogSettings}. Loggers of all frameworks end here, so one setting governs them all.
 *
 * <p>Why standard output, in both formats: it is where container runtimes, systemd and
 * <a href="https://12factor.net/logs">twelve-factor</a> log collectors look first, and it keeps the JVM's own
 * messages (which are not ours to format, and go to standard error) out of the JSON stream, so that every line a
 * collector reads on stdout parses. Lines are encoded as UTF-8 whatever the platform's default charset, and a whole
 * event is written at once, so lines of concurrent threads never interleave.
 *
 * <p>Until {@link #configure} is called (by {@code Main}), the settings come from system properties
 * ({@link LogSettings#fromSystemProperties()}): that is how tests and code that embeds the server choose them.
 */
public final class LogOutput {
    private static volatile LogSettings settings = LogSettings.fromSystemProperties();

    private LogOutput() {
    }

    /** Changes format and level for every logger from now on. */
    public static void configure(LogSettings value) {
        settings = value;
    }

    public static LogSettings settings() {
        return settings;
    }

    /** Whether an event at {@code level} would be written: checked before building the event. */
    public static boolean enabled(Level level) {
        return settings.enabled(level);
    }

    /** Writes the event, if its level is enabled. */
    public static void write(LogEvent event) {
        LogSettings current = settings;
        if (!current.enabled(event.level())) {
            return;
        }
        byte[] line = current.format().formatter().format(event).getBytes(StandardCharsets.UTF_8);
        // System.out as it is now, not as it was at start: tests and Surefire replace it.
        PrintStream out = System.out;
        synchronized (LogOutput.class) {
            out.write(line, 0, line.length);
            out.flush();
        }
    }
}
