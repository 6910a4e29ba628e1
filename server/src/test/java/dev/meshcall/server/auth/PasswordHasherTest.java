package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void matchesOnlyTheSamePassword() {
        PasswordHash hash = hasher.hash("correct horse");

        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsE", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        PasswordHash first = hasher.hash("same password");
        PasswordHash second = hasher.hash("same password");

        assertThat(first.salt()).hasSize(16).isNotEqualTo(second.salt());
        assertThat(first.hash()).hasSize(32).isNotEqualTo(second.hash());
    }

    @Test
    void checksWithTheStoredIterationCount() {
        PasswordHash old = new PasswordHasher(500).hash("password1");

        assertThat(hasher.matches("password1", old)).isTrue();
        assertThat(old.iterations()).isEqualTo(500);
    }

    @Test
    void defaultsToTheProductionCountUnlessThePropertyLowersIt() {
        String property = System.getProperty(PasswordHasher.ITERATIONS_PROPERTY);
        int expected = property == null ? PasswordHasher.DEFAULT_ITERATIONS : Integer.parseInt(property);

        assertThat(new PasswordHasher().iterations()).isEqualTo(expected);
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);
    }

    @Test
    void neverShowsTheHashInToString() {
        assertThat(hasher.hash("secret-password").toString()).doesNotContain("[B@").contains("1000 iterations");
    }

    @Test
    void refusesANonPositiveCount() {
        assertThatThrownBy(() -> new PasswordHasher(0)).hasMessageContaining("at least 1, not 0");
    }
}
