package dev.meshcall.server;

import dev.meshcall.server.http.SignUpPolicy;
import dev.meshcall.server.relay.SessionLimits;
import dev.meshcall.server.ws.ConnectionLimits;
import dev.meshcall.server.ws.TrafficBudgets;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The security settings of a {@link MeshCallServer} ({@code docs/security.md}): which page origins may open the
 * signaling WebSocket, TLS, and the abuse limits, with production defaults. Immutable; the {@code with...} methods
 * return changed copies.
 */
public final class SecurityConfig {
    /** Failed logins per account per minute before 429. */
    public static final int DEFAULT_LOGIN_FAILURES_PER_ACCOUNT = 5;
    /** Failed logins per client address per minute before 429. */
    public static final int DEFAULT_LOGIN_FAILURES_PER_ADDRESS = 20;
    /** New WebSocket connections per client address per second before 429 at the handshake. */
    public static final int DEFAULT_WS_CONNECTS_PER_SECOND = 20;
    /** Bytes that may wait to be written to one socket before it is closed as too slow. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;
    /** The shortest {@code --metrics-token}: a token short enough to guess is no lock. */
    public static final int MIN_METRICS_TOKEN_CHARS = 16;
    /** The most users one {@code GET /api/users} answers, and the default page. */
    public static final int DEFAULT_MAX_USERS_PER_PAGE = 100;
    /** Sign-ups per address per minute {@link #forTest} allows. */
    public static final int TEST_SIGN_UPS = 100_000;

    /**
     * The settings as a changeable copy: each {@code with...} method copies them ({@link #with}), changes one, and
     * makes a new, checked {@code SecurityConfig} of them.
     */
    private static final class Fields implements Cloneable {
        List<String> allowedOrigins = List.of();
        Path tlsKeystore;
        String tlsKeystorePassword;
        boolean devTls;
        int loginFailuresPerAccount = DEFAULT_LOGIN_FAILURES_PER_ACCOUNT;
        int loginFailuresPerAddress = DEFAULT_LOGIN_FAILURES_PER_ADDRESS;
        int wsConnectsPerSecond = DEFAULT_WS_CONNECTS_PER_SECOND;
        int maxPendingBytes = DEFAULT_MAX_PENDING_BYTES;
        HttpTimeouts httpTimeouts = HttpTimeouts.defaults();
        SessionLimits sessionLimits = SessionLimits.defaults();
        TrafficBudgets trafficBudgets = TrafficBudgets.defaults();
        ConnectionLimits connectionLimits = ConnectionLimits.defaults();
        List<URI> publicUrls = List.of();
        String metricsToken;
        SignUpPolicy signUp = SignUpPolicy.defaults();
        int maxUsersPerPage = DEFAULT_MAX_USERS_PER_PAGE;

