package dev.meshcall.server;

import static dev.meshcall.server.TestHttp.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST API and the static files over real HTTP, including every 4xx answer. */
class RestApiTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path webRoot;
    private static MeshCallServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(webRoot.resolve("index.html"), "<h1>overlay</h1>");
        Files.writeString(webRoot.resolve("extra.css"), "body{}");
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withWebRoot(webRoot)).start();
        http = new TestHttp(server.baseUri());
        http.signUp("owner", "owner-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    @Test
    void signsUpLogsInListsAndLogsOut() {
        TestHttp.Reply created = http.post("/api/users",
                "{\"login\":\"zoe\",\"password\":\"zoe-password\",\"fullName\":\"Zoe Z\"}", null);
        assertThat(created.status()).isEqualTo(201);
        int id = created.body().get("id").intValue();
        assertThat(created.body().get("login").textValue()).isEqualTo("zoe");
        assertThat(created.body().get("fullName").textValue()).isEqualTo("Zoe Z");
        assertThat(created.body().has("password")).isFalse();

        TestHttp.Reply byId = http.post("/api/login", "{\"userId\":" + id + ",\"password\":\"zoe-password\"}",
                null);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().get("user").get("login").textValue()).isEqualTo("zoe");
        String token = http.login("zoe", "zoe-password");

        TestHttp.Reply users = http.get("/api/users", token);
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body().get("users")).extracting(user -> user.get("login").textValue())
                .containsSubsequence("owner", "zoe");

        assertThat(http.post("/api/logout", "", token).status()).isEqualTo(204);
        assertError(http.get("/api/users", token), 401, "unauthorized", "token");
        assertError(http.post("/api/logout", "", token), 401, "unauthorized", "token");
    }

    @Test
    void refusesATakenLogin() {
        assertError(http.post("/api/users", "{\"login\":\"owner\",\"password\":\"another-pw\"}", null), 409,
                "conflict", "login 'owner' is taken");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"password\":\"password1\"}                              | login",
        "{\"login\":\"\",\"password\":\"password1\"}               | login",
        "{\"login\":\"a b\",\"password\":\"password1\"}            | login",
        "{\"login\":\"ok1\",\"password\":\"short\"}                | password",
        "{\"login\":\"ok2\",\"password\":12345678}                 | password",
        "{\"login\":\"ok3\",\"password\":\"password1\",\"fullName\":\"\"} | fullName",
        "[1,2]                                                     | JSON object",
        "{\"login\":                                               | malformed JSON",
    })
    void refusesABadSignUpNamingTheField(String body, String field) {
        assertError(http.post("/api/users", body, null), 400, "bad_request", field);
    }

    @Test
    void refusesWrongCredentialsWithOneMessage() {
        assertError(http.post("/api/login", "{\"login\":\"owner\",\"password\":\"wrong-password\"}", null), 401,
                "unauthorized", "wrong login or password");
        assertError(http.post("/api/login", "{\"login\":\"nobody\",\"password\":\"owner-password\"}", null), 401,
                "unauthorized", "wrong login or password");
        assertError(http.post("/api/login", "{\"userId\":999,\"password\":\"owner-password\"}", null), 401,
                "unauthorized", "wrong login or password");
    }

    @Test
    void refusesBodiesOver16KiB() {
        String body = "{\"login\":\"big\",\"password\":\"" + "x".repeat(17 * 1024) + "\"}";
        assertError(http.post("/api/users", body, null), 413, "too_large", "over the limit of 16384");
    }

    @Test
    void needsATokenForTheUserList() {
        assertError(http.get("/api/users", null), 401, "unauthorized", "Authorization: Bearer");
        assertError(http.get("/api/users", "forged"), 401, "unauthorized", "token");
    }

    @Test
    void answersUnknownApisAndMethodsWithJson() {
        assertError(http.get("/api/nothing", null), 404, "not_found", "/api/nothing");
        assertError(http.get("/api/login", null), 405, "method_not_allowed", "POST");
    }

    @Test
    void reportsHealth() {
        TestHttp.Reply reply = http.get("/health", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().body()).isEqualTo("{\"status\":\"up\"}");
    }

    @Test
    void servesTheWebRootBeforeTheBuiltInFiles() {
        TestHttp.Reply index = http.get("/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.raw().body()).isEqualTo("<h1>overlay</h1>");
        assertThat(index.raw().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.raw().headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(http.get("/extra.css", null).raw().headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
    }

    /** The client jar's files: the SDK as UMD and as ES module, and their typings. */
    @ParameterizedTest
    @CsvSource({
        "/meshcall.js, text/javascript; charset=utf-8",
        "/meshcall.mjs, text/javascript; charset=utf-8",
        "/meshcall.d.ts, text/plain; charset=utf-8",
        "/meshcall.d.mts, text/plain; charset=utf-8",
    })
    void servesTheSdkFromTheClasspath(String path, String contentType) {
        TestHttp.Reply sdk = http.get(path, null);
        assertThat(sdk.status()).isEqualTo(200);
        assertThat(sdk.raw().headers().firstValue("Content-Type")).hasValue(contentType);
        assertThat(sdk.raw().body()).contains("MeshCallSession");
    }

    @ParameterizedTest
    @CsvSource({"/missing.html", "/..%2F..%2Fetc%2Fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
        "/dev/meshcall/server/Main.class", "/meshcall-static/meshcall.js"})
    void findsNothingOutsideTheRoots(String path) {
        assertThat(http.get(path, null).status()).isEqualTo(404);
    }
}
