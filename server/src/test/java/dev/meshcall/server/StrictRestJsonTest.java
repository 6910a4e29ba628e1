package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REST bodies are read as strictly as WebSocket frames (issue 12): trailing text, a second document, UTF-16 and
 * UTF-32, a byte order mark and overlong UTF-8 are 400 {@code bad_request}, with a message that names no parser
 * class. Before, all of them were accepted, and a login {@code over.long} was stored from {@code C0 AE}.
 */
class StrictRestJsonTest {
    private static final String SIGN_UP = "{\"login\":\"carol\",\"password\":\"carol-password\"}";

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("trailing text", utf8(SIGN_UP + " trailing"), "more after the first JSON value"),
                Arguments.of("two documents", utf8(SIGN_UP + SIGN_UP), "more after the first JSON value"),
                Arguments.of("UTF-16BE", bytes(SIGN_UP, StandardCharsets.UTF_16BE), "not valid UTF-8"),
                Arguments.of("UTF-16LE", bytes(SIGN_UP, StandardCharsets.UTF_16LE), "not valid UTF-8"),
                Arguments.of("UTF-16 with its mark", bytes(SIGN_UP, StandardCharsets.UTF_16), "not valid UTF-8"),
                Arguments.of("UTF-32", bytes(SIGN_UP, Charset.forName("UTF-32")), "not valid UTF-8"),
                Arguments.of("UTF-8 byte order mark", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(SIGN_UP)), "byte order mark"),
                Arguments.of("overlong UTF-8", concat(utf8("{\"login\":\"over"), new byte[] {(byte) 0xC0,
                        (byte) 0xAE}, utf8("long\",\"password\":\"carol-password\"}")), "not valid UTF-8"),
                Arguments.of("too deep", utf8("{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}"),
                        "nested deeper than 8 levels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesTheBodyNamingTheCauseButNoParserClass(String what, byte[] body, String message) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/users"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode json = TestHttp.JSON.readTree(response.body());
        assertThat(json.get("error").textValue()).isEqualTo("bad_request");
        assertThat(json.get("message").textValue()).contains(message)
                .doesNotContain("com.fasterxml", "Jackson", "StreamReadConstraints", "JsonNode", "`");
        assertThat(new TestHttp(server.baseUri()).post("/api/login", SIGN_UP, null).status())
                .as("no account was made").isEqualTo(401);
    }

    @Test
    void stillTakesOneObjectWithWhiteSpaceAroundIt() {
        TestHttp.Reply reply = new TestHttp(server.baseUri()).post("/api/users", " \r\n\t" + SIGN_UP + " \n", null);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
