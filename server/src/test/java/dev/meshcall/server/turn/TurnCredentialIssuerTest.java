package dev.meshcall.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.auth.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The TURN REST credential (draft-uberti-behave-turn-rest): username {@code expiry:userId}, HMAC-SHA1 password. */
class TurnCredentialIssuerTest {
    private static final String SECRET = "north-wind-turn-secret-2025";
    private final MutableClock clock = new MutableClock();  // 2025-01-01T00:00:00Z = 1735689600

    /**
     * The expected passwords were computed outside Java, with
     * {@code printf '%s' '1735693200:56' | openssl dgst -sha1 -hmac 'north-wind-turn-secret-2025' -binary | base64}.
     */
    @Test
    void mintsTheKnownVector() {
        TurnCredentialIssuer issuer = new TurnCredentialIssuer(SECRET, Duration.ofHours(1), clock);

        TurnCredential alice = issuer.issue(56);
        TurnCredential bob = issuer.issue(57);

        assertThat(alice.username()).isEqualTo("1735693200:56");
        assertThat(alice.credential()).isEqualTo("2VqsMqD2PUIBQ9TImHLxI04B0Z8=");
        assertThat(alice.expires()).isEqualTo(Instant.parse("2025-01-01T01:00:00Z"));
        assertThat(bob.username()).isEqualTo("1735693200:57");
        assertThat(bob.credential()).isEqualTo("Hsa2OAGPaFeSfl5vcxAAm+ltqZ4=");
    }

    @Test
    void theExpiryIsNowPlusTheTtlInWholeUnixSeconds() {
        clock.advance(Duration.ofMillis(1_999));
        TurnCredentialIssuer issuer = new TurnCredentialIssuer(SECRET, Duration.ofSeconds(90), clock);

        TurnCredential credential = issuer.issue(7);

        assertThat(credential.username()).isEqualTo((1735689600L + 1 + 90) + ":7");
        assertThat(credential.expires()).isEqualTo(Instant.ofEpochSecond(1735689600L + 1 + 90));
        clock.advance(Duration.ofHours(2));
        assertThat(issuer.issue(7).username()).as("a later credential expires later")
                .isEqualTo((1735689600L + 1 + 7200 + 90) + ":7");
    }

    @Test
    void anotherSecretGivesAnotherPassword() {
        TurnCredential one = new TurnCredentialIssuer(SECRET, Duration.ofHours(1), clock).issue(56);
        TurnCredential other = new TurnCredentialIssuer(SECRET + "x", Duration.ofHours(1), clock).issue(56);

        assertThat(other.username()).isEqualTo(one.username());
        assertThat(other.credential()).isNotEqualTo(one.credential());
    }

    @Test
    void theCredentialIsNeverPrinted() {
        TurnCredentialIssuer issuer = new TurnCredentialIssuer(SECRET, Duration.ofHours(1), clock);
        TurnCredential credential = issuer.issue(56);

        assertThat(credential.toString()).contains("1735693200:56").doesNotContain(credential.credential());
        assertThat(issuer.toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesWhatCannotMakeACredential() {
        assertThatThrownBy(() -> new TurnCredentialIssuer("", Duration.ofHours(1), clock))
                .hasMessageContaining("secret");
        assertThatThrownBy(() -> new TurnCredentialIssuer(SECRET, Duration.ofMillis(500), clock))
                .hasMessageContaining("at least a second");
        assertThatThrownBy(() -> new TurnCredentialIssuer(SECRET, Duration.ofHours(1), clock).issue(0))
                .hasMessageContaining("user ids start at 1");
    }
}
