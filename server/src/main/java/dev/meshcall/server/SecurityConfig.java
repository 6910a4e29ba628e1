package dev.meshcall.server;

import dev.meshcall.server.relay.SessionLimits;
import dev.meshcall.server.ws.ConnectionLimits;
import dev.meshcall.server.ws.TrafficBudgets;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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

    private final List<String> allowedOrigins;
    private final Path tlsKeystore;
    private final String tlsKeystorePassword;
    private final boolean devTls;
    private final int loginFailuresPerAccount;
    private final int loginFailuresPerAddress;
    private final int wsConnectsPerSecond;
    private final int maxPendingBytes;
    private final HttpTimeouts httpTimeouts;
    private final SessionLimits sessionLimits;
    private final TrafficBudgets trafficBudgets;
    private final ConnectionLimits connectionLimits;
    private final List<URI> publicUrls;

    private SecurityConfig(List<String> allowedOrigins, Path tlsKeystore, String tlsKeystorePassword, boolean devTls,
            int loginFailuresPerAccount, int loginFailuresPerAddress, int wsConnectsPerSecond, int maxPendingBytes,
            HttpTimeouts httpTimeouts, SessionLimits sessionLimits, TrafficBudgets trafficBudgets,
            ConnectionLimits connectionLimits, List<URI> publicUrls) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.tlsKeystore = tlsKeystore;
        this.tlsKeystorePassword = tlsKeystorePassword;
        this.devTls = devTls;
        this.loginFailuresPerAccount = positive(loginFailuresPerAccount, "loginFailuresPerAccount");
        this.loginFailuresPerAddress = positive(loginFailuresPerAddress, "loginFailuresPerAddress");
        this.wsConnectsPerSecond = positive(wsConnectsPerSecond, "wsConnectsPerSecond");
        this.maxPendingBytes = positive(maxPendingBytes, "maxPendingBytes");
        this.httpTimeouts = Objects.requireNonNull(httpTimeouts, "httpTimeouts");
        this.sessionLimits = Objects.requireNonNull(sessionLimits, "sessionLimits");
        this.trafficBudgets = Objects.requireNonNull(trafficBudgets, "trafficBudgets");
        this.connectionLimits = Objects.requireNonNull(connectionLimits, "connectionLimits");
        this.publicUrls = List.copyOf(publicUrls);
        if (tlsKeystore != null && devTls) {
            throw new IllegalArgumentException("a TLS keystore and dev TLS exclude each other");
        }
    }

    /** Own origin only, no TLS, the default limits. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(List.of(), null, null, false, DEFAULT_LOGIN_FAILURES_PER_ACCOUNT,
                DEFAULT_LOGIN_FAILURES_PER_ADDRESS, DEFAULT_WS_CONNECTS_PER_SECOND, DEFAULT_MAX_PENDING_BYTES,
                HttpTimeouts.defaults(), SessionLimits.defaults(), TrafficBudgets.defaults(),
                ConnectionLimits.defaults(), List.of());
    }

    /**
     * Page origins ({@code scheme://host[:port]}) allowed to open {@code /ws}; empty means the server's own origin
     * (the request's scheme and {@code Host}); {@code "*"} allows any.
     */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** A PKCS12 keystore to serve HTTPS/WSS from, or {@code null}. */
    public Path tlsKeystore() {
        return tlsKeystore;
    }

    /** The keystore's password, or {@code null}. */
    public String tlsKeystorePassword() {
        return tlsKeystorePassword;
    }

    /** Whether to serve HTTPS/WSS with a self-signed certificate kept in the data directory. */
    public boolean devTls() {
        return devTls;
    }

    /** Whether the server listens with TLS. */
    public boolean tls() {
        return devTls || tlsKeystore != null;
    }

    public int loginFailuresPerAccount() {
        return loginFailuresPerAccount;
    }

    public int loginFailuresPerAddress() {
        return loginFailuresPerAddress;
    }

    public int wsConnectsPerSecond() {
        return wsConnectsPerSecond;
    }

    public int maxPendingBytes() {
        return maxPendingBytes;
    }

    public SecurityConfig withAllowedOrigins(List<String> value) {
        return new SecurityConfig(value, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits,
                trafficBudgets, connectionLimits, publicUrls);
    }

    public SecurityConfig withTlsKeystore(Path keystore, String password) {
        return new SecurityConfig(allowedOrigins, keystore, password, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits,
                trafficBudgets, connectionLimits, publicUrls);
    }

    public SecurityConfig withDevTls(boolean value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, value, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits,
                trafficBudgets, connectionLimits, publicUrls);
    }

    public SecurityConfig withLoginFailureLimits(int perAccount, int perAddress) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, perAccount, perAddress,
                wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits, trafficBudgets, connectionLimits,
                publicUrls);
    }

    public SecurityConfig withWsConnectsPerSecond(int value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, value, maxPendingBytes, httpTimeouts, sessionLimits, trafficBudgets,
                connectionLimits, publicUrls);
    }

    public SecurityConfig withMaxPendingBytes(int value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, value, httpTimeouts, sessionLimits, trafficBudgets,
                connectionLimits, publicUrls);
    }

    /** How long a slow HTTP client may hold its connection. */
    public HttpTimeouts httpTimeouts() {
        return httpTimeouts;
    }

    public SecurityConfig withHttpTimeouts(HttpTimeouts value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, value, sessionLimits, trafficBudgets,
                connectionLimits, publicUrls);
    }

    /** How many call sessions the node holds, and how long it keeps one nobody answers. */
    public SessionLimits sessionLimits() {
        return sessionLimits;
    }

    public SecurityConfig withSessionLimits(SessionLimits value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, value, trafficBudgets,
                connectionLimits, publicUrls);
    }

    /** How much signaling may be aimed at one user, from everyone and from one sender. */
    public TrafficBudgets trafficBudgets() {
        return trafficBudgets;
    }

    public SecurityConfig withTrafficBudgets(TrafficBudgets value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits, value,
                connectionLimits, publicUrls);
    }

    /** Sockets per user, connections in all, and bytes waiting to be written across all sockets. */
    public ConnectionLimits connectionLimits() {
        return connectionLimits;
    }

    public SecurityConfig withConnectionLimits(ConnectionLimits value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits,
                trafficBudgets, value, publicUrls);
    }

    /**
     * The URLs under which the server is reached ({@code --public-url}); a request must name one of their hosts. Empty
     * for the defaults: {@code localhost} and this machine's addresses at the bound port.
     */
    public List<URI> publicUrls() {
        return publicUrls;
    }

    public SecurityConfig withPublicUrls(List<URI> value) {
        return new SecurityConfig(allowedOrigins, tlsKeystore, tlsKeystorePassword, devTls, loginFailuresPerAccount,
                loginFailuresPerAddress, wsConnectsPerSecond, maxPendingBytes, httpTimeouts, sessionLimits,
                trafficBudgets, connectionLimits, value);
    }

    /** Never shows the keystore password. */
    @Override
    public String toString() {
        return "SecurityConfig[allowedOrigins=" + (allowedOrigins.isEmpty() ? "own" : allowedOrigins)
                + ", tls=" + (devTls ? "dev" : Objects.toString(tlsKeystore, "off"))
                + ", loginFailures=" + loginFailuresPerAccount + "/account/min," + loginFailuresPerAddress
                + "/address/min, wsConnects=" + wsConnectsPerSecond + "/address/s, maxPendingBytes="
                + maxPendingBytes + ", " + httpTimeouts + ", " + sessionLimits + ", " + trafficBudgets + ", "
                + connectionLimits + ", publicUrls=" + (publicUrls.isEmpty() ? "local" : publicUrls) + "]";
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }
}
