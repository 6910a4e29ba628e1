package dev.meshcall.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Logback encoder of the process's one appender: each event as a line of the current {@link LogFormat}, in
 * UTF-8 whatever the platform's default charset. The format can change while loggers run ({@link Logging#use});
 * Logback's appender writes each event whole under its lock, so lines of concurrent threads never interleave.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
    private volatile LogFormat format;

    LineEncoder(LogFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    void setFormat(LogFormat value) {
        format = Objects.requireNonNull(value, "format");
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return format.formatter().format(event).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
