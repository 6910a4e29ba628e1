package dev.meshcall.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

/** Turns a Logback event into the text written for it ({@link LineEncoder} writes it). */
public interface LineFormatter {
    /**
     * The text of one event, ending with a line break. A JSON line is always one line; a text line may be followed
     * by the lines of a stack trace.
     */
    String format(ILoggingEvent event);
}
