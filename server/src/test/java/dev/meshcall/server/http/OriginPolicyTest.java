package dev.meshcall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The origin check of the WebSocket and of state-changing REST calls: own origin by default, an allowlist, or any. */
class OriginPolicyTest {
    private final OriginPolicy own = new OriginPolicy(List.of());
    private final OriginPolicy listed = new OriginPolicy(List.of("https://meet.example.org",
            "http://10.0.0.5:8080"));

    @ParameterizedTest(name = "{0} on {1}://{2}: {3}")
    @CsvSource({
        "http://127.0.0.1:8080,        http,  127.0.0.1:8080,      true",
        "HTTP://LOCALHOST:8080,        http,  localhost:8080,      true",
        "https://meet.example.org,     https, meet.example.org,    true",
        "https://meet.example.org:443, https, meet.example.org,    true",
        "http://meet.example.org,      https, meet.example.org,    false",
        "http://127.0.0.1:8081,        http,  127.0.0.1:8080,      false",
        "https://evil.example,         https, meet.example.org,    false",
        "null,                         http,  127.0.0.1:8080,      false",
        "http://127.0.0.1:8080/path,   http,  127.0.0.1:8080,      false",
        "http://user@127.0.0.1:8080,   http,  127.0.0.1:8080,      false",
        "'',                           http,  127.0.0.1:8080,      false",
    })
    void allowsOnlyTheServersOwnOriginByDefault(String origin, String scheme, String host, boolean allowed) {
        assertThat(own.allows(origin, scheme, host)).isEqualTo(allowed);
    }

    @Test
    void allowsExactlyTheListedOriginsWhenGiven() {
        assertThat(listed.allows("https://meet.example.org", "http", "127.0.0.1:8080")).isTrue();
        assertThat(listed.allows("http://10.0.0.5:8080", "http", "127.0.0.1:8080")).isTrue();
        assertThat(listed.allows("http://127.0.0.1:8080", "http", "127.0.0.1:8080")).as("own origin, not listed")
                .isFalse();
        assertThat(listed.allows("https://meet.example.org.evil.example", "https", "x")).isFalse();
    }

    @Test
    void allowsAnyOriginWithTheWildcard() {
        assertThat(new OriginPolicy(List.of("*")).allows("https://anything.example", "http", "h:1")).isTrue();
    }
}
