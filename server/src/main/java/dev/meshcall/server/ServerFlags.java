package dev.meshcall.server;

import dev.meshcall.server.http.SignUpPolicy;
import dev.meshcall.server.logging.LogFormat;
import dev.meshcall.server.logging.LogSettings;
import dev.meshcall.server.push.PushSettings;
import dev.meshcall.server.push.VapidKeys;
import dev.meshcall.server.relay.SessionLimits;
import dev.meshcall.server.relay.xmpp.XmppHost;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.turn.IceUrls;
import dev.meshcall.server.turn.TurnSettings;
import dev.meshcall.server.ws.ConnectionLimits;
import dev.meshcall.server.ws.TrafficBudgets;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The command line of {@code java -jar meshcall-server.jar}: each flag, or the environment variable that mirrors it
 * (the flag wins), becomes part of a {@link ServerConfig}. A bad value is a {@link UsageException} whose message
 * names the flag and the value.
 */
public final class ServerFlags {
    private final boolean help;
    private final ServerConfig config;
    private final XmppSettings xmpp;
    private final LogSettings logging;

    /** A flag, the environment variable that mirrors it, and what it means. */
    private enum Flag {
        PORT("--port", "MESHCALL_PORT", "PORT", "TCP port to listen on, 0 for any free one (default "
                + ServerConfig.DEFAULT_PORT + ")"),
        BIND("--bind", "MESHCALL_BIND", "ADDRESS", "address to listen on (default " + ServerConfig.DEFAULT_BIND
                + ")"),
        DATA_DIR("--data-dir", "MESHCALL_DATA_DIR", "DIR", "directory of the account database (default ./"
                + ServerConfig.DEFAULT_DATA_DIR + ")"),
        WEB_ROOT("--web-root", "MESHCALL_WEB_ROOT", "DIR", "directory of web files served before the built-in ones"
                + " (optional)"),
        ALLOWED_ORIGINS("--allowed-origins", "MESHCALL_ALLOWED_ORIGINS", "LIST", "page origins that may open the"
                + " WebSocket, comma-separated; * for any (default: own)"),
        PUBLIC_URL("--public-url", "MESHCALL_PUBLIC_URL", "LIST", "URLs the server is reached at, comma-separated"
                + " (https://meet.example.org); requests naming another Host get 421 (default: localhost and this"
                + " machine's addresses at --port)"),
        TLS_KEYSTORE("--tls-keystore", "MESHCALL_TLS_KEYSTORE", "PATH", "PKCS12 keystore: serve HTTPS/WSS on --port"),
        TLS_KEYSTORE_PASSWORD("--tls-keystore-password", "MESHCALL_TLS_KEYSTORE_PASSWORD", "PASS", "its password"
                + " (better in the environment)"),
        DEV_TLS("--dev-tls", "MESHCALL_DEV_TLS", null, "HTTPS/WSS with a self-signed certificate kept in the data"
                + " directory"),
        WS_CONNECTS_PER_SECOND("--ws-connects-per-second", "MESHCALL_WS_CONNECTS_PER_SECOND", "N", "new WebSockets"
                + " per client address per second (default " + SecurityConfig.DEFAULT_WS_CONNECTS_PER_SECOND
                + "; raise it behind a reverse proxy)"),
        SIGNUP("--signup", "MESHCALL_SIGNUP", "MODE", "open (default): anyone may create an account; closed: only"
                + " the operator, with the add-user command"),
        SIGNUP_RATE("--signup-rate", "MESHCALL_SIGNUP_RATE", "N", "sign-ups per client address per minute, bursts"
                + " of as many (default " + SignUpPolicy.DEFAULT_PER_ADDRESS_PER_MINUTE + "; raise it behind a reverse"
                + " proxy)"),
        MAX_USERS_PER_PAGE("--max-users-per-page", "MESHCALL_MAX_USERS_PER_PAGE", "N", "users one GET /api/users"
                + " answers at most, and by default (default " + SecurityConfig.DEFAULT_MAX_USERS_PER_PAGE + ")"),
        REQUEST_HEADER_TIMEOUT("--request-header-timeout", "MESHCALL_REQUEST_HEADER_TIMEOUT", "SECONDS", "time a"
                + " request's line and headers may take to arrive (default "
                + HttpTimeouts.DEFAULT_REQUEST_HEADER_SECONDS + ")"),
        REQUEST_BODY_TIMEOUT("--request-body-timeout", "MESHCALL_REQUEST_BODY_TIMEOUT", "SECONDS", "time a REST"
                + " request body may take to arrive in full, else the connection is closed (default "
                + HttpTimeouts.DEFAULT_REQUEST_BODY_SECONDS + ")"),
        IDLE_TIMEOUT("--idle-timeout", "MESHCALL_IDLE_TIMEOUT", "SECONDS", "time a kept-alive HTTP connection may"
                + " wait for its next request (default " + HttpTimeouts.DEFAULT_IDLE_SECONDS + ")"),
        SESSION_ANSWER_TIMEOUT("--session-answer-timeout", "MESHCALL_SESSION_ANSWER_TIMEOUT", "SECONDS", "how long"
                + " callers ring (the SDK's answerTimeInterval); an unanswered call session is forgotten 30 s after"
                + " (default " + SessionLimits.DEFAULT_ANSWER_TIMEOUT_SECONDS + ")"),
        MAX_SESSIONS_PER_USER("--max-sessions-per-user", "MESHCALL_MAX_SESSIONS_PER_USER", "N", "call sessions one"
                + " user may have open (default " + SessionLimits.DEFAULT_MAX_SESSIONS_PER_USER + ")"),
        MAX_SESSIONS("--max-sessions", "MESHCALL_MAX_SESSIONS", "N", "call sessions the node holds in all"
                + " (default " + SessionLimits.DEFAULT_MAX_SESSIONS + ")"),
        MAX_RINGING_PER_USER("--max-ringing-per-user", "MESHCALL_MAX_RINGING_PER_USER", "N", "calls that may ring"
                + " one user at once (default " + SessionLimits.DEFAULT_MAX_RINGING_PER_USER + ")"),
        RECIPIENT_BYTES_PER_SECOND("--recipient-bytes-per-second", "MESHCALL_RECIPIENT_BYTES_PER_SECOND", "N",
                "signaling bytes all senders together may send one user a second (default "
                + TrafficBudgets.DEFAULT_RECIPIENT_BYTES_PER_SECOND + ")"),
        PAIR_BYTES_PER_SECOND("--pair-bytes-per-second", "MESHCALL_PAIR_BYTES_PER_SECOND", "N", "signaling bytes"
                + " one sender may send one user a second (default " + TrafficBudgets.DEFAULT_PAIR_BYTES_PER_SECOND
                + ")"),
        RECIPIENT_SESSIONS_PER_SECOND("--recipient-sessions-per-second", "MESHCALL_RECIPIENT_SESSIONS_PER_SECOND",
                "N", "new calls that may ring one user a second (default "
                + TrafficBudgets.DEFAULT_RECIPIENT_SESSIONS_PER_SECOND + ")"),
        PAIR_SESSIONS_PER_SECOND("--pair-sessions-per-second", "MESHCALL_PAIR_SESSIONS_PER_SECOND", "N", "new calls"
                + " one sender may start with one user a second (default "
                + TrafficBudgets.DEFAULT_PAIR_SESSIONS_PER_SECOND + ")"),
        MAX_SOCKETS_PER_USER("--max-sockets-per-user", "MESHCALL_MAX_SOCKETS_PER_USER", "N", "WebSockets one user"
                + " may have open on this node (default " + ConnectionLimits.DEFAULT_MAX_SOCKETS_PER_USER + ")"),
        MAX_CONNECTIONS("--max-connections", "MESHCALL_MAX_CONNECTIONS", "N", "TCP connections the node accepts at"
                + " once (default " + ConnectionLimits.DEFAULT_MAX_CONNECTIONS + ")"),
        MAX_PENDING_BYTES_TOTAL("--max-pending-bytes-total", "MESHCALL_MAX_PENDING_BYTES_TOTAL", "BYTES", "bytes"
                + " that may wait to be written across all WebSockets (default "
                + ConnectionLimits.DEFAULT_MAX_PENDING_BYTES_TOTAL + ")"),
        XMPP_HOST("--xmpp-host", "MESHCALL_XMPP_HOST", "HOSTS", "relay over this XMPP service (docs/xmpp.md):"
                + " HOST or HOST:PORT, or several (cluster members) separated by commas, tried in turn when one"
                + " fails; without it, the in-process relay"),
        XMPP_PORT("--xmpp-port", "MESHCALL_XMPP_PORT", "PORT", "its client port, for hosts given without one"
                + " (default " + XmppSettings.DEFAULT_PORT + ")"),
        XMPP_DOMAIN("--xmpp-domain", "MESHCALL_XMPP_DOMAIN", "DOMAIN", "the XMPP domain of the users' JIDs"
                + " (default: the host of a single --xmpp-host; needed with several)"),
        XMPP_APP_ID("--xmpp-app-id", "MESHCALL_XMPP_APP_ID", "ID", "application id in JIDs userId-ID@domain"
                + " (default 1)"),
        XMPP_TLS("--xmpp-tls", "MESHCALL_XMPP_TLS", "MODE", "required (default), if-possible, or disabled"
                + " (loopback only)"),
        XMPP_TOKEN_SECRET("--xmpp-token-secret", "MESHCALL_XMPP_TOKEN_SECRET", "SECRET", "the same secret on every"
                + " node (32+ characters; prefer the variable) lets a login token work on any node"),
        STUN_URL("--stun-url", "MESHCALL_STUN_URL", "URL", "STUN server for browsers, stun:host[:port]; repeat the"
                + " flag or separate with commas for several"),
        TURN_URL("--turn-url", "MESHCALL_TURN_URL", "URL", "TURN server for browsers, turn:host[:port][?transport="
                + "udp|tcp] or turns:...; repeat or separate with commas"),
        TURN_SECRET("--turn-secret", "MESHCALL_TURN_SECRET", "SECRET", "the TURN server's static-auth-secret, to"
                + " mint credentials (" + TurnSettings.MIN_SECRET_CHARS + "+ characters; prefer the variable)"),
        TURN_TTL("--turn-ttl", "MESHCALL_TURN_TTL", "SECONDS", "how long a TURN credential is valid (default "
                + TurnSettings.DEFAULT_TTL.getSeconds() + ")"),
        VAPID_PUBLIC_KEY("--vapid-public-key", "MESHCALL_VAPID_PUBLIC_KEY", "KEY", "Web Push: the VAPID public key,"
                + " base64url (65-byte point); with --vapid-private-key, or neither: a pair kept in the data"
                + " directory"),
        VAPID_PRIVATE_KEY("--vapid-private-key", "MESHCALL_VAPID_PRIVATE_KEY", "KEY", "its private key, base64url"
                + " (32 bytes; prefer the variable)"),
        PUSH_SUBJECT("--push-subject", "MESHCALL_PUSH_SUBJECT", "URL", "the contact push services see, mailto: or"
                + " https: (default: the first https --public-url, else " + PushSettings.FALLBACK_SUBJECT + ")"),
        PUSH_TIMEOUT("--push-timeout", "MESHCALL_PUSH_TIMEOUT", "SECONDS", "time one push may take to connect and"
                + " be answered (default " + PushSettings.DEFAULT_TIMEOUT.getSeconds() + ")"),
        PUSH_QUEUE("--push-queue", "MESHCALL_PUSH_QUEUE", "N", "pushes that may wait to be sent; more are dropped"
                + " (default " + PushSettings.DEFAULT_QUEUE + ")"),
        PUSH_MAX_SUBSCRIPTIONS("--push-max-subscriptions", "MESHCALL_PUSH_MAX_SUBSCRIPTIONS", "N", "push"
                + " subscriptions per user; a new one past it evicts their oldest (default "
                + PushSettings.DEFAULT_MAX_SUBSCRIPTIONS + ")"),
        PUSH_TTL("--push-ttl", "MESHCALL_PUSH_TTL", "SECONDS", "how long a push service may hold a call's push"
                + " (default " + PushSettings.DEFAULT_TTL.getSeconds() + ")"),
        PUSH_ALLOW_HTTP_ENDPOINTS("--push-allow-http-endpoints", "MESHCALL_PUSH_ALLOW_HTTP_ENDPOINTS", null, "tests"
                + " only: accept http: push endpoints besides https:"),
        METRICS_TOKEN("--metrics-token", "MESHCALL_METRICS_TOKEN", "TOKEN", "a bearer token GET /metrics must carry"
                + " (" + SecurityConfig.MIN_METRICS_TOKEN_CHARS + "+ characters; prefer the variable); without it"
                + " /metrics is open to anyone who reaches the port"),
        LOG_FORMAT("--log-format", "MESHCALL_LOG_FORMAT", "FORMAT", "text (default) or json: one JSON object per"
                + " line"),
        LOG_LEVEL("--log-level", "MESHCALL_LOG_LEVEL", "LEVEL", "trace, debug, info (default), warn or error");

