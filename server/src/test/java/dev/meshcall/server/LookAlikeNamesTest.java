package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Look-alike names (issue 12, item 6), over HTTP: logins are one account whatever their case or width, and a full
 * name may not hide characters or pass for another user's login. Before the fix {@code ALICE} and {@code aIice}
 * signed up beside {@code alice}, {@code ALICE} could not log in as {@code alice}, and every name below was stored.
 */
class LookAlikeNamesTest {
    /** Escapes every non-ASCII character in the JSON it writes, so that a lone surrogate reaches the server. */
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private TestHttp http;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ALICE", "Alice", "ａｌｉｃｅ", "ＡＬＩＣＥ"})
    void aLoginInAnotherCaseOrWidthIsTaken(String login) {
        TestHttp.Reply reply = signUp(login, "Someone");

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(409);
        assertThat(reply.body().get("error").asText()).isEqualTo("conflict");
        assertThat(reply.body().get("message").asText()).isEqualTo("login 'alice' is taken");
    }

    @Test
    void aLoginInAnotherCaseLogsInTheSameAccount() {
        TestHttp.Reply reply = http.post("/api/login", "{\"login\":\"ALICE\",\"password\":\"alice-password\"}", null);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().get("user").get("id").asInt()).isEqualTo(1);
        assertThat(reply.body().get("user").get("login").asText()).isEqualTo("alice");
    }

    @Test
    void aNewLoginIsStoredInLowerCase() {
        TestHttp.Reply reply = signUp("Bob.Smith", "Bob");

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        assertThat(reply.body().get("login").asText()).isEqualTo("bob.smith");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\u0430lice|login may hold only the letters a-z, digits and ._-@, not U+0430 CYRILLIC SMALL LETTER A",
        "alice\u200b|login may hold only the letters a-z, digits and ._-@, not U+200B ZERO WIDTH SPACE",
        ".alice|login must start with a letter a-z or a digit, not '.'",
    })
    void aLoginOutsideTheAlphabetIsRefused(String login, String message) {
        TestHttp.Reply reply = signUp(login, "Someone");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "Eve \u202egnp.exe|an RTL override|fullName may not hold the invisible format character U+202E",
        "\u200b\u200b|zero-width only|fullName may not hold the invisible format character U+200B",
        "Eve<NUL>|NUL|fullName may not hold the control character U+0000",
        "Eve\ud800|a lone surrogate|fullName holds a lone surrogate U+D800",
        "Eve\u2066x\u2069|an isolate|fullName may not hold the invisible format character U+2066",
        "\ufeffEve|a BOM|fullName may not hold the invisible format character U+FEFF",
        "Eve\u2028Admin|a line separator|fullName must be one line",
        "\u0301\u0301|combining marks only|fullName must hold a visible character",
        "'   '|blank|fullName must hold a visible character",
    })
    void aFullNameThatHidesCharactersIsRefused(String fullName, String what, String message) {
        // The CSV parser drops a NUL: it is put in here.
        TestHttp.Reply reply = signUp("eve", fullName.replace("<NUL>", "\0"));

        assertThat(reply.status()).as(what).isEqualTo(400);
        assertThat(reply.body().get("error").asText()).isEqualTo("bad_request");
        assertThat(reply.body().get("message").asText()).as(what).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alice", "ALICE", "ａｌｉｃｅ"})
    void aFullNameThatIsAnotherUsersLoginIsRefused(String fullName) {
        TestHttp.Reply reply = signUp("alice2", fullName);

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(409);
        assertThat(reply.body().get("message").asText()).contains("is another user's login");
    }

    @Test
    void aFullNameIsNormalizedAndTrimmed() {
        TestHttp.Reply reply = signUp("bob", "  Ｂｏｂ ﬁsh ");

        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        assertThat(reply.body().get("fullName").asText()).isEqualTo("Bob fish");
    }

    @Test
    void aFullNameMayBeOnesOwnLoginAndHoldAccentsAndOtherScripts() {
        assertThat(signUp("bob", "BOB").status()).isEqualTo(201);
        TestHttp.Reply reply = signUp("zoe", "Zoë Ωmega 李");
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
        assertThat(reply.body().get("fullName").asText()).isEqualTo("Zoë Ωmega 李");
    }

    private TestHttp.Reply signUp(String login, String fullName) {
        ObjectNode body = ASCII_JSON.createObjectNode().put("login", login).put("password", "a-password")
                .put("fullName", fullName);
        try {
            return http.post("/api/users", ASCII_JSON.writeValueAsString(body), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
