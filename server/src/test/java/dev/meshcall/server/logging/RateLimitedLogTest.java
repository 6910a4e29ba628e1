package dev.meshcall.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** One WARN line per cause and period, the count of what was left out on the next one, never a stack trace. */
class RateLimitedLogTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void writesOneLinePerCauseAndPeriod_thenSaysHowManyWereLeftOut() {
        String text;
        try (CapturedLog captured = new CapturedLog(new LogSettings(LogFormat.TEXT, Level.INFO))) {
            logAHundredOfOneCauseAndOneOfAnother();
            text = captured.text();
        }
        assertThat(text.lines()).hasSize(3);
        assertThat(text.lines().toList().get(0)).contains("WARN").endsWith("request body aborted: upload 0 gone");
        assertThat(text.lines().toList().get(1)).endsWith("WebSocket too slow: socket 1 closed");
        assertThat(text.lines().toList().get(2))
                .endsWith("request body aborted: upload 100 gone (99 more like it were not logged)");
    }

    private void logAHundredOfOneCauseAndOneOfAnother() {
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class),
                Duration.ofSeconds(60), now::get);
        for (int i = 0; i < 100; i++) {
            log.warn("request body aborted", "upload {} gone", i);
        }
        log.warn("WebSocket too slow", "socket {} closed", 1);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        log.warn("request body aborted", "upload {} gone", 100);
    }
}
