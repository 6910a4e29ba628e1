package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.http.SignUpPolicy;
import dev.meshcall.server.relay.SessionLimits;
import dev.meshcall.server.ws.ConnectionLimits;
import dev.meshcall.server.ws.TrafficBudgets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The security flags of {@link ServerFlags} and their environment variables. */
class SecurityFlagsTest {

    private static SecurityConfig parse(Map<String, String> env, String... args) throws Exception {
        return ServerFlags.parse(args, env).config().security();
    }

    @Test
    void defaultsToOwnOriginNoTlsAndTheDefaultLimits() throws Exception {
        SecurityConfig security = parse(Map.of());

        assertThat(security.allowedOrigins()).isEmpty();
        assertThat(security.tls()).isFalse();
        assertThat(security.loginFailuresPerAccount()).isEqualTo(5);
        assertThat(security.loginFailuresPerAddress()).isEqualTo(20);
        assertThat(security.wsConnectsPerSecond()).isEqualTo(20);
    }

    @Test
    void readsAllowedOriginsFromTheFlagOrTheEnvironment() throws Exception {
        assertThat(parse(Map.of(), "--allowed-origins", "https://meet.example.org, http://10.0.0.5:8080")
                .allowedOrigins()).containsExactly("https://meet.example.org", "http://10.0.0.5:8080");
        assertThat(parse(Map.of("MESHCALL_ALLOWED_ORIGINS", "*")).allowedOrigins()).containsExactly("*");
    }

    @Test
    void readsTheMetricsTokenFromTheFlagOrTheEnvironment_andNeverShowsIt() throws Exception {
        assertThat(parse(Map.of()).metricsToken()).as("open by default").isNull();
        String token = "scrape-me-0123456789";
        assertThat(parse(Map.of(), "--metrics-token", token).metricsToken()).isEqualTo(token);
        SecurityConfig fromEnv = parse(Map.of("MESHCALL_METRICS_TOKEN", token));
        assertThat(fromEnv.metricsToken()).isEqualTo(token);
        assertThat(fromEnv.toString()).contains("metrics=token").doesNotContain(token);
        assertThatThrownBy(() -> parse(Map.of(), "--metrics-token", "short-secret"))
                .isInstanceOf(ServerFlags.UsageException.class)
                .hasMessage("--metrics-token must have at least 16 characters");
    }

    @Test
    void readsTheConnectionRateFromTheFlagOrTheEnvironment() throws Exception {
        assertThat(parse(Map.of(), "--ws-connects-per-second", "500").wsConnectsPerSecond()).isEqualTo(500);
        assertThat(parse(Map.of("MESHCALL_WS_CONNECTS_PER_SECOND", "1000")).wsConnectsPerSecond()).isEqualTo(1000);
    }

    @Test
    void readsTheSignUpPolicyFromTheFlagsOrTheEnvironment_openAtFiveAMinuteByDefault() throws Exception {
        assertThat(parse(Map.of()).signUp()).isEqualTo(new SignUpPolicy(true, 5));
        assertThat(parse(Map.of(), "--signup", "closed").signUp()).isEqualTo(new SignUpPolicy(false, 5));
        assertThat(parse(Map.of("MESHCALL_SIGNUP", "CLOSED"), "--signup=open").signUp().open()).isTrue();
        assertThat(parse(Map.of(), "--signup-rate", "60").signUp()).isEqualTo(new SignUpPolicy(true, 60));
        assertThat(parse(Map.of("MESHCALL_SIGNUP_RATE", "2")).signUp().perAddressPerMinute()).isEqualTo(2);
    }

    @Test
    void readsTheUserPageSizeFromTheFlagOrTheEnvironment_oneHundredByDefault() throws Exception {
        assertThat(parse(Map.of()).maxUsersPerPage()).isEqualTo(100);
        assertThat(parse(Map.of(), "--max-users-per-page", "25").maxUsersPerPage()).isEqualTo(25);
        assertThat(parse(Map.of("MESHCALL_MAX_USERS_PER_PAGE", "500")).maxUsersPerPage()).isEqualTo(500);
    }

