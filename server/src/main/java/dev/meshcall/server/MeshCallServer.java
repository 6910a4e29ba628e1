package dev.meshcall.server;

import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.PasswordHasher;
import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.auth.UserStore;
import dev.meshcall.server.http.ApiHandler;
import dev.meshcall.server.http.EmbeddedAccounts;
import dev.meshcall.server.http.StaticFiles;
import dev.meshcall.server.ops.MeteredRelay;
import dev.meshcall.server.ops.OpsHandler;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.LocalRelay;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.SessionRegistry;
import dev.meshcall.server.relay.xmpp.IncomingSignalListener;
import dev.meshcall.server.relay.xmpp.XmppAccounts;
import dev.meshcall.server.relay.xmpp.XmppMetrics;
import dev.meshcall.server.relay.xmpp.XmppRelay;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.relay.xmpp.XmppSocketAuthenticator;
import dev.meshcall.server.tls.ServerTls;
import dev.meshcall.server.ws.Connections;
import dev.meshcall.server.ws.SignalRouter;
import dev.meshcall.server.ws.SignalingHandler;
import dev.meshcall.server.ws.SocketAuthenticator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MeshCall node in the embedded default: Undertow serving the web app, the REST API and the signaling
 * WebSocket at {@code /ws}, with the in-process relay and the account database in the data directory. Start it,
 * read {@link #port()} (port 0 picks a free one), close it. Not restartable: make a new one.
 */
public final class MeshCallServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshCallServer.class);
    private static final int GOING_AWAY = 1001;

    private final ServerConfig config;
    private final Relay relay;
    /** The relay over XMPP when configured ({@code docs/xmpp.md}), else {@code null}. */
    private final XmppRelay xmpp;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Connections connections = new Connections();
    private Undertow undertow;
    private UserStore users;
    private ListenerHandle presenceHandle;
    private int port = -1;
    private ServerTls tls;

    public MeshCallServer(ServerConfig config) {
        this(config, null);
    }

    /**
     * A node whose relay is an XMPP service when {@code xmppSettings} is given: identity, presence and routing then
     * live there, and several nodes may share it.
     */
    public MeshCallServer(ServerConfig config, XmppSettings xmppSettings) {
        this.config = Objects.requireNonNull(config, "config");
        this.xmpp = xmppSettings == null ? null : new XmppRelay(xmppSettings);
        MeteredRelay metered = new MeteredRelay(xmpp != null ? xmpp : new LocalRelay(), metrics);
        this.relay = metered;
        connections.countErrorsWith(code -> metered.error(code.wireName()));
    }

    /**
     * Opens the database and starts listening.
     *
     * @throws IOException when the data directory or the database cannot be opened, or the port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized MeshCallServer start() throws IOException {
        if (undertow != null || users != null) {
            throw new IllegalStateException("server already started on port " + port);
        }
        PasswordHasher hasher = new PasswordHasher();
        if (hasher.iterations() < PasswordHasher.DEFAULT_ITERATIONS) {
            LOG.warn("PBKDF2 at {} iterations ({} is set): fine for tests, too weak for real accounts",
                    hasher.iterations(), PasswordHasher.ITERATIONS_PROPERTY);
        }
        tls = ServerTls.from(config.security(), config.dataDir(), config.bindAddress());
        users = UserStore.open(config.dataDir());
        try {
            TokenService tokens = new TokenService(config.tokenLifetime(), Clock.systemUTC(),
                    xmpp != null ? xmpp.settings().tokenSeal() : TokenSeal.random());
            tokens.addRevocationListener(grant -> connections.closeSocketsWhere(grant.userId(),
                    grant.token()::equals));
            LoginThrottle loginThrottle = new LoginThrottle(config.security().loginFailuresPerAccount(),
                    config.security().loginFailuresPerAddress(), Clock.systemUTC());
            AccountService accounts = new AccountService(users, hasher, tokens, loginThrottle);
            SessionRegistry sessions = new SessionRegistry(config.sessionIdleTimeout(), Clock.systemUTC());
            SignalRouter router = new SignalRouter(relay, sessions, xmpp != null ? id -> true : users::exists);
            if (xmpp != null) {
                xmpp.onIncoming(IncomingSignalListener.checking(sessions));
                XmppMetrics.bind(xmpp, metrics);
                tokens.addRevocationListener(grant -> xmpp.revoke(grant.userId(), grant.secret(), grant.id(),
                        grant.expires()));
                xmpp.onRevokedElsewhere((userId, tokenId, expires) -> {
                    tokens.revokeHere(tokenId, expires);
                    connections.closeSocketsWhere(userId, token -> tokenId.equals(tokens.idOf(token).orElse(null)));
                });
                if (xmpp.settings().tokenSecret() == null) {
                    LOG.info("login tokens work on this node only; give every node the same"
                            + " MESHCALL_XMPP_TOKEN_SECRET to let a page reconnect to any of them");
                }
            }
            metrics.gauge("meshcall.sessions.active", sessions, SessionRegistry::size);
            SocketAuthenticator authenticator = xmpp != null ? new XmppSocketAuthenticator(xmpp, tokens)
                    : SocketAuthenticator.immediate(accounts::authenticate);
            SignalingHandler signaling = new SignalingHandler(authenticator, relay, router, connections,
                    config.authTimeout(), config.security());
            presenceHandle = relay.addPresenceListener(connections);

            Accounts apiAccounts = xmpp != null ? new XmppAccounts(xmpp, tokens, loginThrottle)
                    : new EmbeddedAccounts(accounts, users);
            ApiHandler api = new ApiHandler(apiAccounts, tokens, relay);
            OpsHandler ops = new OpsHandler(metrics, this::notReadyReason);
            PathHandler paths = Handlers.path(new StaticFiles(config.webRoot()))
                    .addExactPath("/ws", signaling.httpHandler())
                    .addExactPath("/health", api)
                    .addExactPath("/health/live", ops)
                    .addExactPath("/health/ready", ops)
                    .addExactPath("/metrics", ops)
                    .addPrefixPath("/api", api);
            Undertow.Builder builder = Undertow.builder();
            if (tls != null) {
                builder.addListener(tls.listener(config.port(), config.bindAddress()));
            } else {
                builder.addHttpListener(config.port(), config.bindAddress());
            }
            undertow = builder
                    .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .setWorkerThreads(16)
                    .setHandler(paths)
                    .build();
            undertow.start();
        } catch (RuntimeException e) {
            closeQuietly();
            throw new IOException("cannot start on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        if (tls != null) {
            LOG.info("serving HTTPS/WSS with the certificate of {}, SHA-256 fingerprint {}", tls.keystore(),
                    tls.fingerprint());
        }
        return this;
    }

    /** The bound port (the real one when the configuration said 0). */
    public synchronized int port() {
        if (undertow == null) {
            throw new IllegalStateException("server not started");
        }
        return port;
    }

    /** {@code http://host:port/} ({@code https} with TLS), for browsers and tests. */
    public URI baseUri() {
        return URI.create((tls != null ? "https" : "http") + "://" + hostForUri() + ":" + port() + "/");
    }

    /** {@code ws://host:port/ws} ({@code wss} with TLS), the signaling WebSocket. */
    public URI webSocketUri() {
        return URI.create((tls != null ? "wss" : "ws") + "://" + hostForUri() + ":" + port() + "/ws");
    }

    /** The TLS setup (certificate, fingerprint), or {@code null} when serving plain HTTP. */
    public synchronized ServerTls tls() {
        return tls;
    }

    /** The open WebSockets, for tests and metrics (counts such as sockets closed as too slow). */
    public Connections connections() {
        return connections;
    }

    /** The relay, for tests and for an embedding application that wants presence events. */
    public Relay relay() {
        return relay;
    }

    /** The configuration this server was made with. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Closes every WebSocket with 1001 (going away), waits briefly for them to finish, stops listening and closes
     * the database. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (undertow != null) {
            try {
                connections.closeAll(GOING_AWAY, "server shutting down", Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    /** Why this node cannot relay signals now, or {@code null} when it can (for {@code /health/ready}). */
    private String notReadyReason() {
        if (xmpp != null && !xmpp.isServiceReachable(Duration.ofSeconds(1))) {
            return "the XMPP service at " + xmpp.settings().host() + ":" + xmpp.settings().port()
                    + " is unreachable";
        }
        return null;
    }

    /** The XMPP relay, or {@code null} in the embedded mode. */
    public XmppRelay xmppRelay() {
        return xmpp;
    }

    private void closeQuietly() {
        if (xmpp != null) {
            xmpp.close();
        }
        if (presenceHandle != null) {
            presenceHandle.remove();
            presenceHandle = null;
        }
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
        if (users != null) {
            users.close();
            users = null;
        }
    }

    private String hostForUri() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
