package dev.meshcall.server.logging;

/** Turns a {@link LogEvent} into the text written for it. */
public interface LineFormatter {
    /**
     * The text of one event, ending with a line break. A JSON line is always one line; a text line may be followed
     * by the lines of a stack trace.
     */
    String format(LogEvent event);
}
