package dev.meshcall.server;

import static dev.meshcall.server.TestHttp.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.push.PushSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST face of Web Push on the embedded node: the key, subscribing and unsubscribing, each refusal a 400 naming
 * the field (or 401 without a token), {@code http:} endpoints only with the test flag, the per-user limit evicting
 * the oldest, and the VAPID key made once and read again from the data directory.
 */
class PushApiTest {
    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6S"
            + "RpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private TestHttp http;
    private String token;

    private void start(PushSettings push) throws Exception {
        restart(push);
        http.signUp("alice", "alice-password");
        token = http.login("alice", "alice-password");
    }

    private void restart(PushSettings push) throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withPush(push)).start();
        http = new TestHttp(server.baseUri());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String subscription(String endpoint) {
        return "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"" + AUTH + "\"}}";
    }

    private TestHttp.Reply delete(String json, String bearer) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                server.baseUri().resolve("/api/push/subscriptions")).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        var response = http.client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new TestHttp.Reply(response.statusCode(), response.body().isEmpty() ? null
                : TestHttp.JSON.readTree(response.body()), response);
    }

    @Test
    void subscribeTwiceThenUnsubscribe() throws Exception {
        start(PushSettings.defaults());
        String endpoint = "https://push.example.org/send/abc";

        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status()).isEqualTo(201);
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status()).isEqualTo(200);
        assertThat(delete("{\"endpoint\":\"" + endpoint + "\"}", token).status()).isEqualTo(204);
        assertThat(delete("{\"endpoint\":\"" + endpoint + "\"}", token).status()).as("unknown: 204 too")
                .isEqualTo(204);
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status()).isEqualTo(201);
    }

    @Test
    void onlyTheOwnerDeletes_andAnEndpointPostedByAnotherUserMovesToThem() throws Exception {
        start(PushSettings.defaults());
        http.signUp("bob", "bob-password");
        String bob = http.login("bob", "bob-password");
        String endpoint = "https://push.example.org/send/shared";
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status()).isEqualTo(201);

        assertThat(delete("{\"endpoint\":\"" + endpoint + "\"}", bob).status()).isEqualTo(204);
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status())
                .as("bob's DELETE left alice's subscription").isEqualTo(200);
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), bob).status())
                .as("a sign-in switch in the same browser").isEqualTo(201);
        assertThat(http.post("/api/push/subscriptions", subscription(endpoint), token).status())
                .as("it had moved to bob").isEqualTo(201);
    }

    @Test
    void withoutATokenEveryPathIs401() throws Exception {
        start(PushSettings.defaults());
        assertError(http.get("/api/push/key", null), 401, "unauthorized", "Authorization: Bearer");
        assertError(http.post("/api/push/subscriptions", subscription("https://push.example.org/x"), null), 401,
                "unauthorized", "Authorization: Bearer");
        assertError(delete("{\"endpoint\":\"https://push.example.org/x\"}", null), 401, "unauthorized",
                "Authorization: Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http endpoint|{\"endpoint\":\"http://push.example.org/x\",\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"" + AUTH + "\"}}|endpoint must be an absolute https: URL",
        "relative endpoint|{\"endpoint\":\"/x\",\"keys\":{\"p256dh\":\"" + P256DH + "\",\"auth\":\"" + AUTH
                + "\"}}|endpoint must be an absolute https: URL",
        "unknown field|{\"endpoint\":\"https://p.example/x\",\"extra\":1,\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"" + AUTH + "\"}}|unknown field 'extra'",
        "unknown key field|{\"endpoint\":\"https://p.example/x\",\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"" + AUTH + "\",\"x\":\"y\"}}|unknown field 'keys.x'",
        "no keys|{\"endpoint\":\"https://p.example/x\"}|keys must be an object",
        "short p256dh|{\"endpoint\":\"https://p.example/x\",\"keys\":{\"p256dh\":\"BCVxsr7N\",\"auth\":\"" + AUTH
                + "\"}}|keys.p256dh",
        "point off the curve|{\"endpoint\":\"https://p.example/x\",\"keys\":{\"p256dh\":\"" + "BCVxsr7N_eNgVRqvHtD0zT"
                + "ZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw8\",\"auth\":\"" + AUTH
                + "\"}}|keys.p256dh: the point is not on the P-256 curve",
        "short auth|{\"endpoint\":\"https://p.example/x\",\"keys\":{\"p256dh\":\"" + P256DH
                + "\",\"auth\":\"BTBZ\"}}|keys.auth must be 16 bytes",
        "expirationTime a string|{\"endpoint\":\"https://p.example/x\",\"expirationTime\":\"soon\",\"keys\":"
                + "{\"p256dh\":\"" + P256DH + "\",\"auth\":\"" + AUTH + "\"}}|expirationTime must be null or a number",
    })
    void aBadSubscriptionIs400NamingTheField(String name, String body, String message) throws Exception {
        start(PushSettings.defaults());
        assertError(http.post("/api/push/subscriptions", body, token), 400, "bad_request", message);
    }

    @Test
    void aTooLongEndpointIs400() throws Exception {
        start(PushSettings.defaults());
        assertError(http.post("/api/push/subscriptions", subscription("https://p.example/" + "a".repeat(2040)),
                token), 400, "bad_request", "over the limit of 2048");
    }

    @Test
    void httpEndpointsOnlyWithTheTestFlag() throws Exception {
        start(PushSettings.defaults().withAllowHttpEndpoints(true));
        assertThat(http.post("/api/push/subscriptions", subscription("http://127.0.0.1:9/push/x"), token).status())
                .isEqualTo(201);
    }

    @Test
    void pastTheLimitTheOldestSubscriptionIsEvicted() throws Exception {
        start(PushSettings.defaults().withMaxSubscriptionsPerUser(2));
        for (String name : new String[] {"one", "two", "three"}) {
            assertThat(http.post("/api/push/subscriptions", subscription("https://p.example/" + name), token)
                    .status()).isEqualTo(201);
        }
        assertThat(http.post("/api/push/subscriptions", subscription("https://p.example/two"), token).status())
                .as("kept").isEqualTo(200);
        assertThat(http.post("/api/push/subscriptions", subscription("https://p.example/three"), token).status())
                .as("kept").isEqualTo(200);
        assertThat(http.post("/api/push/subscriptions", subscription("https://p.example/one"), token).status())
                .as("evicted, so new again").isEqualTo(201);
    }

    @Test
    void theKeyIsMadeOnceAndReadAgainFromTheDataDirectory() throws Exception {
        start(PushSettings.defaults());
        String first = http.get("/api/push/key", token).body().get("applicationServerKey").asText();
        assertThat(first).matches("[A-Za-z0-9_-]{87}");
        Path file = dataDir.resolve("vapid.properties");
        assertThat(file).exists();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        server.close();

        restart(PushSettings.defaults());
        token = http.login("alice", "alice-password");
        assertThat(http.get("/api/push/key", token).body().get("applicationServerKey").asText()).isEqualTo(first);
    }
}
