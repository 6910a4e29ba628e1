package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-site POSTs (issue 12): a page of another site could send {@code text/plain} or form bodies to sign up or
 * lock accounts from its visitors' addresses. State-changing REST calls now take only {@code application/json}
 * (415 {@code unsupported_media_type}) and refuse a foreign {@code Origin} (403 {@code forbidden}); a request
 * without {@code Origin} (curl, the Java client) still goes through.
 */
class CrossSiteRestTest {
    private static final String ALICE = "{\"login\":\"alice\",\"password\":\"alice-password\"}";

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private TestHttp http;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
        http = new TestHttp(server.baseUri());
        http.signUp("alice", "alice-password");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String contentType, String origin, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(nullValues = "NONE", value = {
        "/api/login, text/plain",
        "/api/login, application/x-www-form-urlencoded",
        "/api/login, multipart/form-data; boundary=x",
        "/api/login, NONE",
        "/api/login, application/json; charset=utf-16",
        "/api/users, text/plain;charset=UTF-8",
        "/api/users, application/jsonx",
    })
    void refusesBodiesThatAreNotDeclaredJson(String path, String contentType) throws Exception {
        HttpResponse<String> response = post(path, contentType, null,
                "{\"login\":\"mallory\",\"password\":\"mallory-password\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
        assertThat(TestHttp.JSON.readTree(response.body()).get("error").textValue())
                .isEqualTo("unsupported_media_type");
        assertThat(TestHttp.JSON.readTree(response.body()).get("message").textValue())
                .contains(path + " takes Content-Type application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
        "application/json;charset=\"UTF-8\""})
    void takesJsonWithOrWithoutAUtf8Charset(String contentType) throws Exception {
        assertThat(post("/api/login", contentType, null, ALICE).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/login", "/api/users", "/api/logout"})
    void refusesAForeignOrigin(String path) throws Exception {
        HttpResponse<String> response = post(path, "application/json", "https://evil.example", ALICE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(TestHttp.JSON.readTree(response.body()).get("error").textValue()).isEqualTo("forbidden");
        assertThat(TestHttp.JSON.readTree(response.body()).get("message").textValue())
                .isEqualTo("origin 'https://evil.example' may not call POST " + path + "; see --allowed-origins");
    }

    @Test
    void takesTheServersOwnOriginAndRequestsWithoutOrigin() throws Exception {
        String own = "http://127.0.0.1:" + server.port();
        assertThat(post("/api/login", "application/json", own, ALICE).statusCode()).isEqualTo(200);
        assertThat(post("/api/login", "application/json", null, ALICE).statusCode()).isEqualTo(200);
    }

    @Test
    void aForeignOriginCannotLockAnAccount() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(post("/api/login", "application/json", "https://evil.example",
                    "{\"login\":\"alice\",\"password\":\"wrong-password\"}").statusCode()).isEqualTo(403);
        }
        assertThat(http.login("alice", "alice-password")).isNotEmpty();
    }
}
