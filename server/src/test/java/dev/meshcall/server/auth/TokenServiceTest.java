package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private final MutableClock clock = new MutableClock();
    private final TokenService tokens = new TokenService(Duration.ofHours(12), clock);

    @Test
    void issuesLongRandomUrlSafeTokens() {
        String first = tokens.issue(1);
        String second = tokens.issue(1);

        assertThat(first).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(second);
        assertThat(tokens.resolve(first)).hasValue(1);
    }

    @Test
    void expiresAfterItsLifetime() {
        String token = tokens.issue(7);

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(tokens.resolve(token)).hasValue(7);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.resolve(token)).isEmpty();
    }

    @Test
    void revokesOneTokenOnly() {
        String kept = tokens.issue(7);
        String revoked = tokens.issue(7);

        assertThat(tokens.revoke(revoked)).isTrue();
        assertThat(tokens.revoke(revoked)).isFalse();
        assertThat(tokens.resolve(revoked)).isEmpty();
        assertThat(tokens.resolve(kept)).hasValue(7);
    }

    @Test
    void unknownAndNullTokensResolveToNobody() {
        assertThat(tokens.resolve("nope")).isEmpty();
        assertThat(tokens.resolve(null)).isEmpty();
        assertThat(tokens.revoke(null)).isFalse();
    }

    @Test
    void dropsExpiredTokensWhenIssuing() {
        tokens.issue(1);
        clock.advance(Duration.ofHours(13));
        tokens.issue(2);

        assertThat(tokens.size()).isEqualTo(1);
    }
}
