package dev.meshcall.server.logging;

import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * A {@code java.util.logging} handler that passes records on to slf4j, under the JUL logger's name, for the
 * libraries that log through JUL (Smack). Installed on JUL's root logger in place of its console handler, which
 * would otherwise print its own two-line format to standard error.
 *
 * <p>Levels map as SEVERE → ERROR, WARNING → WARN, INFO → INFO, CONFIG and FINE → DEBUG, FINER and FINEST → TRACE.
 * slf4j's own {@code jul-to-slf4j} would map CONFIG to INFO and FINER to DEBUG instead, which is why this small
 * handler stays: it keeps the mapping the server has always had.
 */
public final class JulBridge extends Handler {
    /** Only for {@code formatMessage}: JUL's {0}-style parameters and resource bundles. */
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();

    /** Makes this the only handler of JUL's root logger, passing on records from {@code level} up. */
    public static void install(Level level) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
        root.setLevel(julLevel(level));
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || record.getLevel() == null) {
            return;
        }
        Level level = level(record.getLevel());
        org.slf4j.Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? ""
                : record.getLoggerName());
        if (!logger.isEnabledForLevel(level)) {
            return;
        }
        String message;
        try {
            message = MESSAGES.formatMessage(record);
        } catch (RuntimeException e) {
            message = record.getMessage();
        }
        // JUL calls handlers on the logging thread, so slf4j sees the thread that logged. The message is passed
        // as it is, never read as an slf4j pattern.
        logger.atLevel(level).setCause(record.getThrown()).log(message);
    }

    @Override
    public void flush() {
        // Logback's appender flushes every line.
    }

    @Override
    public void close() {
        // Nothing of our own to close; standard output stays open.
    }

    /** The slf4j level of a JUL level. */
    static Level level(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        } else if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARN;
        } else if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        } else if (value >= java.util.logging.Level.FINE.intValue()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    /** The lowest JUL level that maps to {@code level}, so that JUL does not even build the records we drop. */
    static java.util.logging.Level julLevel(Level level) {
        return switch (level) {
            case ERROR -> java.util.logging.Level.SEVERE;
            case WARN -> java.util.logging.Level.WARNING;
            case INFO -> java.util.logging.Level.INFO;
            case DEBUG -> java.util.logging.Level.FINE;
            case TRACE -> java.util.logging.Level.ALL;
        };
    }
}
