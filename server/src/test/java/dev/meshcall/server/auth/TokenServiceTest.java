package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.protocol.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private final MutableClock clock = new MutableClock();
    private final TokenService tokens = new TokenService(Duration.ofHours(12), clock);

    @Test
    void issuesUrlSafeTokensThatDifferEachTime() {
        String first = tokens.issue(1);
        String second = tokens.issue(1);

        assertThat(first).hasSize(76).matches("[A-Za-z0-9_-]+").isNotEqualTo(second);
        assertThat(tokens.resolve(first)).hasValue(1);
        assertThat(tokens.grant(first).orElseThrow().id()).isNotEqualTo(tokens.grant(second).orElseThrow().id());
    }

    @Test
    void aTokenCarriesItsSecretSealedAndFitsTheProtocolsLimit() {
        String password = "pässwörd-".repeat(29).substring(0, 256);
        String token = tokens.issue(9, password);

        TokenService.Grant grant = tokens.grant(token).orElseThrow();
        assertThat(grant.userId()).isEqualTo(9);
        assertThat(grant.secret()).isEqualTo(password);
        assertThat(token).doesNotContain("p\u00e4ss").hasSizeLessThanOrEqualTo(Limits.MAX_TOKEN_CHARS);
        assertThat(grant.toString()).doesNotContain(password).doesNotContain(token);
        String widest = tokens.issue(9, "\uffff".repeat(256));
        assertThat(widest).hasSizeLessThanOrEqualTo(Limits.MAX_TOKEN_CHARS);
    }

    @Test
    void nodesSharingASecretAcceptEachOthersTokensAndNoOneElses() {
        String secret = "a-secret-of-at-least-thirty-two-chars";
        TokenService node1 = new TokenService(Duration.ofHours(12), clock, TokenSeal.shared(secret));
        TokenService node2 = new TokenService(Duration.ofHours(12), clock, TokenSeal.shared(secret));
        TokenService stranger = new TokenService(Duration.ofHours(12), clock, TokenSeal.shared(secret + "!"));

        String token = node1.issue(4, "pw");
        assertThat(node2.grant(token)).hasValueSatisfying(g -> assertThat(g.secret()).isEqualTo("pw"));
        assertThat(stranger.resolve(token)).isEmpty();
        assertThat(tokens.resolve(token)).isEmpty();
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = tokens.issue(3);
        char[] chars = token.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char[] altered = chars.clone();
            altered[i] = altered[i] == 'A' ? 'B' : 'A';
            assertThat(tokens.resolve(new String(altered))).as("altered at %d", i).isEmpty();
        }
        assertThat(tokens.resolve(token.substring(1))).isEmpty();
        assertThat(tokens.resolve("not base64 !")).isEmpty();
    }

    @Test
    void aRevocationLearnedElsewhereHoldsWithoutTellingListeners() {
        String token = tokens.issue(5);
        List<String> told = new ArrayList<>();
        tokens.addRevocationListener(g -> told.add(g.id()));

        assertThat(tokens.revokeHere(tokens.grant(token).orElseThrow())).isTrue();
        assertThat(tokens.resolve(token)).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aRevocationByIdFromAnotherNodeHolds_andTheIdOfARevokedTokenCanStillBeRead() {
        String token = tokens.issue(6);
        String id = tokens.grant(token).orElseThrow().id();

        assertThat(tokens.revokeHere(id, clock.instant().plusSeconds(60))).isTrue();

        assertThat(tokens.resolve(token)).isEmpty();
        assertThat(tokens.idOf(token)).hasValue(id);
        assertThat(tokens.idOf("not a token")).isEmpty();
    }

    @Test
    void aSecretShorterThan32CharactersIsRefused() {
        assertThatThrownBy(() -> TokenSeal.shared("short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
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
    void forgetsRevocationsOfExpiredTokensWhenIssuing() {
        tokens.revoke(tokens.issue(1));
        clock.advance(Duration.ofHours(1));
        tokens.revoke(tokens.issue(2));
        assertThat(tokens.revokedCount()).isEqualTo(2);

        clock.advance(Duration.ofHours(11).plusSeconds(1));
        tokens.issue(3);

        assertThat(tokens.revokedCount()).isEqualTo(1);
    }
}
