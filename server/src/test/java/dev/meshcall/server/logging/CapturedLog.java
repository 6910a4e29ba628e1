package dev.meshcall.server.logging;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the process logs, captured for a test: standard output is swapped for a buffer and the log settings for the
 * test's own until {@link #close}, which puts both back.
 */
public final class CapturedLog implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final LogSettings originalSettings = Logging.settings();

    /** Starts capturing, logging with {@code settings}. */
    public CapturedLog(LogSettings settings) {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Logging.use(settings);
    }

    /** Everything logged so far. */
    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        Logging.use(originalSettings);
    }
}
