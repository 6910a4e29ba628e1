package dev.meshcall.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

class JsonLineFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TIME = Instant.parse("2025-05-01T09:30:00Z");
    private final JsonLineFormatter formatter = new JsonLineFormatter();

    @Test
    void theFixedFields_inOrder_timeInUtcWithMilliseconds() {
        String line = formatter.format(event(Level.INFO, "ready", null, List.of()));

        assertThat(line).isEqualTo("{\"ts\":\"2025-05-01T09:30:00.000Z\",\"level\":\"INFO\",\"logger\":"
                + "\"dev.meshcall.Test\",\"thread\":\"main\",\"msg\":\"ready\"}\n");
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void everyLevelByItsName(Level level) throws IOException {
        assertThat(parse(formatter.format(event(level, "m", null, List.of()))).get("level").textValue())
                .isEqualTo(level.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quote \" and backslash \\ and slash /", "line\nbreak\r\nand\ttab", "nul \u0000 esc \u001b"
            + " del \u007f bell \u0007 ff \f bs \b", "Grüße, 日本語, emoji 😀", "separators \u2028 \u2029",
            "{\"injected\":true}\n{\"level\":\"ERROR\"}", ""})
    void anyMessageIsOneLineThatParsesBackToItself(String message) throws IOException {
        String line = formatter.format(event(Level.WARN, message, null, List.of()));

        assertThat(line.indexOf('\n')).as("one line").isEqualTo(line.length() - 1);
        assertThat(line.chars().filter(c -> c < 0x20 && c != '\n')).as("no raw control characters").isEmpty();
        assertThat(parse(line).get("msg").textValue()).isEqualTo(message);
    }

    @Test
    void aLoneSurrogateIsEscaped_notLost() throws IOException {
        String line = formatter.format(event(Level.INFO, "half \ud83d of an emoji", null, List.of()));

        assertThat(line).contains("half \\ud83d of");
        assertThat(parse(line).get("msg").textValue()).isEqualTo("half \ud83d of an emoji");
    }

    @Test
    void aThrowableIsAnErrorObject_withClassMessageAndTheWholeStack() throws IOException {
        IllegalStateException error = new IllegalStateException("outer \"quoted\"",
                new java.io.IOException("inner"));

        JsonNode json = parse(formatter.format(event(Level.ERROR, "failed", error, List.of())));

        assertThat(json.get("error").get("class").textValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("error").get("message").textValue()).isEqualTo("outer \"quoted\"");
        assertThat(json.get("error").get("stack").textValue())
                .startsWith("java.lang.IllegalStateException: outer \"quoted\"\n\tat ")
                .contains("Caused by: java.io.IOException: inner").doesNotEndWith("\n");
    }

    @Test
    void aThrowableWithoutMessage_hasNoMessageField() throws IOException {
        JsonNode json = parse(formatter.format(event(Level.ERROR, "failed", new NullPointerException(), List.of())));

        assertThat(json.get("error").has("message")).isFalse();
        assertThat(json.has("error")).isTrue();
    }

    @Test
    void contextBecomesFields_typedWhereJsonHasTheType_fixedNamesNeverHidden() throws IOException {
        JsonNode json = parse(formatter.format(event(Level.INFO, "m", null, Arrays.asList(
                new KeyValuePair("userId", 42), new KeyValuePair("ms", 1.5), new KeyValuePair("ok", true),
                new KeyValuePair("nan", Double.NaN), new KeyValuePair("none", null),
                new KeyValuePair("path", java.nio.file.Path.of("/tmp/a b")), new KeyValuePair("msg", "other"),
                new KeyValuePair("odd \"key\"\n", "v")))));

        assertThat(json.get("userId").intValue()).isEqualTo(42);
        assertThat(json.get("ms").doubleValue()).isEqualTo(1.5);
        assertThat(json.get("ok").booleanValue()).isTrue();
        assertThat(json.get("nan").textValue()).isEqualTo("NaN");
        assertThat(json.get("none").isNull()).isTrue();
        assertThat(json.get("path").textValue()).isEqualTo("/tmp/a b");
        assertThat(json.get("msg").textValue()).isEqualTo("m");
        assertThat(json.get("_msg").textValue()).isEqualTo("other");
        assertThat(json.get("odd \"key\"\n").textValue()).isEqualTo("v");
    }

    static ILoggingEvent event(Level level, String message, Throwable error, List<KeyValuePair> context) {
        LoggingEvent event = new LoggingEvent();
        event.setInstant(TIME);
        event.setLevel(ch.qos.logback.classic.Level.convertAnSLF4JLevel(level));
        event.setLoggerName("dev.meshcall.Test");
        event.setThreadName("main");
        event.setMessage(message);
        event.setThrowableProxy(error == null ? null : new ThrowableProxy(error));
        event.setKeyValuePairs(context);
        return event;
    }

    private static JsonNode parse(String line) throws IOException {
        JsonNode json = JSON.readTree(line);
        assertThat(json.isObject()).isTrue();
        return json;
    }
}
