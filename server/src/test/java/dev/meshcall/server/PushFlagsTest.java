package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.push.PushSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Web Push flags, their environment variables, their defaults and their refusals. */
class PushFlagsTest {
    private static PushSettings parse(Map<String, String> env, String... args) throws Exception {
        return ServerFlags.parse(args, env).config().push();
    }

    @Test
    void defaults() throws Exception {
        PushSettings push = parse(Map.of());
        assertThat(push.keys()).as("kept in the data directory").isNull();
        assertThat(push.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(push.queue()).isEqualTo(1000);
        assertThat(push.maxSubscriptionsPerUser()).isEqualTo(10);
        assertThat(push.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(push.allowHttpEndpoints()).isFalse();
        assertThat(push.subjectFor(List.of())).isEqualTo("mailto:meshcall@localhost");
        assertThat(push.subjectFor(List.of(URI.create("http://10.0.0.5:8080"), URI.create("https://meet.example.org"))))
                .isEqualTo("https://meet.example.org");
    }

    @Test
    void everyFlag() throws Exception {
        String[] keys = VapidKeyHygieneTest.pair();
        PushSettings push = parse(Map.of(), "--vapid-public-key", keys[0], "--vapid-private-key", keys[1],
                "--push-subject", "mailto:ops@example.org", "--push-timeout", "3", "--push-queue", "50",
                "--push-max-subscriptions", "4", "--push-ttl", "30", "--push-allow-http-endpoints");
        assertThat(push.keys().publicKeyText()).isEqualTo(keys[0]);
        assertThat(push.subjectFor(List.of())).isEqualTo("mailto:ops@example.org");
        assertThat(push.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(push.queue()).isEqualTo(50);
        assertThat(push.maxSubscriptionsPerUser()).isEqualTo(4);
        assertThat(push.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(push.allowHttpEndpoints()).isTrue();
        assertThat(push.toString()).doesNotContain(keys[1]);
    }

    @Test
    void environmentVariables() throws Exception {
        String[] keys = VapidKeyHygieneTest.pair();
        PushSettings push = parse(Map.of("MESHCALL_VAPID_PUBLIC_KEY", keys[0], "MESHCALL_VAPID_PRIVATE_KEY", keys[1],
                "MESHCALL_PUSH_SUBJECT", "https://meet.example.org", "MESHCALL_PUSH_TIMEOUT", "4",
                "MESHCALL_PUSH_QUEUE", "7", "MESHCALL_PUSH_MAX_SUBSCRIPTIONS", "3", "MESHCALL_PUSH_TTL", "20",
                "MESHCALL_PUSH_ALLOW_HTTP_ENDPOINTS", "true"));
        assertThat(push.keys().publicKeyText()).isEqualTo(keys[0]);
        assertThat(push.subject()).isEqualTo("https://meet.example.org");
        assertThat(push.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(push.queue()).isEqualTo(7);
        assertThat(push.maxSubscriptionsPerUser()).isEqualTo(3);
        assertThat(push.ttl()).isEqualTo(Duration.ofSeconds(20));
        assertThat(push.allowHttpEndpoints()).isTrue();
        assertThat(ServerFlags.usage()).contains("--push-subject", "MESHCALL_VAPID_PRIVATE_KEY",
                "--push-allow-http-endpoints");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--push-timeout 0|--push-timeout must be a whole number above 0, not '0'",
        "--push-queue x|--push-queue must be a whole number above 0, not 'x'",
        "--push-max-subscriptions -1|--push-max-subscriptions must be a whole number above 0",
        "--push-ttl 1.5|--push-ttl must be a whole number above 0",
        "--push-subject http://example.org|--push-subject: the push subject must be a mailto: address or an https:",
        "--push-subject mailto:nobody|--push-subject: the push subject must be",
        "--vapid-public-key BP4z|--vapid-public-key needs its private key",
        "--vapid-private-key yfWP|--vapid-private-key needs --vapid-public-key",
        "--vapid-public-key BP4z --vapid-private-key yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw|the VAPID public key"
                + " must be a base64url P-256 point of 65 bytes",
        "--push-allow-http-endpoints=maybe|--push-allow-http-endpoints must be true or false",
    })
    void badValuesNameTheFlag(String line, String message) {
        assertThatThrownBy(() -> ServerFlags.parse(line.split(" "), Map.of()))
                .isInstanceOf(ServerFlags.UsageException.class).hasMessageContaining(message);
    }
}