        final String name;
        final String env;
        final String placeholder;
        final String help;

        Flag(String name, String env, String placeholder, String help) {
            this.name = name;
            this.env = env;
            this.placeholder = placeholder;
            this.help = help;
        }
    }

    /** Flags that may be given several times on the command line; their values add up, as a comma list. */
    private static final EnumSet<Flag> REPEATABLE = EnumSet.of(Flag.STUN_URL, Flag.TURN_URL);

    /** A command line that cannot be used; the message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private ServerFlags(boolean help, ServerConfig config) {
        this(help, config, null, LogSettings.DEFAULT);
    }

    private ServerFlags(boolean help, ServerConfig config, XmppSettings xmpp, LogSettings logging) {
        this.xmpp = xmpp;
        this.logging = logging;
        this.help = help;
        this.config = config;
    }

    /** Whether {@code --help} was given: print {@link #usage()} and exit. */
    public boolean helpRequested() {
        return help;
    }

    /** The configuration, or {@code null} when {@link #helpRequested()}. */
    public ServerConfig config() {
        return config;
    }

    /** The XMPP service to relay over, or {@code null} for the in-process relay. */
    public XmppSettings xmpp() {
        return xmpp;
    }

    /** How the process logs: {@code --log-format} and {@code --log-level}. */
    public LogSettings logging() {
        return logging;
    }

