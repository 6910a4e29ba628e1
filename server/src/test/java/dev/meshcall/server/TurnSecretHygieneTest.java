package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.server.logging.LogFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TURN secret leaves the process nowhere: the real {@link Main}, in its own JVM at debug level, is given the
 * secret and TURN URLs, hands out credentials over REST and in {@code ready}, and the secret is in no response, no
 * frame and no line the process printed; nor in the refusal of a bad command line that carries it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TurnSecretHygieneTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void theSecretIsInNoResponseFrameOrLogLine(LogFormat format) throws Exception {
        String secret = "turn-secret-" + UUID.randomUUID();
        String output;
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--log-format", format.name().toLowerCase(Locale.ROOT), "--log-level", "debug",
                "--turn-url", "turn:127.0.0.1:3478?transport=udp", "--stun-url", "stun:127.0.0.1:3478",
                "--turn-secret", secret)) {
            URI base = server.awaitReady();
            TestHttp http = new TestHttp(base);
            int userId = http.signUp("alice", "alice-password");
            String token = http.login("alice", "alice-password");
            TestHttp.Reply reply = http.get("/api/ice-servers", token);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.raw().body()).contains(":" + userId + "\"").doesNotContain(secret);
            assertThat(http.get("/api/ice-servers", null).raw().body()).doesNotContain(secret);
            try (TestSocket socket = new TestSocket(http.client, URI.create("ws://" + base.getAuthority() + "/ws"))) {
                socket.send(Frame.auth(token));
                Frame ready = socket.next();
                assertThat(ready.iceServers()).hasSize(2);
                assertThat(FrameCodec.encode(ready)).doesNotContain(secret);
            }
            server.close();
            output = server.output();
        }
        assertThat(output).as("the start names the servers it hands out").contains("turn:127.0.0.1:3478");
        assertThat(output).as("server output at debug level").doesNotContain(secret);
    }

    @Test
    void aRefusedCommandLineDoesNotRepeatTheSecret() throws Exception {
        String secret = "turn-secret-" + UUID.randomUUID();
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--turn-url", "turn:127.0.0.1:3478", "--turn-secret", secret, "--turn-ttl", "0")) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.output()).contains("--turn-ttl").doesNotContain(secret);
        }
    }
}
