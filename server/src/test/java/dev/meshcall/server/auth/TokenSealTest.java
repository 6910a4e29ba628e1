package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shared seal's keys: one per purpose from the same secret, the login tokens' unchanged. */
class TokenSealTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final byte[] PLAIN = "call 5 7 s-1 1 0".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theTokensSealIsTheSharedSealOfPurposeToken() {
        assertThat(TokenSeal.shared(SECRET, "token").open(TokenSeal.shared(SECRET).seal(PLAIN))).hasValue(PLAIN);
        assertThat(TokenSeal.shared(SECRET).open(TokenSeal.shared(SECRET, "token").seal(PLAIN))).hasValue(PLAIN);
    }

    @Test
    void whatIsSealedForOnePurposeOpensForNoOther() {
        String sealed = TokenSeal.shared(SECRET, "push request").seal(PLAIN);
        assertThat(TokenSeal.shared(SECRET, "push request").open(sealed)).hasValue(PLAIN);
        assertThat(TokenSeal.shared(SECRET).open(sealed)).isEmpty();
        assertThat(TokenSeal.shared(SECRET + "x", "push request").open(sealed)).isEmpty();
        assertThat(TokenSeal.shared(SECRET, "push request").open(TokenSeal.shared(SECRET).seal(PLAIN))).isEmpty();
    }
}