    /**
     * Parses the flags ({@code --name value} or {@code --name=value}) over the environment's defaults.
     *
     * @throws UsageException naming an unknown flag, a missing value, or a bad value
     */
    public static ServerFlags parse(String[] args, Map<String, String> env) throws UsageException {
        String[] values = new String[Flag.values().length];
        boolean[] given = new boolean[values.length];
        for (Flag flag : Flag.values()) {
            String value = env.get(flag.env);
            if (value != null && !value.isBlank()) {
                values[flag.ordinal()] = value;
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ServerFlags(true, null);
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Flag flag = find(name);
            if (value == null && flag.placeholder == null) {
                value = "true";
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag.name + " needs a value: " + flag.name + " " + flag.placeholder);
                }
                value = args[++i];
            }
            if (REPEATABLE.contains(flag) && given[flag.ordinal()]) {
                value = values[flag.ordinal()] + "," + value;
            }
            given[flag.ordinal()] = true;
            values[flag.ordinal()] = value;
        }
        return new ServerFlags(false, build(values), xmpp(values), logging(values));
    }

    private static Flag find(String name) throws UsageException {
        for (Flag flag : Flag.values()) {
            if (flag.name.equals(name)) {
                return flag;
            }
        }
        throw new UsageException("unknown option '" + name + "'; see --help");
    }

    private static ServerConfig build(String[] values) throws UsageException {
        int port = values[Flag.PORT.ordinal()] == null ? ServerConfig.DEFAULT_PORT : port(values[Flag.PORT.ordinal()]);
        String bind = values[Flag.BIND.ordinal()] == null ? ServerConfig.DEFAULT_BIND
                : bind(values[Flag.BIND.ordinal()]);
        Path dataDir = values[Flag.DATA_DIR.ordinal()] == null ? ServerConfig.DEFAULT_DATA_DIR
                : path(Flag.DATA_DIR, values[Flag.DATA_DIR.ordinal()]);
        Path webRoot = null;
        if (values[Flag.WEB_ROOT.ordinal()] != null) {
            webRoot = path(Flag.WEB_ROOT, values[Flag.WEB_ROOT.ordinal()]);
            if (!Files.isDirectory(webRoot)) {
                throw new UsageException("--web-root " + webRoot + " is not a directory");
            }
        }
        return new ServerConfig(port, bind, dataDir, webRoot).withSecurity(security(values))
                .withTurn(turn(values)).withPush(push(values));
    }

    /** Web Push; the private key is never part of a message. */
    private static PushSettings push(String[] values) throws UsageException {
        PushSettings push = PushSettings.defaults();
        String publicKey = values[Flag.VAPID_PUBLIC_KEY.ordinal()];
        String privateKey = values[Flag.VAPID_PRIVATE_KEY.ordinal()];
        if (publicKey != null && privateKey == null) {
            throw new UsageException("--vapid-public-key needs its private key: set " + Flag.VAPID_PRIVATE_KEY.env
                    + " (or --vapid-private-key)");
        }
        if (privateKey != null && publicKey == null) {
            throw new UsageException("--vapid-private-key needs --vapid-public-key");
        }
        if (publicKey != null) {
            try {
                push = push.withKeys(VapidKeys.of(publicKey, privateKey));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--vapid-public-key/--vapid-private-key: " + e.getMessage());
            }
        }
        String subject = values[Flag.PUSH_SUBJECT.ordinal()];
        if (subject != null) {
            try {
                push = push.withSubject(subject);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--push-subject: " + e.getMessage());
            }
        }
        String timeout = values[Flag.PUSH_TIMEOUT.ordinal()];
        if (timeout != null) {
            push = push.withTimeout(seconds(Flag.PUSH_TIMEOUT, timeout));
        }
        String queue = values[Flag.PUSH_QUEUE.ordinal()];
        if (queue != null) {
            push = push.withQueue(positiveInt(Flag.PUSH_QUEUE, queue));
        }
        String max = values[Flag.PUSH_MAX_SUBSCRIPTIONS.ordinal()];
        if (max != null) {
            push = push.withMaxSubscriptionsPerUser(positiveInt(Flag.PUSH_MAX_SUBSCRIPTIONS, max));
        }
        String ttl = values[Flag.PUSH_TTL.ordinal()];
        if (ttl != null) {
            push = push.withTtl(seconds(Flag.PUSH_TTL, ttl));
        }
        String allowHttp = values[Flag.PUSH_ALLOW_HTTP_ENDPOINTS.ordinal()];
        if (allowHttp != null) {
            push = push.withAllowHttpEndpoints(bool(Flag.PUSH_ALLOW_HTTP_ENDPOINTS, allowHttp));
        }
        return push;
    }

    private static SecurityConfig security(String[] values) throws UsageException {
        SecurityConfig security = SecurityConfig.defaults();
        String origins = values[Flag.ALLOWED_ORIGINS.ordinal()];
        if (origins != null) {
            List<String> list = new ArrayList<>();
            for (String origin : origins.split(",")) {
                String trimmed = origin.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!trimmed.equals("*") && !trimmed.matches("(?i)https?://[^/?#\\s]+")) {
                    throw new UsageException("--allowed-origins: '" + trimmed + "' is not an origin such as"
                            + " https://meet.example.org or *");
                }
                list.add(trimmed);
            }
            security = security.withAllowedOrigins(list);
        }
        String publicUrls = values[Flag.PUBLIC_URL.ordinal()];
        if (publicUrls != null) {
            security = security.withPublicUrls(publicUrls(publicUrls));
        }
        String keystore = values[Flag.TLS_KEYSTORE.ordinal()];
        String password = values[Flag.TLS_KEYSTORE_PASSWORD.ordinal()];
        boolean devTls = values[Flag.DEV_TLS.ordinal()] != null && bool(Flag.DEV_TLS, values[Flag.DEV_TLS.ordinal()]);
        if (keystore != null) {
            if (devTls) {
                throw new UsageException("--tls-keystore and --dev-tls exclude each other; give one");
            }
            Path path = path(Flag.TLS_KEYSTORE, keystore);
            if (!Files.isReadable(path)) {
                throw new UsageException("--tls-keystore " + path + " is not a readable file");
            }
            security = security.withTlsKeystore(path, password == null ? "" : password);
        } else if (password != null) {
            throw new UsageException("--tls-keystore-password needs --tls-keystore");
        }
        String connects = values[Flag.WS_CONNECTS_PER_SECOND.ordinal()];
        if (connects != null) {
            security = security.withWsConnectsPerSecond(positiveInt(Flag.WS_CONNECTS_PER_SECOND, connects));
        }
        String usersPerPage = values[Flag.MAX_USERS_PER_PAGE.ordinal()];
        if (usersPerPage != null) {
            security = security.withMaxUsersPerPage(positiveInt(Flag.MAX_USERS_PER_PAGE, usersPerPage));
        }
        String metricsToken = values[Flag.METRICS_TOKEN.ordinal()];
        if (metricsToken != null) {
            if (metricsToken.length() < SecurityConfig.MIN_METRICS_TOKEN_CHARS || metricsToken.isBlank()) {
                // Said without the token: a refused command line is printed.
                throw new UsageException("--metrics-token must have at least " + SecurityConfig.MIN_METRICS_TOKEN_CHARS
                        + " characters");
            }
            security = security.withMetricsToken(metricsToken);
        }
        return security.withSignUp(signUp(values)).withDevTls(devTls).withHttpTimeouts(httpTimeouts(values))
                .withSessionLimits(sessionLimits(values)).withTrafficBudgets(trafficBudgets(values))
                .withConnectionLimits(connectionLimits(values));
    }

    private static SignUpPolicy signUp(String[] values) throws UsageException {
        SignUpPolicy policy = SignUpPolicy.defaults();
        String mode = values[Flag.SIGNUP.ordinal()];
        if (mode != null) {
            switch (mode.trim().toLowerCase(Locale.ROOT)) {
                case "open" -> policy = policy.withOpen(true);
                case "closed" -> policy = policy.withOpen(false);
                default -> throw new UsageException("--signup must be open or closed, not '" + mode + "'");
            }
        }
        String rate = values[Flag.SIGNUP_RATE.ordinal()];
        if (rate != null) {
            policy = policy.withPerAddressPerMinute(positiveInt(Flag.SIGNUP_RATE, rate));
        }
        return policy;
    }

    private static ConnectionLimits connectionLimits(String[] values) throws UsageException {
        ConnectionLimits limits = ConnectionLimits.defaults();
        String sockets = values[Flag.MAX_SOCKETS_PER_USER.ordinal()];
        if (sockets != null) {
            limits = limits.withMaxSocketsPerUser(positiveInt(Flag.MAX_SOCKETS_PER_USER, sockets));
        }
        String connections = values[Flag.MAX_CONNECTIONS.ordinal()];
        if (connections != null) {
            limits = limits.withMaxConnections(positiveInt(Flag.MAX_CONNECTIONS, connections));
        }
        String pending = values[Flag.MAX_PENDING_BYTES_TOTAL.ordinal()];
        if (pending != null) {
            limits = limits.withMaxPendingBytesTotal(positiveLong(Flag.MAX_PENDING_BYTES_TOTAL, pending));
        }
        return limits;
    }

    private static TrafficBudgets trafficBudgets(String[] values) throws UsageException {
        TrafficBudgets budgets = TrafficBudgets.defaults();
        String recipientBytes = values[Flag.RECIPIENT_BYTES_PER_SECOND.ordinal()];
        if (recipientBytes != null) {
            budgets = budgets.withRecipientBytesPerSecond(positiveInt(Flag.RECIPIENT_BYTES_PER_SECOND,
                    recipientBytes));
        }
        String pairBytes = values[Flag.PAIR_BYTES_PER_SECOND.ordinal()];
        if (pairBytes != null) {
            budgets = budgets.withPairBytesPerSecond(positiveInt(Flag.PAIR_BYTES_PER_SECOND, pairBytes));
        }
        String recipientSessions = values[Flag.RECIPIENT_SESSIONS_PER_SECOND.ordinal()];
        if (recipientSessions != null) {
            budgets = budgets.withRecipientSessionsPerSecond(positiveInt(Flag.RECIPIENT_SESSIONS_PER_SECOND,
                    recipientSessions));
        }
        String pairSessions = values[Flag.PAIR_SESSIONS_PER_SECOND.ordinal()];
        if (pairSessions != null) {
            budgets = budgets.withPairSessionsPerSecond(positiveInt(Flag.PAIR_SESSIONS_PER_SECOND, pairSessions));
        }
        return budgets;
    }

    private static SessionLimits sessionLimits(String[] values) throws UsageException {
        SessionLimits limits = SessionLimits.defaults();
        String answer = values[Flag.SESSION_ANSWER_TIMEOUT.ordinal()];
        if (answer != null) {
            limits = limits.withAnswerTimeout(seconds(Flag.SESSION_ANSWER_TIMEOUT, answer));
        }
        String perUser = values[Flag.MAX_SESSIONS_PER_USER.ordinal()];
        if (perUser != null) {
            limits = limits.withMaxSessionsPerUser(positiveInt(Flag.MAX_SESSIONS_PER_USER, perUser));
        }
        String total = values[Flag.MAX_SESSIONS.ordinal()];
        if (total != null) {
            limits = limits.withMaxSessions(positiveInt(Flag.MAX_SESSIONS, total));
        }
        String ringing = values[Flag.MAX_RINGING_PER_USER.ordinal()];
        if (ringing != null) {
            limits = limits.withMaxRingingPerUser(positiveInt(Flag.MAX_RINGING_PER_USER, ringing));
        }
        return limits;
    }

    private static List<URI> publicUrls(String value) throws UsageException {
        List<URI> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                URI url = new URI(trimmed);
                String path = url.getRawPath();
                if (url.getScheme() == null || !url.getScheme().matches("(?i)https?") || url.getHost() == null
                        || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                        || path != null && !path.isEmpty() && !path.equals("/")) {
                    throw new URISyntaxException(trimmed, "not http(s)://host[:port]");
                }
                urls.add(url);
            } catch (URISyntaxException e) {
                throw new UsageException("--public-url: '" + trimmed + "' is not a URL such as"
                        + " https://meet.example.org or http://10.0.0.5:8080");
            }
        }
        if (urls.isEmpty()) {
            throw new UsageException("--public-url needs at least one URL such as https://meet.example.org");
        }
        return urls;
    }

    /** The STUN/TURN servers for browsers; the secret is never part of a message. */
    private static TurnSettings turn(String[] values) throws UsageException {
        List<String> stun = urls(values, Flag.STUN_URL, IceUrls::stun);
        List<String> turn = urls(values, Flag.TURN_URL, IceUrls::turn);
        String secret = values[Flag.TURN_SECRET.ordinal()];
        String ttl = values[Flag.TURN_TTL.ordinal()];
        if (turn.isEmpty()) {
            for (Flag flag : new Flag[] {Flag.TURN_SECRET, Flag.TURN_TTL}) {
                if (values[flag.ordinal()] != null) {
                    throw new UsageException(flag.name + " needs --turn-url");
                }
            }
        } else if (secret == null) {
            throw new UsageException("--turn-url needs the TURN server's static-auth-secret: set "
                    + Flag.TURN_SECRET.env + " (or --turn-secret)");
        } else if (secret.length() < TurnSettings.MIN_SECRET_CHARS) {
            throw new UsageException("--turn-secret must be at least " + TurnSettings.MIN_SECRET_CHARS
                    + " characters, not " + secret.length());
        }
        try {
            return TurnSettings.of(stun, turn, secret,
                    ttl == null ? TurnSettings.DEFAULT_TTL : seconds(Flag.TURN_TTL, ttl));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stun-url/--turn-url: " + e.getMessage());
        }
    }

    /** The URLs of a comma-separated flag value, each checked by {@code check}; none when the flag is not set. */
    private static List<String> urls(String[] values, Flag flag, UnaryOperator<String> check) throws UsageException {
        List<String> urls = new ArrayList<>();
        String value = values[flag.ordinal()];
        if (value == null) {
            return urls;
        }
        for (String item : value.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            try {
                urls.add(check.apply(item));
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag.name + ": " + e.getMessage());
            }
        }
        return urls;
    }

    private static HttpTimeouts httpTimeouts(String[] values) throws UsageException {
        HttpTimeouts timeouts = HttpTimeouts.defaults();
        String header = values[Flag.REQUEST_HEADER_TIMEOUT.ordinal()];
        if (header != null) {
            timeouts = timeouts.withRequestHeader(seconds(Flag.REQUEST_HEADER_TIMEOUT, header));
        }
        String body = values[Flag.REQUEST_BODY_TIMEOUT.ordinal()];
        if (body != null) {
            timeouts = timeouts.withRequestBody(seconds(Flag.REQUEST_BODY_TIMEOUT, body));
        }
        String idle = values[Flag.IDLE_TIMEOUT.ordinal()];
        if (idle != null) {
            timeouts = timeouts.withIdle(seconds(Flag.IDLE_TIMEOUT, idle));
        }
        return timeouts;
    }

    private static Duration seconds(Flag flag, String value) throws UsageException {
        return Duration.ofSeconds(positiveInt(flag, value));
    }

    private static int positiveInt(Flag flag, String value) throws UsageException {
        long number = positiveLong(flag, value);
        if (number > Integer.MAX_VALUE) {
            throw new UsageException(flag.name + " must be at most " + Integer.MAX_VALUE + ", not '" + value + "'");
        }
        return (int) number;
    }

    private static long positiveLong(Flag flag, String value) throws UsageException {
        try {
            long number = Long.parseLong(value.trim());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new UsageException(flag.name + " must be a whole number above 0, not '" + value + "'");
    }

    private static boolean bool(Flag flag, String value) throws UsageException {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> {
                return true;
            }
            case "false", "0", "no", "off" -> {
                return false;
            }
            default -> throw new UsageException(flag.name + " must be true or false, not '" + value + "'");
        }
    }

    private static XmppSettings xmpp(String[] values) throws UsageException {
        String host = values[Flag.XMPP_HOST.ordinal()];
        if (host == null) {
            for (Flag flag : new Flag[] {Flag.XMPP_PORT, Flag.XMPP_DOMAIN, Flag.XMPP_APP_ID, Flag.XMPP_TLS,
                    Flag.XMPP_TOKEN_SECRET}) {
                if (values[flag.ordinal()] != null) {
                    throw new UsageException(flag.name + " needs --xmpp-host");
                }
            }
            return null;
        }
        String port = values[Flag.XMPP_PORT.ordinal()];
        String domain = values[Flag.XMPP_DOMAIN.ordinal()];
        String appId = values[Flag.XMPP_APP_ID.ordinal()];
        String tls = values[Flag.XMPP_TLS.ordinal()];
        String tokenSecret = values[Flag.XMPP_TOKEN_SECRET.ordinal()];
        try {
            int number = port == null ? XmppSettings.DEFAULT_PORT : Integer.parseInt(port.trim());
            if (number < 1 || number > 65535) {
                throw new UsageException("--xmpp-port must be a number from 1 to 65535, not '" + port + "'");
            }
            List<XmppHost> hosts;
            try {
                hosts = XmppHost.parseList(host, number);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--xmpp-host: " + e.getMessage());
            }
            if (domain == null && hosts.size() > 1) {
                throw new UsageException("--xmpp-domain is needed with several --xmpp-host entries ("
                        + hosts.size() + " given)");
            }
            return XmppSettings.of(hosts, domain == null ? hosts.get(0).host() : domain.trim(),
                    appId == null ? "1" : appId.trim(),
                    tls == null ? XmppSettings.Tls.REQUIRED : XmppSettings.Tls.parse(tls))
                    .withTokenSecret(tokenSecret);
        } catch (NumberFormatException e) {
            throw new UsageException("--xmpp-port must be a number from 1 to 65535, not '" + port + "'");
        } catch (IllegalArgumentException e) {
            throw new UsageException("--xmpp-*: " + e.getMessage());
        }
    }

    private static LogSettings logging(String[] values) throws UsageException {
        String format = values[Flag.LOG_FORMAT.ordinal()];
        String level = values[Flag.LOG_LEVEL.ordinal()];
        LogSettings settings = LogSettings.DEFAULT;
        try {
            settings = format == null ? settings : new LogSettings(LogFormat.parse(format), settings.level());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--log-format: " + e.getMessage());
        }
        try {
            return level == null ? settings : new LogSettings(settings.format(), LogSettings.parseLevel(level));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--log-level: " + e.getMessage());
        }
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a number from 0 to 65535, not '" + value + "'");
    }

    private static String bind(String value) throws UsageException {
        String address = value.trim();
        if (address.isEmpty()) {
            throw new UsageException("--bind must be an address such as 127.0.0.1, not empty");
        }
        try {
            InetAddress.getByName(address);
            return address;
        } catch (UnknownHostException e) {
            throw new UsageException("--bind '" + value + "' is not an address of this machine: " + e.getMessage());
        }
    }

    private static Path path(Flag flag, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(flag.name + " must be a directory, not empty");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(flag.name + " '" + value + "' is not a valid path: " + e.getMessage());
        }
    }

    /** The text of {@code --help}. */
    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: java -jar meshcall-server.jar [options]\n"
                + "       java -jar meshcall-server.jar add-user --login LOGIN [--full-name NAME] [options]"
                + " < password\n\n"
                + "Serves the MeshCall web app and SDK, and relays call signaling over a WebSocket; add-user creates"
                + " an account\n(the server stopped; the password is the first line of standard input).\n\n"
                + "Options:\n");
        for (Flag flag : Flag.values()) {
            String synopsis = flag.placeholder == null ? flag.name : flag.name + " " + flag.placeholder;
            text.append(String.format("  %-22s %s%n  %-22s   (environment: %s)%n", synopsis,
                    flag.help, "", flag.env));
        }
        text.append(String.format("  %-22s %s%n", "--help", "show this text"));
        text.append("\nA flag wins over its environment variable.\n");
        return text.toString();
    }
}
