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
import java.util.stream.Stream;

import org.openqa.selenium.json.Json;

import dev.meshcall.server.MeshCallServer;
import dev.meshcall.server.ServerConfig;

/**
 * A {@link MeshCallServer} inside the test JVM (so inside its loopback-only network namespace): 127.0.0.1, any free
 * port, a temporary data directory, and {@code web-root/} (the SDK harness page) served before the built-in files.
 * Also the REST account calls the scenarios need.
 */
public final class TestServer implements AutoCloseable {
    private static final Json JSON = new Json();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path dataDir;
    private final MeshCallServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String runId = Long.toString(System.nanoTime() % 1_000_000, 36);

    public TestServer() {
        try {
            this.dataDir = Files.createTempDirectory("meshcall-e2e-data-");
            this.server = new MeshCallServer(new ServerConfig(0, "127.0.0.1", dataDir, webRoot()));
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("MeshCallServer did not start: " + e, e);
        }
    }

    private static Path webRoot() {
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

    /** {@code http://127.0.0.1:port}: a secure context for getUserMedia without TLS. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A fresh account (not yet on the server) with a unique login starting with {@code name}. */
    public Account newAccount(String name) {
        String login = name.toLowerCase() + "-" + runId + "-" + SEQUENCE.incrementAndGet();
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
            return JSON.toType(res.body(), Json.MAP_TYPE);
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
