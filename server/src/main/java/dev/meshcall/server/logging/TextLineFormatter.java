package dev.meshcall.server.logging;

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
    public String format(LogEvent event) {
        StringBuilder line = new StringBuilder(120 + event.message().length());
        JsonLineFormatter.TIMESTAMP.formatTo(event.time(), line);
        line.append(' ').append(event.level().name());
        for (int pad = event.level().name().length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(" [").append(event.thread()).append("] ").append(event.logger()).append(" - ");
        escape(line, event.message());
        for (LogEvent.Field field : event.context()) {
            line.append(' ');
            escape(line, field.key());
            line.append('=');
            escape(line, String.valueOf(field.value()));
        }
        line.append('\n');
        if (event.error() != null) {
            line.append(JsonLineFormatter.stackTrace(event.error())).append('\n');
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