    @Test
    void readsTheHttpTimeoutsFromTheFlagsOrTheEnvironment_withTheirDefaults() throws Exception {
        assertThat(parse(Map.of()).httpTimeouts()).isEqualTo(HttpTimeouts.defaults());
        assertThat(HttpTimeouts.defaults()).isEqualTo(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        HttpTimeouts timeouts = parse(Map.of("MESHCALL_IDLE_TIMEOUT", "90"), "--request-header-timeout", "3",
                "--request-body-timeout=4").httpTimeouts();
        assertThat(timeouts).isEqualTo(new HttpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(90)));
        assertThat(ServerFlags.usage()).contains("--request-header-timeout SECONDS", "MESHCALL_REQUEST_HEADER_TIMEOUT",
                "--request-body-timeout SECONDS", "MESHCALL_REQUEST_BODY_TIMEOUT", "--idle-timeout SECONDS",
                "MESHCALL_IDLE_TIMEOUT");
    }

    @Test
    void readsTheSessionLimitsFromTheFlagsOrTheEnvironment_withTheirDefaults() throws Exception {
        assertThat(parse(Map.of()).sessionLimits()).isEqualTo(new SessionLimits(Duration.ofSeconds(60),
                Duration.ofSeconds(30), 20, 10_000, 10));
        SessionLimits limits = parse(Map.of("MESHCALL_MAX_SESSIONS", "500"), "--session-answer-timeout", "120",
                "--max-sessions-per-user=4").sessionLimits();
        assertThat(limits).isEqualTo(new SessionLimits(Duration.ofSeconds(120), Duration.ofSeconds(30), 4, 500, 10));
        assertThat(parse(Map.of("MESHCALL_SESSION_ANSWER_TIMEOUT", "45", "MESHCALL_MAX_SESSIONS_PER_USER", "7",
                "MESHCALL_MAX_RINGING_PER_USER", "3"), "--max-ringing-per-user=2").sessionLimits())
                .isEqualTo(new SessionLimits(Duration.ofSeconds(45), Duration.ofSeconds(30), 7, 10_000, 2));
        assertThat(ServerFlags.usage()).contains("--session-answer-timeout SECONDS", "MESHCALL_SESSION_ANSWER_TIMEOUT",
                "--max-sessions-per-user N", "MESHCALL_MAX_SESSIONS_PER_USER", "--max-sessions N",
                "MESHCALL_MAX_SESSIONS", "--max-ringing-per-user N", "MESHCALL_MAX_RINGING_PER_USER");
    }

    @Test
    void readsTheTrafficBudgetsFromTheFlagsOrTheEnvironment_withTheirDefaults() throws Exception {
        assertThat(parse(Map.of()).trafficBudgets()).isEqualTo(new TrafficBudgets(128 * 1024, 64 * 1024, 5, 2));
        assertThat(parse(Map.of("MESHCALL_RECIPIENT_BYTES_PER_SECOND", "1000", "MESHCALL_PAIR_SESSIONS_PER_SECOND",
                "9"), "--pair-bytes-per-second", "500", "--recipient-sessions-per-second=3",
                "--pair-sessions-per-second=4").trafficBudgets()).isEqualTo(new TrafficBudgets(1000, 500, 3, 4));
        assertThat(ServerFlags.usage()).contains("--recipient-bytes-per-second N",
                "MESHCALL_RECIPIENT_BYTES_PER_SECOND", "--pair-bytes-per-second N", "MESHCALL_PAIR_BYTES_PER_SECOND",
                "--recipient-sessions-per-second N", "MESHCALL_RECIPIENT_SESSIONS_PER_SECOND",
                "--pair-sessions-per-second N", "MESHCALL_PAIR_SESSIONS_PER_SECOND");
    }

    @Test
    void readsTheConnectionLimitsFromTheFlagsOrTheEnvironment_withTheirDefaults() throws Exception {
        assertThat(parse(Map.of()).connectionLimits()).isEqualTo(new ConnectionLimits(10, 10_000, 256L << 20));
        assertThat(parse(Map.of("MESHCALL_MAX_CONNECTIONS", "300", "MESHCALL_MAX_SOCKETS_PER_USER", "9"),
                "--max-sockets-per-user", "4", "--max-pending-bytes-total=8589934592").connectionLimits())
                .isEqualTo(new ConnectionLimits(4, 300, 8L << 30));
        assertThat(ServerFlags.usage()).contains("--max-sockets-per-user N", "MESHCALL_MAX_SOCKETS_PER_USER",
                "--max-connections N", "MESHCALL_MAX_CONNECTIONS", "--max-pending-bytes-total BYTES",
                "MESHCALL_MAX_PENDING_BYTES_TOTAL");
    }

