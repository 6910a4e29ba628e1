package dev.meshcall.server;

import dev.meshcall.server.push.PushSettings;
import dev.meshcall.server.turn.TurnSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link MeshCallServer} needs: where to listen, where to keep its data, an optional directory of extra web
 * files, and the timeouts (with production defaults; tests shorten them). Immutable; the {@code with...} methods
 * return changed copies.
 */
public final class ServerConfig {
    /** Default port of {@code Main}. */
    public static final int DEFAULT_PORT = 8080;
    /** Default bind address: loopback only, since a browser needs HTTPS anywhere but {@code localhost}. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("meshcall-data");


    private final int port;
    private final String bindAddress;
    private final Path dataDir;
    private final Path webRoot;
    private final Duration authTimeout;
    private final Duration tokenLifetime;
    private final Duration sessionIdleTimeout;
    private final SecurityConfig security;
    private final TurnSettings turn;
    private final PushSettings push;

    /**
     * @param port        the TCP port, 0 for any free one ({@link MeshCallServer#port()} tells which)
     * @param bindAddress the address to listen on, such as {@code 127.0.0.1}
     * @param dataDir     the directory of the account database (created if missing)
     * @param webRoot     a directory whose files are served before the built-in ones, or {@code null}
     */
    public ServerConfig(int port, String bindAddress, Path dataDir, Path webRoot) {
        this(port, bindAddress, dataDir, webRoot, Duration.ofSeconds(5), Duration.ofHours(12), Duration.ofHours(2),
                SecurityConfig.defaults(), TurnSettings.none(), PushSettings.defaults());
    }

    private ServerConfig(int port, String bindAddress, Path dataDir, Path webRoot, Duration authTimeout,
            Duration tokenLifetime, Duration sessionIdleTimeout, SecurityConfig security, TurnSettings turn,
            PushSettings push) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        this.port = port;
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.webRoot = webRoot;
        this.authTimeout = positive(authTimeout, "authTimeout");
        this.tokenLifetime = positive(tokenLifetime, "tokenLifetime");
        this.sessionIdleTimeout = positive(sessionIdleTimeout, "sessionIdleTimeout");
        this.security = Objects.requireNonNull(security, "security");
        this.turn = Objects.requireNonNull(turn, "turn");
        this.push = Objects.requireNonNull(push, "push");
    }

    /**
     * Port 0 (any free one) on 127.0.0.1 with the given data directory and {@link SecurityConfig#forTest}: what
     * tests want.
     */
    public static ServerConfig forTest(Path dataDir) {
        return new ServerConfig(0, DEFAULT_BIND, dataDir, null).withSecurity(SecurityConfig.forTest());
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The extra web files directory, or {@code null}. */
    public Path webRoot() {
        return webRoot;
    }

    /** How long a new WebSocket may take to send its {@code auth} frame before it is closed with 1008. */
    public Duration authTimeout() {
        return authTimeout;
    }

    /** How long a login token is valid. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** How long a call session with no signals is remembered. */
    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(value, bindAddress, dataDir, webRoot, authTimeout, tokenLifetime,
                sessionIdleTimeout, security, turn, push);
    }

    public ServerConfig withWebRoot(Path value) {
        return new ServerConfig(port, bindAddress, dataDir, value, authTimeout, tokenLifetime, sessionIdleTimeout,
                security, turn, push);
    }

    public ServerConfig withAuthTimeout(Duration value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, value, tokenLifetime, sessionIdleTimeout,
                security, turn, push);
    }

    public ServerConfig withTokenLifetime(Duration value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, authTimeout, value, sessionIdleTimeout,
                security, turn, push);
    }

    public ServerConfig withSessionIdleTimeout(Duration value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, authTimeout, tokenLifetime, value, security,
                turn, push);
    }

    /** Origins, TLS and abuse limits ({@code docs/security.md}). */
    public SecurityConfig security() {
        return security;
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, authTimeout, tokenLifetime, sessionIdleTimeout,
                value, turn, push);
    }

    /** The STUN/TURN servers handed to browsers, and the TURN secret ({@code README.md}, "TURN"). */
    public TurnSettings turn() {
        return turn;
    }

    public ServerConfig withTurn(TurnSettings value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, authTimeout, tokenLifetime, sessionIdleTimeout,
                security, value, push);
    }

    /** Web Push: the VAPID keys and the push limits ({@code docs/security.md}, "Web Push"). */
    public PushSettings push() {
        return push;
    }

    public ServerConfig withPush(PushSettings value) {
        return new ServerConfig(port, bindAddress, dataDir, webRoot, authTimeout, tokenLifetime, sessionIdleTimeout,
                security, turn, value);
    }

    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", bind=" + bindAddress + ", dataDir=" + dataDir + ", webRoot="
                + webRoot + ", authTimeout=" + authTimeout + ", tokenLifetime=" + tokenLifetime
                + ", sessionIdleTimeout=" + sessionIdleTimeout + ", security=" + security + ", turn=" + turn + ", push="
                + push + "]";
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, not " + value);
        }
        return value;
    }
}
