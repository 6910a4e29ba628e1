package dev.meshcall.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logback starts with our appender and the level of the system properties, and reads no configuration file: not
 * even one named by {@code -Dlogback.configurationFile}, which Logback would otherwise read before any
 * {@code logback.xml} on the class path.
 */
class LogbackConfiguratorTest {
    @TempDir
    Path dir;

    @Test
    void ourAppenderAndLevel_notAStrayConfigurationFile() throws Exception {
        Path stray = dir.resolve("logback.xml");
        Files.writeString(stray, "<configuration>"
                + "<appender name=\"STRAY\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>STRAY %msg%n</pattern></encoder></appender>"
                + "<root level=\"TRACE\"><appender-ref ref=\"STRAY\"/></root></configuration>");
        LoggerContext context = new LoggerContext();
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, stray.toString());
        try {
            new ContextInitializer(context).autoConfig();
        } finally {
            System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getAppender("STRAY")).isNull();
        assertThat(root.getAppender(Logging.APPENDER)).isInstanceOfSatisfying(ConsoleAppender.class,
                appender -> assertThat(appender.getEncoder()).isInstanceOf(LineEncoder.class));
        assertThat(root.getLevel().toString()).isEqualTo(LogSettings.fromSystemProperties().level().name());
        context.stop();
    }
}
