package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountServiceTest {
    @TempDir
    Path dataDir;
    private UserStore store;
    private AccountService accounts;

    @BeforeEach
    void open() throws Exception {
        store = UserStore.open(dataDir);
        accounts = new AccountService(store, new PasswordHasher(1000), new TokenService(Duration.ofHours(1),
                new MutableClock()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void numbersAccountsFromOneAndDefaultsTheFullName() {
        User alice = accounts.signUp("alice", "password1", "Alice A");
        User bob = accounts.signUp("bob", "password2", null);

        assertThat(alice).isEqualTo(new User(1, "alice", "Alice A"));
        assertThat(bob).isEqualTo(new User(2, "bob", "bob"));
        assertThat(store.all()).containsExactly(alice, bob);
        assertThat(store.exists(2)).isTrue();
        assertThat(store.exists(3)).isFalse();
    }

    @Test
    void keepsAccountsAcrossRestarts() throws Exception {
        accounts.signUp("alice", "password1", null);
        store.close();
        store = UserStore.open(dataDir);
        accounts = new AccountService(store, new PasswordHasher(1000), new TokenService(Duration.ofHours(1),
                new MutableClock()));

        assertThat(store.exists(1)).isTrue();
        assertThat(accounts.login("alice", "password1").user().id()).isEqualTo(1);
    }

    @Test
    void refusesATakenLogin() {
        accounts.signUp("alice", "password1", null);

        AccountException error = catchThrowableOfType(AccountException.class,
                () -> accounts.signUp("alice", "password2", null));
        assertThat(error.reason()).isEqualTo(AccountException.Reason.CONFLICT);
        assertThat(error.getMessage()).isEqualTo("login 'alice' is taken");
    }

    /** A row stored before logins were normalized, with capitals, is found in any case and keeps its login. */
    @Test
    void findsAnOldLoginWithCapitalsInAnyCase() {
        store.create("Carol", "Carol C", new PasswordHasher(1000).hash("password1"));

        assertThat(accounts.login("carol", "password1").user()).isEqualTo(new User(1, "Carol", "Carol C"));
        assertThat(accounts.login("CAROL", "password1").user().id()).isEqualTo(1);
        AccountException error = catchThrowableOfType(AccountException.class,
                () -> accounts.signUp("carol", "password2", null));
        assertThat(error.reason()).isEqualTo(AccountException.Reason.CONFLICT);
    }

    @ParameterizedTest(name = "{0}/{1}/{2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
        "NULL, password1, A, login",
        "'', password1, A, login",
        "al ice, password1, A, login",
        "al/ice, password1, A, login",
        "alice, short, A, password",
        "alice, NULL, A, password",
        "alice, password1, '  ', fullName",
    })
    void namesTheBadField(String login, String password, String fullName, String field) {
        AccountException error = catchThrowableOfType(AccountException.class,
                () -> accounts.signUp(login, password, fullName));

        assertThat(error.reason()).isEqualTo(AccountException.Reason.INVALID);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.getMessage()).contains(field);
    }

    @Test
    void countsAPasswordsLengthInCodePoints_notUtf16Units() {
        String fourEmoji = "\uD83D\uDE00".repeat(4);
        AccountException error = catchThrowableOfType(AccountException.class,
                () -> accounts.signUp("alice", fourEmoji, null));
        assertThat(error).as("4 characters in 8 UTF-16 units").isNotNull();
        assertThat(error.getMessage()).isEqualTo("password must be 8 to 256 characters, not 4");

        String maxEmoji = "\uD83D\uDE00".repeat(256);
        assertThat(accounts.signUp("bob", maxEmoji, null).login()).as("256 characters in 512 units").isEqualTo("bob");
    }

    @Test
    void logsInByLoginOrIdWithOneMessageForEveryFailure() {
        User alice = accounts.signUp("a.l-i_c@e", "password1", null);

        AccountService.Session session = accounts.login("a.l-i_c@e", "password1");
        assertThat(session.user()).isEqualTo(alice);
        assertThat(accounts.authenticate(session.token())).hasValue(alice.id());
        assertThat(accounts.login(alice.id(), "password1").user()).isEqualTo(alice);
        assertThat(session.toString()).doesNotContain(session.token());

        String wrongPassword = catchThrowableOfType(AccountException.class,
                () -> accounts.login("a.l-i_c@e", "password2")).getMessage();
        String unknownUser = catchThrowableOfType(AccountException.class,
                () -> accounts.login("nobody", "password1")).getMessage();
        String unknownId = catchThrowableOfType(AccountException.class,
                () -> accounts.login(99, "password1")).getMessage();
        assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo(unknownId).isEqualTo("wrong login or password");
    }

    @Test
    void logoutRevokesTheToken() {
        accounts.signUp("alice", "password1", null);
        String token = accounts.login("alice", "password1").token();

        assertThat(accounts.logout(token)).isTrue();
        assertThat(accounts.authenticate(token)).isEmpty();
    }
}