        @Override
        protected Fields clone() {
            try {
                return (Fields) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The settings this was made of; never changed ({@link #with} changes a copy). */
    private final Fields fields;

    /** Checks {@code fields} and keeps them; the getters read them. */
    private SecurityConfig(Fields fields) {
        fields.allowedOrigins = List.copyOf(fields.allowedOrigins);
        fields.publicUrls = List.copyOf(fields.publicUrls);
        positive(fields.loginFailuresPerAccount, "loginFailuresPerAccount");
        positive(fields.loginFailuresPerAddress, "loginFailuresPerAddress");
        positive(fields.wsConnectsPerSecond, "wsConnectsPerSecond");
        positive(fields.maxPendingBytes, "maxPendingBytes");
        positive(fields.maxUsersPerPage, "maxUsersPerPage");
        Objects.requireNonNull(fields.httpTimeouts, "httpTimeouts");
        Objects.requireNonNull(fields.sessionLimits, "sessionLimits");
        Objects.requireNonNull(fields.trafficBudgets, "trafficBudgets");
        Objects.requireNonNull(fields.connectionLimits, "connectionLimits");
        Objects.requireNonNull(fields.signUp, "signUp");
        if (fields.metricsToken != null && fields.metricsToken.length() < MIN_METRICS_TOKEN_CHARS) {
            throw new IllegalArgumentException("the metrics token must have at least " + MIN_METRICS_TOKEN_CHARS
                    + " characters");
        }
        if (fields.tlsKeystore != null && fields.devTls) {
            throw new IllegalArgumentException("a TLS keystore and dev TLS exclude each other");
        }
        this.fields = fields;
    }

    /** A copy with {@code change} made to its settings. */
    private SecurityConfig with(Consumer<Fields> change) {
        Fields copy = fields.clone();
        change.accept(copy);
        return new SecurityConfig(copy);
    }

    /** Own origin only, no TLS, the default limits. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(new Fields());
    }

    /**
     * The defaults, but with sign-up open to {@value #TEST_SIGN_UPS} a minute from one address: every test client
     * signs up from 127.0.0.1. Tests of the sign-up rate set their own.
     */
    public static SecurityConfig forTest() {
        return defaults().withSignUp(SignUpPolicy.defaults().withPerAddressPerMinute(TEST_SIGN_UPS));
    }

    /**
     * Page origins ({@code scheme://host[:port]}) allowed to open {@code /ws}; empty means the server's own origin
     * (the request's scheme and {@code Host}); {@code "*"} allows any.
     */
    public List<String> allowedOrigins() {
        return fields.allowedOrigins;
    }

    /** A PKCS12 keystore to serve HTTPS/WSS from, or {@code null}. */
    public Path tlsKeystore() {
        return fields.tlsKeystore;
    }

    /** The keystore's password, or {@code null}. */
    public String tlsKeystorePassword() {
        return fields.tlsKeystorePassword;
    }

    /** Whether to serve HTTPS/WSS with a self-signed certificate kept in the data directory. */
    public boolean devTls() {
        return fields.devTls;
    }

    /** Whether the server listens with TLS. */
    public boolean tls() {
        return fields.devTls || fields.tlsKeystore != null;
    }

    public int loginFailuresPerAccount() {
        return fields.loginFailuresPerAccount;
    }

    public int loginFailuresPerAddress() {
        return fields.loginFailuresPerAddress;
    }

    public int wsConnectsPerSecond() {
        return fields.wsConnectsPerSecond;
    }

    public int maxPendingBytes() {
        return fields.maxPendingBytes;
    }

    public SecurityConfig withAllowedOrigins(List<String> value) {
        return with(f -> f.allowedOrigins = value);
    }

    public SecurityConfig withTlsKeystore(Path keystore, String password) {
        return with(f -> {
            f.tlsKeystore = keystore;
            f.tlsKeystorePassword = password;
        });
    }

    public SecurityConfig withDevTls(boolean value) {
        return with(f -> f.devTls = value);
    }

    public SecurityConfig withLoginFailureLimits(int perAccount, int perAddress) {
        return with(f -> {
            f.loginFailuresPerAccount = perAccount;
            f.loginFailuresPerAddress = perAddress;
        });
    }

    public SecurityConfig withWsConnectsPerSecond(int value) {
        return with(f -> f.wsConnectsPerSecond = value);
    }

    public SecurityConfig withMaxPendingBytes(int value) {
        return with(f -> f.maxPendingBytes = value);
    }

    /** How long a slow HTTP client may hold its connection. */
    public HttpTimeouts httpTimeouts() {
        return fields.httpTimeouts;
    }

    public SecurityConfig withHttpTimeouts(HttpTimeouts value) {
        return with(f -> f.httpTimeouts = value);
    }

    /** How many call sessions the node holds, and how long it keeps one nobody answers. */
    public SessionLimits sessionLimits() {
        return fields.sessionLimits;
    }

    public SecurityConfig withSessionLimits(SessionLimits value) {
        return with(f -> f.sessionLimits = value);
    }

    /** How much signaling may be aimed at one user, from everyone and from one sender. */
    public TrafficBudgets trafficBudgets() {
        return fields.trafficBudgets;
    }

    public SecurityConfig withTrafficBudgets(TrafficBudgets value) {
        return with(f -> f.trafficBudgets = value);
    }

    /** Sockets per user, connections in all, and bytes waiting to be written across all sockets. */
    public ConnectionLimits connectionLimits() {
        return fields.connectionLimits;
    }

    public SecurityConfig withConnectionLimits(ConnectionLimits value) {
        return with(f -> f.connectionLimits = value);
    }

    /**
     * The URLs under which the server is reached ({@code --public-url}); a request must name one of their hosts. Empty
     * for the defaults: {@code localhost} and this machine's addresses at the bound port.
     */
    public List<URI> publicUrls() {
        return fields.publicUrls;
    }

    public SecurityConfig withPublicUrls(List<URI> value) {
        return with(f -> f.publicUrls = value);
    }

    /**
     * The bearer token {@code GET /metrics} must carry ({@code --metrics-token}), or {@code null} when it is open:
     * the metrics tell who is busy and how much, which is the operator's business only.
     */
    public String metricsToken() {
        return fields.metricsToken;
    }

    public SecurityConfig withMetricsToken(String value) {
        return with(f -> f.metricsToken = value);
    }

    /** Whether anyone may sign up ({@code --signup}), and how often from one address ({@code --signup-rate}). */
    public SignUpPolicy signUp() {
        return fields.signUp;
    }

    public SecurityConfig withSignUp(SignUpPolicy value) {
        return with(f -> f.signUp = value);
    }

    /** The most users one {@code GET /api/users} answers ({@code --max-users-per-page}), and its default page. */
    public int maxUsersPerPage() {
        return fields.maxUsersPerPage;
    }

    public SecurityConfig withMaxUsersPerPage(int value) {
        return with(f -> f.maxUsersPerPage = value);
    }

    /** Never shows the keystore password. */
    @Override
    public String toString() {
        Fields f = fields;
        return "SecurityConfig[allowedOrigins=" + (f.allowedOrigins.isEmpty() ? "own" : f.allowedOrigins)
                + ", tls=" + (f.devTls ? "dev" : Objects.toString(f.tlsKeystore, "off"))
                + ", loginFailures=" + f.loginFailuresPerAccount + "/account/min," + f.loginFailuresPerAddress
                + "/address/min, wsConnects=" + f.wsConnectsPerSecond + "/address/s, maxPendingBytes="
                + f.maxPendingBytes + ", " + f.httpTimeouts + ", " + f.sessionLimits + ", " + f.trafficBudgets + ", "
                + f.connectionLimits + ", publicUrls=" + (f.publicUrls.isEmpty() ? "local" : f.publicUrls)
                + ", metrics=" + (f.metricsToken == null ? "open" : "token") + ", " + f.signUp
                + ", maxUsersPerPage=" + f.maxUsersPerPage + "]";
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
