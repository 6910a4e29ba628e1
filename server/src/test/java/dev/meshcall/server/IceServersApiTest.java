package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceServer;
import dev.meshcall.protocol.Op;
import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.turn.TurnSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/ice-servers} and the {@code iceServers} of {@code ready}, in the embedded mode and in XMPP mode
 * (a real Prosody): the caller's own TURN REST credential, 401 without a valid token, never the secret; and a node
 * without STUN/TURN sends the same small {@code ready} as before.
 */
class IceServersApiTest {
    private static final String SECRET = "ice-servers-api-test-secret-" + System.nanoTime();
    private static final List<String> STUN = List.of("stun:127.0.0.1:3478");
    private static final List<String> TURN = List.of("turn:127.0.0.1:3478?transport=udp",
            "turn:127.0.0.1:3478?transport=tcp");
    private static final TurnSettings SETTINGS = TurnSettings.of(STUN, TURN, SECRET, Duration.ofSeconds(600));

    private static Prosody prosody;
    private static MeshCallServer embedded;
    private static MeshCallServer xmpp;
    private static MeshCallServer plain;

    @BeforeAll
    static void start() throws Exception {
        embedded = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-ice-"))
                .withTurn(SETTINGS)).start();
        plain = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-ice-none-"))).start();
        prosody = Prosody.start();
        xmpp = new MeshCallServer(ServerConfig.forTest(Files.createTempDirectory("meshcall-ice-xmpp-"))
                .withTurn(SETTINGS), prosody.settings("9")).start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {embedded, plain, xmpp, prosody}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    void embedded_theCallerGetsStunAndTurnWithItsOwnCredential_inRestAndInReady() {
        TestHttp http = new TestHttp(embedded.baseUri());
        int userId = http.signUp("ice-alice", "ice-alice-password");
        String token = http.login("ice-alice", "ice-alice-password");

        theCallerGetsItsOwnCredential(embedded, http, token, userId);
    }

    @Test
    void xmpp_theCallerGetsStunAndTurnWithItsOwnCredential_inRestAndInReady() {
        TestHttp http = new TestHttp(xmpp.baseUri());
        assertThat(http.post("/api/users", "{\"login\":\"451\",\"password\":\"ice-451-password\"}", null).status())
                .isEqualTo(201);
        String token = http.login("451", "ice-451-password");

        theCallerGetsItsOwnCredential(xmpp, http, token, 451);
    }

    @Test
    void withoutAValidTokenTheAnswerIs401_inBothModes() {
        for (MeshCallServer server : List.of(embedded, xmpp)) {
            TestHttp http = new TestHttp(server.baseUri());
            TestHttp.Reply none = http.get("/api/ice-servers", null);
            TestHttp.Reply forged = http.get("/api/ice-servers", "not-a-token");

            assertThat(none.status()).isEqualTo(401);
            assertThat(none.body().get("error").textValue()).isEqualTo("unauthorized");
            assertThat(forged.status()).isEqualTo(401);
            assertThat(none.raw().body() + forged.raw().body()).doesNotContain(SECRET).doesNotContain("turn:");
        }
    }

    @Test
    void aSignedOutTokenGetsNoMoreCredentials_andOnlyGetIsAllowed() {
        TestHttp http = new TestHttp(embedded.baseUri());
        http.signUp("ice-bob", "ice-bob-password");
        String token = http.login("ice-bob", "ice-bob-password");
        assertThat(http.post("/api/ice-servers", "{}", token).status()).isEqualTo(405);
        assertThat(http.post("/api/logout", "", token).status()).isEqualTo(204);

        assertThat(http.get("/api/ice-servers", token).status()).isEqualTo(401);
    }

    @Test
    void withoutStunOrTurnTheListIsEmpty_andReadyIsAsSmallAsBefore() {
        TestHttp http = new TestHttp(plain.baseUri());
        int userId = http.signUp("ice-carol", "ice-carol-password");
        String token = http.login("ice-carol", "ice-carol-password");

        TestHttp.Reply reply = http.get("/api/ice-servers", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().body()).isEqualTo("{\"iceServers\":[]}");
        try (TestSocket socket = TestSocket.authenticated(http.client, ws(plain), token, userId)) {
            socket.assertAliveWithNothingPending();
        }
    }

    private static void theCallerGetsItsOwnCredential(MeshCallServer server, TestHttp http, String token,
            int userId) {
        long before = Instant.now().getEpochSecond();
        TestHttp.Reply reply = http.get("/api/ice-servers", token);
        long after = Instant.now().getEpochSecond();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(reply.raw().body()).doesNotContain(SECRET);
        JsonNode body = reply.body();
        assertThat(body.get("ttl").intValue()).isEqualTo(600);
        assertThat(body.get("iceServers")).hasSize(2);
        JsonNode stun = body.get("iceServers").get(0);
        assertThat(stun.get("urls").get(0).textValue()).isEqualTo(STUN.get(0));
        assertThat(stun.has("username")).isFalse();
        JsonNode turn = body.get("iceServers").get(1);
        assertThat(turn.get("urls")).hasSize(2);
        assertThat(turn.get("urls").get(1).textValue()).isEqualTo(TURN.get(1));
        String username = turn.get("username").textValue();
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(username).endsWith(":" + userId);
        assertThat(expiry).isBetween(before + 600, after + 600);
        assertThat(turn.get("credential").textValue()).isEqualTo(hmacSha1Base64(SECRET, username));

        try (TestSocket socket = new TestSocket(http.client, ws(server))) {
            socket.send(Frame.auth(token));
            Frame ready = socket.next();
            assertThat(ready.op()).isEqualTo(Op.READY);
            assertThat(ready.userId()).isEqualTo(userId);
            assertThat(ready.ttl()).isEqualTo(600);
            assertThat(ready.iceServers()).hasSize(2);
            assertThat(ready.iceServers().get(0)).isEqualTo(IceServer.of(STUN));
            IceServer readyTurn = ready.iceServers().get(1);
            assertThat(readyTurn.urls()).isEqualTo(TURN);
            assertThat(readyTurn.username()).endsWith(":" + userId);
            assertThat(readyTurn.credential()).isEqualTo(hmacSha1Base64(SECRET, readyTurn.username()));
        }
    }

    /** The TURN REST password, computed here apart from the server's code. */
    private static String hmacSha1Base64(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static URI ws(MeshCallServer server) {
        return server.webSocketUri();
    }
}
