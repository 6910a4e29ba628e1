package dev.meshcall.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * slf4j calls and java.util.logging records, as the server's code and Smack make them, end up as JSON lines on
 * standard output (captured here) with the level filter applied.
 */
class LoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private CapturedLog captured;

    @BeforeEach
    void capture() {
        captured = new CapturedLog(new LogSettings(LogFormat.JSON, Level.DEBUG));
    }

    @AfterEach
    void restore() {
        captured.close();
    }

    @Test
    void slf4jFindsLogback() {
        assertThat(LoggerFactory.getLogger("x")).isInstanceOf(ch.qos.logback.classic.Logger.class);
    }

    @Test
    void placeholdersTrailingThrowableAndTheLevelFilter() throws IOException {
        Logger log = LoggerFactory.getLogger(LoggingTest.class);

        log.trace("not written: below debug");
        log.debug("user {} sent {} frames", 7, 3);
        log.warn("failed on user {}", 7, new IllegalStateException("boom"));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("msg").textValue()).isEqualTo("user 7 sent 3 frames");
        assertThat(lines.get(0).get("logger").textValue()).isEqualTo(LoggingTest.class.getName());
        assertThat(lines.get(0).get("thread").textValue()).isEqualTo(Thread.currentThread().getName());
        assertThat(lines.get(1).get("level").textValue()).isEqualTo("WARN");
        assertThat(lines.get(1).get("msg").textValue()).isEqualTo("failed on user 7");
        assertThat(lines.get(1).get("error").get("message").textValue()).isEqualTo("boom");
        assertThat(log.isTraceEnabled()).isFalse();
        assertThat(log.isDebugEnabled()).isTrue();
    }

    @Test
    void fluentKeyValuesBecomeFields_notPartOfTheMessage() throws IOException {
        LoggerFactory.getLogger("dev.meshcall.Fluent").atInfo().setMessage("call {} started").addArgument("s1")
                .addKeyValue("sessionId", "s1").addKeyValue("members", 3).setCause(new RuntimeException("x")).log();
        LoggerFactory.getLogger("dev.meshcall.Fluent").atTrace().addKeyValue("k", "v").log("dropped");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("msg").textValue()).isEqualTo("call s1 started");
        assertThat(lines.get(0).get("sessionId").textValue()).isEqualTo("s1");
        assertThat(lines.get(0).get("members").intValue()).isEqualTo(3);
        assertThat(lines.get(0).get("error").get("class").textValue()).isEqualTo("java.lang.RuntimeException");
    }

    @Test
    void julRecordsAreMappedAndFormatted() throws IOException {
        JulBridge bridge = new JulBridge();
        LogRecord record = new LogRecord(java.util.logging.Level.WARNING, "connection {0} lost");
        record.setLoggerName("org.jivesoftware.smack.AbstractXMPPConnection");
        record.setParameters(new Object[] {"c1"});
        record.setThrown(new java.io.IOException("reset"));
        bridge.publish(record);
        bridge.publish(new LogRecord(java.util.logging.Level.FINEST, "below debug: dropped"));
        bridge.publish(new LogRecord(java.util.logging.Level.CONFIG, "config is debug"));

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("level").textValue()).isEqualTo("WARN");
        assertThat(lines.get(0).get("logger").textValue()).isEqualTo("org.jivesoftware.smack.AbstractXMPPConnection");
        assertThat(lines.get(0).get("msg").textValue()).isEqualTo("connection c1 lost");
        assertThat(lines.get(0).get("error").get("class").textValue()).isEqualTo("java.io.IOException");
        assertThat(lines.get(1).get("level").textValue()).isEqualTo("DEBUG");
    }

    @Test
    void aJulMessageIsNotReadAsAnSlf4jPattern() throws IOException {
        new JulBridge().publish(new LogRecord(java.util.logging.Level.INFO, "braces {} stay, 100% as they are"));

        assertThat(lines().get(0).get("msg").textValue()).isEqualTo("braces {} stay, 100% as they are");
    }

    @Test
    void julLevelsMapBothWays() {
        assertThat(JulBridge.level(java.util.logging.Level.SEVERE)).isEqualTo(Level.ERROR);
        assertThat(JulBridge.level(java.util.logging.Level.WARNING)).isEqualTo(Level.WARN);
        assertThat(JulBridge.level(java.util.logging.Level.INFO)).isEqualTo(Level.INFO);
        assertThat(JulBridge.level(java.util.logging.Level.FINE)).isEqualTo(Level.DEBUG);
        assertThat(JulBridge.level(java.util.logging.Level.FINER)).isEqualTo(Level.TRACE);
        for (Level level : Level.values()) {
            assertThat(JulBridge.level(JulBridge.julLevel(level))).as("round trip of %s", level)
                    .isIn(level, Level.TRACE);
        }
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.text().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
