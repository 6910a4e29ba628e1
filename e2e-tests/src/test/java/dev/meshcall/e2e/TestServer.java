package dev.meshcall.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.openqa.selenium.json.Json;

import dev.meshcall.server.MeshCallServer;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.SecurityConfig;
import dev.meshcall.server.ServerConfig;

/**
 * A {@link MeshCallServer} inside the test JVM (so inside its loopback-only network namespace): 127.0.0.1, any free
 * port, a temporary data directory, and {@code web-root/} (the SDK harness page) served before the built-in files.
 * Also the REST account calls the scenarios need.
 */
public final class TestServer implements AutoCloseable {
    private static final Json JSON = new Json();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * The transport every scenario runs over: {@code local} (the in-process relay, default) or {@code xmpp} (a real
     * Prosody started here), from {@code -Dmeshcall.e2e.transport}; the build runs the scenarios once per transport.
     */
    public static final String TRANSPORT = System.getProperty("meshcall.e2e.transport", "local");

    /** What every XMPP-mode node of the tests shares, as the nodes of one deployment do. */
    static final String XMPP_TOKEN_SECRET = "e2e nodes share this token secret (32+ chars)";

    private final Path dataDir;
    private final UnaryOperator<ServerConfig> configure;
    /** The node now: replaced by {@link #restart}. */
    private volatile MeshCallServer server;
    /** The Prosody of this node, if it is on one, else {@code null}; {@link #ownsProsody}: whether close() stops it. */
    private final Prosody prosody;
    private final boolean ownsProsody;
    /** The XMPP service of this node (a Prosody, the members of an ejabberd cluster), or {@code null} if embedded. */
    private final XmppSettings xmpp;
    private final HttpClient http;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000, 36);

    public TestServer() {
        this(UnaryOperator.identity());
    }

    /** A server whose configuration {@code configure} adjusts (e.g. TLS); see {@link #withDevTls()}. */
    public TestServer(UnaryOperator<ServerConfig> configure) {
        this(configure, null);
    }

    /** A node of {@code shared}'s XMPP service (another node's), or with the transport of this run when null. */
    public TestServer(UnaryOperator<ServerConfig> configure, Prosody shared) {
        this(configure, shared != null ? shared : TRANSPORT.equals("xmpp") ? Prosody.start() : null,
                shared == null && TRANSPORT.equals("xmpp"));
    }

    private TestServer(UnaryOperator<ServerConfig> configure, Prosody prosody, boolean ownsProsody) {
        this(configure, prosody, ownsProsody, prosody == null ? null : prosody.settings("1"));
    }

    /**
     * A node of the XMPP service {@code service} names (such as the members of an ejabberd cluster, from
     * {@code --xmpp-host}), with the reconnect delay and token secret every XMPP-mode node of the tests has.
     */
    public static TestServer xmppNode(UnaryOperator<ServerConfig> configure, XmppSettings service) {
        return new TestServer(configure, null, false, service);
    }

    private TestServer(UnaryOperator<ServerConfig> configure, Prosody prosody, boolean ownsProsody,
            XmppSettings xmpp) {
        this.ownsProsody = ownsProsody;
        this.prosody = prosody;
        this.xmpp = xmpp;
        try {
            this.dataDir = Files.createTempDirectory("meshcall-e2e-data-");
            this.configure = configure;
            this.server = node(0);
            server.start();
            HttpClient.Builder client = HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(5));
            if (server.tls() != null) {
                client.sslContext(trusting(server.tls().certificate()));
            }
            this.http = client.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("MeshCallServer did not start: " + e, e);
        }
    }

    /** HTTPS/WSS with the server's self-signed dev certificate (kept in the temporary data directory). */
    public static TestServer withDevTls() {
        return new TestServer(config -> config.withSecurity(config.security().withDevTls(true)));
    }

    private MeshCallServer node(int port) {
        return new MeshCallServer(configure.apply(new ServerConfig(port, "127.0.0.1", dataDir, webRoot())
                .withSecurity(SecurityConfig.forTest())),
                xmpp == null ? null : xmpp.withReconnectDelay(Duration.ofMillis(500))
                        .withTokenSecret(XMPP_TOKEN_SECRET));
    }

    /**
     * Stops the node and starts it again on the same port with the same data (accounts, token key) and, in XMPP
     * mode, the same XMPP service: what a deployment's restart does. Pages lose their sockets (1001) and reconnect.
     */
    public void restart() {
        int port = server.port();
        server.close();
        MeshCallServer again = node(port);
        try {
            again.start();
        } catch (Exception e) {
            throw new IllegalStateException("MeshCallServer did not start again on port " + port + ": " + e, e);
        }
        server = again;
    }

    /** An SSL context that trusts exactly this certificate (the REST calls of a TLS test server). */
    private static SSLContext trusting(java.security.cert.X509Certificate certificate) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("meshcall", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The directory of the test pages ({@code web-root/harness.html}, {@code bench.html}) on the test classpath. */
    public static Path webRoot() {
        URL harness = TestServer.class.getClassLoader().getResource("web-root/harness.html");
        if (harness == null) {
            throw new IllegalStateException("web-root/harness.html is not on the test classpath");
        }
        try {
            return Path.of(harness.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Prosody of this node, or {@code null} (the in-process relay, or another XMPP service). */
    public Prosody prosody() {
        return prosody;
    }

    /** The server itself (metrics, relay). */
    public MeshCallServer server() {
        return server;
    }

    /** {@code http://127.0.0.1:port}: a secure context for getUserMedia without TLS ({@code https} with TLS). */
    public String baseUrl() {
        return (server.tls() != null ? "https" : "http") + "://127.0.0.1:" + server.port();
    }

    /** The server's TLS certificate fingerprint, or {@code null} without TLS. */
    public String tlsFingerprint() {
        return server.tls() == null ? null : server.tls().fingerprint();
    }

    /** A fresh account (not yet on the server) with a unique login starting with {@code name}. */
    public Account newAccount(String name) {
        String login = xmpp != null ? Integer.toString(10_000 + SEQUENCE.incrementAndGet())
                : name.toLowerCase() + "-" + runId + "-" + SEQUENCE.incrementAndGet();
        String fullName = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " Tester";
        return new Account(null, login, "pw-" + login, fullName);
    }

    /** Creates an account through {@code POST /api/users}. */
    public Account signUp(String name) {
        Account account = newAccount(name);
        Map<String, Object> created = request("POST", "/api/users", null,
                Map.of("login", account.login(), "password", account.password(), "fullName", account.fullName()), 201);
        return account.withId(created.get("id"));
    }

    /** {@code POST /api/login}; returns the token. */
    public String login(Account account) {
        return (String) loginResponse(account.login(), account.password()).get("token");
    }

    /** The server's id of the user with this login (found by signing in as that user). */
    @SuppressWarnings("unchecked")
    public Object userIdOf(Account account) {
        Map<String, Object> user = (Map<String, Object>) loginResponse(account.login(), account.password()).get("user");
        return user.get("id");
    }

    /** {@code GET /api/users} as {@code account}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> users(Account account) {
        return (List<Map<String, Object>>) request("GET", "/api/users", login(account), null, 200).get("users");
    }

    /** {@code POST /api/logout} with {@code token}: signs that token out (204). */
    public void logout(String token) {
        request("POST", "/api/logout", token, null, 204);
    }

    /** {@code GET /api/ice-servers} with {@code token}: {@code {"iceServers":[...],"ttl":S}}. */
    public Map<String, Object> iceServers(String token) {
        return request("GET", "/api/ice-servers", token, null, 200);
    }

    private Map<String, Object> loginResponse(String login, String password) {
        return request("POST", "/api/login", null, Map.of("login", login, "password", password), 200);
    }

    private Map<String, Object> request(String method, String path, String token, Object body, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != expected) {
                throw new AssertionError(method + " " + path + " answered " + res.statusCode() + " (expected "
                        + expected + "): " + res.body());
            }
            return res.body().isEmpty() ? Map.of() : JSON.toType(res.body(), Json.MAP_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            if (ownsProsody) {
                prosody.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("MeshCallServer did not close: " + e, e);
        } finally {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
