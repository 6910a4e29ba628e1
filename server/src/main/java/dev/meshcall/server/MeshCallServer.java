package dev.meshcall.server;

import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.auth.UserQuery;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.http.AllowedMethods;
import dev.meshcall.server.http.ApiHandler;
import dev.meshcall.server.http.HostCheck;
import dev.meshcall.server.http.OriginCheck;
import dev.meshcall.server.http.PublicHosts;
import dev.meshcall.server.http.StaticFiles;
import dev.meshcall.server.http.StrictTransportSecurity;
import dev.meshcall.server.mode.ModeContext;
import dev.meshcall.server.mode.ModeServices;
import dev.meshcall.server.mode.RelayMode;
import dev.meshcall.server.ops.MeteredRelay;
import dev.meshcall.server.ops.OpsHandler;
import dev.meshcall.server.push.PushApi;
import dev.meshcall.server.push.PushPeers;
import dev.meshcall.server.push.PushSettings;
import dev.meshcall.server.push.PushSubscriptions;
import dev.meshcall.server.push.VapidKeyFile;
import dev.meshcall.server.push.VapidKeys;
import dev.meshcall.server.push.WebPush;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.SessionRegistry;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.tls.ServerTls;
import dev.meshcall.server.turn.IceServers;
import dev.meshcall.server.ws.ConnectRate;
import dev.meshcall.server.ws.Connections;
import dev.meshcall.server.ws.OfflineCallNotifier;
import dev.meshcall.server.ws.RejectOnBehalf;
import dev.meshcall.server.ws.SignalRouter;
import dev.meshcall.server.ws.SignalingHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * One MeshCall node: Undertow serving the web app, the REST API and the signaling WebSocket at {@code /ws}, over the
 * relay and accounts of its {@link RelayMode} (the embedded default: the in-process relay and the account database
 * in the data directory; or an XMPP service). Start it, read {@link #port()} (port 0 picks a free one), close it.
 * Not restartable: make a new one.
 */
public final class MeshCallServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshCallServer.class);
    private static final int GOING_AWAY = 1001;
    /** How often expired call sessions are forgotten. */
    private static final Duration SESSION_EXPIRY_PERIOD = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final RelayMode mode;
    /** The mode's relay, metered. */
    private final Relay relay;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Connections connections;
    private Undertow undertow;
    private ListenerHandle presenceHandle;
    private volatile int port = -1;
    private ServerTls tls;
    private SessionRegistry sessions;
    private WebPush webPush;

    public MeshCallServer(ServerConfig config) {
        this(config, (XmppSettings) null);
    }

    /**
     * A node whose relay is an XMPP service when {@code xmppSettings} is given: identity, presence and routing then
     * live there, and several nodes may share it.
     */
    public MeshCallServer(ServerConfig config, XmppSettings xmppSettings) {
        this(Objects.requireNonNull(config, "config"), RelayMode.of(xmppSettings));
    }

    /** A node relaying and keeping accounts as {@code mode} does; the node closes the mode when it closes. */
    private MeshCallServer(ServerConfig config, RelayMode mode) {
        this.config = Objects.requireNonNull(config, "config");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.connections = new Connections(config.security().connectionLimits());
        MeteredRelay metered = new MeteredRelay(mode.relay(), metrics);
        this.relay = metered;
        connections.countErrorsWith(code -> metered.error(code.wireName()));
    }

    /**
     * Opens what the mode keeps (the embedded database) and starts listening.
     *
     * @throws IOException when the data directory or the database cannot be opened, or the port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized MeshCallServer start() throws IOException {
        if (undertow != null) {
            throw new IllegalStateException("server already started on port " + port);
        }
        DataDirectory.prepare(config.dataDir());
        tls = tlsOf(config);
        try {
            TokenService tokens = new TokenService(config.tokenLifetime(), Clock.systemUTC(), mode.tokenSeal());
            tokens.addRevocationListener(grant -> connections.closeSocketsWhere(grant.userId(),
                    grant.token()::equals));
            LoginThrottle loginThrottle = new LoginThrottle(config.security().loginFailuresPerAccount(),
                    config.security().loginFailuresPerAddress(), Clock.systemUTC());
            sessions = new SessionRegistry(config.sessionIdleTimeout(), config.security().sessionLimits(),
                    Clock.systemUTC());
            sessions.startExpiry(SESSION_EXPIRY_PERIOD);
            ModeServices services = mode.open(new ModeContext(config.dataDir(), tokens, loginThrottle, sessions,
                    connections, metrics));
            List<String> allowedOrigins = allowedOrigins(config.security());
            HttpTimeouts timeouts = config.security().httpTimeouts();
            PushApi pushApi = webPush(services, tokens, allowedOrigins, timeouts.requestBody());
            DataDirectory.protectFiles(config.dataDir());
            SignalRouter router = new SignalRouter(relay, sessions, services.userExists(),
                    config.security().trafficBudgets(),
                    webPush == null ? OfflineCallNotifier.NONE : webPush.notifier());
            IceServers iceServers = new IceServers(config.turn(), Clock.systemUTC());
            metrics.gauge("meshcall.sessions.active", sessions, SessionRegistry::size);
            SignalingHandler signaling = new SignalingHandler(services.authenticator(), relay, router, connections,
                    config.authTimeout(), config.security().maxPendingBytes(), iceServers::readyFrame);
            PublicHosts publicHosts = publicHosts(config);
            HttpHandler webSocket = new HostCheck(publicHosts, OriginCheck.webSocket(allowedOrigins,
                    new ConnectRate(config.security().wsConnectsPerSecond(), signaling.httpHandler())));
            presenceHandle = relay.addPresenceListener(connections);

            // XNIO stops accepting at the high water mark and starts again below the low one.
            int maxConnections = config.security().connectionLimits().maxConnections();
            ApiHandler apiHandler = new ApiHandler(services.accounts(), tokens, relay, timeouts.requestBody(),
                    allowedOrigins, iceServers, config.security().signUp(), config.security().maxUsersPerPage(),
                    new RejectOnBehalf(sessions, router, services.authenticator()),
                    services.pushSubscriptions() == null ? userId -> false : services.pushSubscriptions()::hasAny);
            HttpHandler api = new HostCheck(publicHosts, apiHandler);
            HttpHandler ops = new AllowedMethods(new OpsHandler(metrics, mode::notReadyReason,
                    config.security().metricsToken()), Methods.GET, Methods.HEAD);
            PathHandler paths = Handlers.path(new StaticFiles(config.webRoot()))
                    .addExactPath("/ws", webSocket)
                    .addExactPath("/health", apiHandler)
                    .addExactPath("/health/live", ops)
                    .addExactPath("/health/ready", ops)
                    .addExactPath("/metrics", ops)
                    .addPrefixPath("/api", api);
            pushApi.paths().forEach((path, handler) -> paths.addExactPath(path, new HostCheck(publicHosts, handler)));
            Undertow.Builder builder = Undertow.builder();
            if (tls != null) {
                builder.addListener(tls.listener(config.port(), config.bindAddress()));
            } else {
                builder.addHttpListener(config.port(), config.bindAddress());
            }
            undertow = builder
                    .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .setWorkerThreads(16)
                    .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(timeouts.requestHeader()))
                    .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(timeouts.idle()))
                    .setSocketOption(Options.CONNECTION_HIGH_WATER, maxConnections)
                    .setSocketOption(Options.CONNECTION_LOW_WATER, maxConnections)
                    .setHandler(tls != null ? new StrictTransportSecurity(paths) : paths)
                    .build();
            undertow.start();
        } catch (RuntimeException e) {
            closeQuietly();
            throw new IOException("cannot start on " + config.bindAddress() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        if (!config.turn().isEmpty()) {
            LOG.info("browsers get STUN {} and TURN {} (credentials valid {} s)", config.turn().stunUrls(),
                    config.turn().turnUrls(), config.turn().ttl().getSeconds());
        }
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

    private void closeQuietly() {
        if (webPush != null) {
            webPush.close();
            webPush = null;
        }
        if (presenceHandle != null) {
            presenceHandle.remove();
            presenceHandle = null;
        }
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
        if (sessions != null) {
            sessions.close();
            sessions = null;
        }
        mode.close();
    }

    /**
     * Web Push over the subscriptions the mode keeps ({@link #webPush} is set): the VAPID keys given, or those kept in
     * the data directory (made on the first start).
     */
    private PushApi webPush(ModeServices services, TokenService tokens, List<String> allowedOrigins,
            Duration bodyTimeout) throws IOException {
        PushSubscriptions subscriptions = services.pushSubscriptions();
        PushSettings settings = config.push();
        VapidKeys keys = settings.keys() != null ? settings.keys() : VapidKeyFile.loadOrCreate(config.dataDir());
        String subject = settings.subjectFor(config.security().publicUrls());
        if (subject.equals(PushSettings.FALLBACK_SUBJECT)) {
            LOG.warn("Web Push identifies this server as {}; push services may refuse that: set --push-subject to a"
                    + " mailto: address or an https: URL of yours (or give an https --public-url)", subject);
        }
        if (settings.keys() == null && services.pushPeers() != PushPeers.NONE) {
            LOG.warn("Web Push: this node signs with the VAPID key pair of its own data directory; give every node"
                    + " the same --vapid-public-key and --vapid-private-key, or push services refuse the pushes for"
                    + " browsers that fetched another node's key (docs/xmpp.md, \"Web Push\")");
        }
        webPush = new WebPush(subscriptions, keys, subject, settings, userId -> fullName(services, userId),
                config.security().sessionLimits().answerTimeout(), services.pushPeers(), metrics,
                Clock.systemUTC());
        return PushApi.of(subscriptions, keys, settings, tokens, allowedOrigins, bodyTimeout, Clock.systemUTC());
    }

    /** A user's full name for a push, or {@code null} when it cannot be read. */
    private static String fullName(ModeServices services, int userId) {
        return services.accounts().users(new UserQuery(null, 0, 1, List.of(userId))).users().stream()
                .findFirst().map(User::fullName).orElse(null);
    }

    /**
     * The TLS setup the configuration asks for, or {@code null} for plain HTTP. Chosen here, not in {@code tls}, so
     * that the TLS package knows keystores and certificates but not the server's configuration.
     *
     * @throws IOException naming the keystore when it cannot be read or made
     */
    private static ServerTls tlsOf(ServerConfig config) throws IOException {
        SecurityConfig security = config.security();
        if (security.tlsKeystore() != null) {
            String password = security.tlsKeystorePassword() == null ? "" : security.tlsKeystorePassword();
            return ServerTls.load(security.tlsKeystore(), password.toCharArray());
        }
        if (security.devTls()) {
            return ServerTls.dev(config.dataDir(), config.bindAddress());
        }
        return null;
    }

    /**
     * The hosts requests must name: {@code --public-url}'s, or by default {@code localhost} and the bind address (every
     * address of this machine for a wildcard bind) at the bound port.
     */
    private PublicHosts publicHosts(ServerConfig config) {
        List<URI> urls = config.security().publicUrls();
        if (!urls.isEmpty()) {
            return PublicHosts.of(urls);
        }
        List<String> names = new ArrayList<>();
        for (String name : ServerTls.subjectAlternativeNames(config.bindAddress())) {
            names.add(name.substring(name.indexOf(':') + 1));
        }
        return PublicHosts.local(names, () -> port);
    }

    /** {@code --allowed-origins}; without it but with {@code --public-url}, the public URLs' origins. */
    private static List<String> allowedOrigins(SecurityConfig security) {
        if (!security.allowedOrigins().isEmpty() || security.publicUrls().isEmpty()) {
            return security.allowedOrigins();
        }
        List<String> origins = new ArrayList<>();
        for (URI url : security.publicUrls()) {
            origins.add(url.getScheme() + "://" + url.getRawAuthority());
        }
        return origins;
    }

    /** Undertow's timeout options are whole milliseconds in an {@code int}. */
    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private String hostForUri() {
        String host = config.bindAddress();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