    @Test
    void readsThePublicUrlsFromTheFlagOrTheEnvironment() throws Exception {
        assertThat(parse(Map.of()).publicUrls()).isEmpty();
        assertThat(parse(Map.of(), "--public-url", "https://meet.example.org/, http://10.0.0.5:8080").publicUrls())
                .containsExactly(java.net.URI.create("https://meet.example.org/"),
                        java.net.URI.create("http://10.0.0.5:8080"));
        assertThat(parse(Map.of("MESHCALL_PUBLIC_URL", "https://a.example")).publicUrls())
                .containsExactly(java.net.URI.create("https://a.example"));
    }

    @Test
    void devTlsIsASwitchThatTakesNoValue() throws Exception {
        ServerFlags flags = ServerFlags.parse(new String[] {"--dev-tls", "--port", "9443"}, Map.of());

        assertThat(flags.config().security().devTls()).isTrue();
        assertThat(flags.config().port()).isEqualTo(9443);
        assertThat(parse(Map.of("MESHCALL_DEV_TLS", "true")).devTls()).isTrue();
        assertThat(parse(Map.of("MESHCALL_DEV_TLS", "true"), "--dev-tls=false").devTls()).isFalse();
    }

    @Test
    void readsAKeystoreWithItsPasswordFromTheEnvironment(@TempDir Path dir) throws Exception {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "not really");

        SecurityConfig security = parse(Map.of("MESHCALL_TLS_KEYSTORE_PASSWORD", "secret"), "--tls-keystore",
                keystore.toString());

        assertThat(security.tlsKeystore()).isEqualTo(keystore);
        assertThat(security.tlsKeystorePassword()).isEqualTo("secret");
        assertThat(security.tls()).isTrue();
        assertThat(security.toString()).doesNotContain("secret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--allowed-origins=meet.example.org          | not an origin",
        "--allowed-origins=https://a.example/path    | not an origin",
        "--tls-keystore=/no/such/keystore.p12        | not a readable file",
        "--tls-keystore-password=x                   | needs --tls-keystore",
        "--dev-tls=maybe                             | must be true or false",
        "--ws-connects-per-second=0                  | must be a whole number above 0",
        "--ws-connects-per-second=lots               | must be a whole number above 0",
        "--request-header-timeout=0                  | --request-header-timeout must be a whole number above 0",
        "--request-body-timeout=soon                 | --request-body-timeout must be a whole number above 0",
        "--idle-timeout=-1                           | --idle-timeout must be a whole number above 0",
        "--session-answer-timeout=0                  | --session-answer-timeout must be a whole number above 0",
        "--max-sessions-per-user=none                | --max-sessions-per-user must be a whole number above 0",
        "--max-sessions=-5                           | --max-sessions must be a whole number above 0",
        "--max-ringing-per-user=0                    | --max-ringing-per-user must be a whole number above 0",
        "--recipient-bytes-per-second=1e6            | --recipient-bytes-per-second must be a whole number above 0",
        "--pair-bytes-per-second=                    | --pair-bytes-per-second must be a whole number above 0",
        "--recipient-sessions-per-second=0           | --recipient-sessions-per-second must be a whole number",
        "--pair-sessions-per-second=x                | --pair-sessions-per-second must be a whole number above 0",
        "--public-url=meet.example.org               | --public-url: 'meet.example.org' is not a URL",
        "--public-url=https://a.example/path         | is not a URL such as https://meet.example.org",
        "--public-url=ftp://a.example                | is not a URL such as",
        "--public-url=,                              | --public-url needs at least one URL",
        "--max-sockets-per-user=0                    | --max-sockets-per-user must be a whole number above 0",
        "--max-connections=99999999999               | --max-connections must be at most 2147483647",
        "--max-pending-bytes-total=lots              | --max-pending-bytes-total must be a whole number above 0",
        "--signup=invite                             | --signup must be open or closed, not 'invite'",
        "--signup-rate=0                             | --signup-rate must be a whole number above 0",
        "--max-users-per-page=all                    | --max-users-per-page must be a whole number above 0",
    })
    void refusesBadSecurityFlagsNamingThem(String arg, String message) {
        assertThatThrownBy(() -> parse(Map.of(), arg)).isInstanceOf(ServerFlags.UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAKeystoreTogetherWithDevTls(@TempDir Path dir) throws Exception {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "x");
        assertThatThrownBy(() -> parse(Map.of(), "--dev-tls", "--tls-keystore", keystore.toString()))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void listsTheSecurityFlagsInTheUsage() {
        assertThat(ServerFlags.usage()).contains("--allowed-origins LIST", "--tls-keystore PATH",
                "--tls-keystore-password PASS", "--dev-tls ", "MESHCALL_DEV_TLS", "--signup MODE", "--signup-rate N")
                .doesNotContain("null");
    }
}
