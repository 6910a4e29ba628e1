package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Login throttling and the login endpoint's refusals over real HTTP: failures per account and per address lead to
 * 429 with {@code Retry-After}, the same whether the account exists or not. Each test has its own server, since
 * every request comes from 127.0.0.1.
 */
class LoginThrottleTest {
    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private TestHttp http;

    private void start(int perAccount, int perAddress) throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withLoginFailureLimits(perAccount, perAddress))).start();
        http = new TestHttp(server.baseUri());
        http.signUp("owner", "owner-password");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestHttp.Reply login(String login, String password) {
        return http.post("/api/login", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}", null);
    }

    private static void assertRateLimited(TestHttp.Reply reply) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(429);
        assertThat(reply.body().get("error").textValue()).isEqualTo("rate_limited");
        assertThat(reply.body().get("message").textValue()).startsWith("too many failed logins; try again in");
        long retryAfter = Long.parseLong(reply.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
    }

    @Test
    void throttlesAnAccountAfterItsFailures_evenForTheRightPassword_andByIdToo() throws Exception {
        start(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
        }
        assertRateLimited(login("owner", "owner-password"));
        assertRateLimited(http.post("/api/login", "{\"userId\":1,\"password\":\"owner-password\"}", null));
        assertThat(login("other", "whatever-pw").status()).as("another account").isEqualTo(401);
    }

    @Test
    void throttlesAnUnknownAccountTheSameWay_soNothingTellsWhetherItExists() throws Exception {
        start(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
            assertThat(login("ghost", "wrong-password").status()).isEqualTo(401);
        }
        TestHttp.Reply known = login("owner", "wrong-password");
        TestHttp.Reply unknown = login("ghost", "wrong-password");
        assertRateLimited(known);
        assertRateLimited(unknown);
        assertThat(unknown.raw().body()).isEqualTo(known.raw().body());
    }

    @Test
    void throttlesAnAddressAfterFailuresAcrossAccounts() throws Exception {
        start(100, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(login("user" + i, "wrong-password").status()).isEqualTo(401);
        }
        assertRateLimited(login("owner", "owner-password"));
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() throws Exception {
        start(3, 100);
        assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
        assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
        assertThat(login("owner", "owner-password").status()).isEqualTo(200);
        assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
        assertThat(login("owner", "wrong-password").status()).isEqualTo(401);
        assertThat(login("owner", "owner-password").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', value = {
        "{\"password\":\"owner-password\"}                 | 400 | bad_request | login is missing",
        "{\"login\":\"owner\"}                             | 400 | bad_request | password is missing",
        "{\"login\":\"owner\",\"password\":42}             | 400 | bad_request | password must be a string",
        "{\"userId\":\"one\",\"password\":\"owner-pass\"}  | 400 | bad_request | userId must be a whole number",
        "{\"userId\":0,\"password\":\"owner-pass\"}        | 400 | bad_request | userId must be a whole number",
        "[\"owner\",\"owner-password\"]                    | 400 | bad_request | JSON object",
        "{\"login\":\"owner\",                             | 400 | bad_request | malformed JSON",
        "''                                                | 400 | bad_request | JSON object body",
    })
    void refusesABadLoginRequestNamingTheCause(String body, int status, String code, String message)
            throws Exception {
        start(3, 100);
        TestHttp.Reply reply = http.post("/api/login", body, null);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.body().get("error").textValue()).isEqualTo(code);
        assertThat(reply.body().get("message").textValue()).contains(message);
        assertThat(reply.raw().body()).doesNotContain("Exception");
    }

    @Test
    void refusesAnOversizedLoginBodyWith413() throws Exception {
        start(3, 100);
        TestHttp.Reply reply = login("owner", "x".repeat(20 * 1024));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().get("error").textValue()).isEqualTo("too_large");
    }

    @Test
    void signOutRevokesTheTokenForRestCallsToo() throws Exception {
        start(3, 100);
        String token = http.login("owner", "owner-password");
        assertThat(http.get("/api/users", token).status()).isEqualTo(200);
        assertThat(http.post("/api/logout", "", token).status()).isEqualTo(204);
        assertThat(http.get("/api/users", token).status()).isEqualTo(401);
    }
}
