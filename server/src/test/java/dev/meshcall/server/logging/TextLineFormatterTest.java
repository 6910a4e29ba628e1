package dev.meshcall.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

class TextLineFormatterTest {
    private final TextLineFormatter formatter = new TextLineFormatter();

    @Test
    void timeLevelThreadLoggerMessage_thenContext() {
        String line = formatter.format(JsonLineFormatterTest.event(Level.INFO, "ready at http://h/", null,
                List.of(new KeyValuePair("mode", "embedded"), new KeyValuePair("users", 3))));

        assertThat(line).isEqualTo("2025-05-01T09:30:00.000Z INFO  [main] dev.meshcall.Test - ready at http://h/"
                + " mode=embedded users=3\n");
    }

    @Test
    void levelsLineUp() {
        assertThat(formatter.format(JsonLineFormatterTest.event(Level.WARN, "m", null, List.of())))
                .startsWith("2025-05-01T09:30:00.000Z WARN  [main]");
        assertThat(formatter.format(JsonLineFormatterTest.event(Level.ERROR, "m", null, List.of())))
                .startsWith("2025-05-01T09:30:00.000Z ERROR [main]");
    }

    @Test
    void aMessageCannotStartALineOfItsOwn() {
        String line = formatter.format(JsonLineFormatterTest.event(Level.INFO,
                "login 'x'\n2025-05-01T09:30:00.000Z ERROR [main] forged\u001b[31m", null, List.of()));

        assertThat(line).endsWith("login 'x'\\n2025-05-01T09:30:00.000Z ERROR [main] forged\\u001b[31m\n");
        assertThat(line.lines()).hasSize(1);
    }

    @Test
    void aThrowableFollowsAsJavaPrintsIt() {
        String text = formatter.format(JsonLineFormatterTest.event(Level.ERROR, "failed",
                new IllegalStateException("boom"), List.of()));

        assertThat(text.lines().toList().get(0)).endsWith(" - failed");
        assertThat(text.lines().toList().get(1)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(text.lines().toList().get(2)).startsWith("\tat ");
        assertThat(text).endsWith("\n");
    }
}
