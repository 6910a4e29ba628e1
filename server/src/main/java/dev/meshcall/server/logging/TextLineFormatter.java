package dev.meshcall.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.event.KeyValuePair;

/**
 * Lines for people, close to what slf4j-simple printed before, with the time in front:
 *
 * <pre>2025-05-01T09:30:00.123Z INFO  [main] dev.meshcall.server.Main - MeshCall server ready at … url=http://…</pre>
 *
 * <p>Context from slf4j's {@code addKeyValue} follows the message as {@code key=value}; a throwable's stack trace
 * follows on lines of its own, as Java prints it. Control characters in the message and context are shown escaped
 * (a line break as {@code \n}), so text from a request can never start a line that looks like a log line.
 */
public final class TextLineFormatter implements LineFormatter {
    @Override
    public String format(ILoggingEvent event) {
        String message = JsonLineFormatter.message(event);
        String level = event.getLevel().toString();
        StringBuilder line = new StringBuilder(120 + message.length());
        JsonLineFormatter.TIMESTAMP.formatTo(event.getInstant(), line);
        line.append(' ').append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ").append(event.getLoggerName()).append(" - ");
        escape(line, message);
        for (KeyValuePair pair : JsonLineFormatter.context(event)) {
            line.append(' ');
            escape(line, String.valueOf(pair.key));
            line.append('=');
            escape(line, String.valueOf(pair.value));
        }
        line.append('\n');
        if (event.getThrowableProxy() != null) {
            line.append(JsonLineFormatter.stackTrace(event.getThrowableProxy())).append('\n');
        }
        return line.toString();
    }

    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }
}
