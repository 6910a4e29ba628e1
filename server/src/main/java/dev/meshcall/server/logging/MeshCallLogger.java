package dev.meshcall.server.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/**
 * An slf4j logger that hands every event to {@link LogOutput}. slf4j's {@link LegacyAbstractLogger} does the
 * overloads and finds a trailing throwable among the arguments; being {@link LoggingEventAware} is what lets the
 * fluent API's {@code addKeyValue} pairs reach us as context fields instead of being glued into the message.
 * Markers are ignored.
 */
final class MeshCallLogger extends LegacyAbstractLogger implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    MeshCallLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogOutput.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogOutput.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogOutput.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogOutput.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogOutput.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        LogOutput.write(new LogEvent(Instant.now(), level, name, Thread.currentThread().getName(),
                MessageFormatter.basicArrayFormat(pattern, arguments), throwable, List.of()));
    }

    @Override
    public void log(LoggingEvent event) {
        if (!LogOutput.enabled(event.getLevel())) {
            return;
        }
        NormalizedParameters parameters = NormalizedParameters.normalize(event);
        List<LogEvent.Field> context = new ArrayList<>();
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                context.add(new LogEvent.Field(String.valueOf(pair.key), pair.value));
            }
        }
        Instant time = event.getTimeStamp() > 0 ? Instant.ofEpochMilli(event.getTimeStamp()) : Instant.now();
        String thread = event.getThreadName() != null ? event.getThreadName() : Thread.currentThread().getName();
        LogOutput.write(new LogEvent(time, event.getLevel(), name, thread,
                MessageFormatter.basicArrayFormat(parameters.getMessage(), parameters.getArguments()),
                parameters.getThrowable(), context));
    }
}
