package dev.meshcall.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login throttle under concurrency (issue 12): 40 wrong passwords for one account, all at once, may reach the
 * password check at most as often as the limit allows. A login that reached the check is observable without timing:
 * with a wrong password it is answered {@code UNAUTHORIZED}, while one refused before the check is
 * {@code RATE_LIMITED}. Before the fix the attempt was counted only after PBKDF2, so most of the 40 were checked.
 */
class ConcurrentLoginThrottleTest {
    private static final int ATTEMPTS = 40;
    private static final int PER_ACCOUNT = 5;

    @TempDir
    Path dataDir;
    private UserStore store;
    private AccountService accounts;
    private final ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);

    @BeforeEach
    void open() throws Exception {
        store = UserStore.open(dataDir);
        // Enough PBKDF2 work per check that the 40 attempts overlap.
        accounts = new AccountService(store, new PasswordHasher(20_000), new TokenService(Duration.ofHours(1),
                new MutableClock()), new LoginThrottle(PER_ACCOUNT, 1000, Clock.systemUTC()));
        accounts.signUp("alice", "right-password", null);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        store.close();
    }

    @Test
    void concurrentWrongPasswordsReachTheCheckAtMostTheLimit() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AccountException.Reason>> answers = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                try {
                    accounts.login("alice", "wrong-password", "192.0.2.1");
                    return null;
                } catch (AccountException e) {
                    return e.reason();
                }
            }));
        }
        start.countDown();
        List<AccountException.Reason> reasons = new ArrayList<>();
        for (Future<AccountException.Reason> answer : answers) {
            reasons.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(reasons).as("answers to %d concurrent wrong passwords", ATTEMPTS)
                .containsOnly(AccountException.Reason.UNAUTHORIZED, AccountException.Reason.RATE_LIMITED);
        assertThat(reasons).filteredOn(AccountException.Reason.UNAUTHORIZED::equals).as("passwords checked")
                .hasSize(PER_ACCOUNT);
    }

    @Test
    void aRightPasswordStillClearsTheAccountAndCostsTheAddressNothing() {
        LoginThrottle throttle = new LoginThrottle(2, 2, Clock.systemUTC());
        AccountService service = new AccountService(store, new PasswordHasher(1000), new TokenService(
                Duration.ofHours(1), new MutableClock()), throttle);
        for (int i = 0; i < 3; i++) {
            assertThat(service.login("alice", "right-password", "192.0.2.2").user().login()).isEqualTo("alice");
        }
        assertThat(throttle.waitBefore("user:1", "192.0.2.2")).isZero();
    }
}
