package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VAPID private key leaves the process nowhere, as the TURN secret ({@link TurnSecretHygieneTest}): the real
 * {@link Main} at debug level hands out the public key and the private one is in no response and no line it printed,
 * nor in the refusal of a command line whose keys are not one pair.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VapidKeyHygieneTest {
    @TempDir
    Path dataDir;

    /** A pair as the web-push tools print it: {public, private}. */
    static String[] pair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        fixed(pub.getW().getAffineX(), point, 1);
        fixed(pub.getW().getAffineY(), point, 33);
        byte[] scalar = new byte[32];
        fixed(((ECPrivateKey) pair.getPrivate()).getS(), scalar, 0);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new String[] {b64.encodeToString(point), b64.encodeToString(scalar)};
    }

    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int n = Math.min(32, bytes.length);
        System.arraycopy(bytes, bytes.length - n, out, offset + 32 - n, n);
    }

    @Test
    void thePrivateKeyIsInNoResponseOrLogLine() throws Exception {
        String[] keys = pair();
        String output;
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--log-level", "debug", "--vapid-public-key", keys[0], "--vapid-private-key", keys[1])) {
            URI base = server.awaitReady();
            TestHttp http = new TestHttp(base);
            http.signUp("alice", "alice-password");
            String token = http.login("alice", "alice-password");
            TestHttp.Reply reply = http.get("/api/push/key", token);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().get("applicationServerKey").asText()).isEqualTo(keys[0]);
            assertThat(reply.raw().body()).doesNotContain(keys[1]);
            server.close();
            output = server.output();
        }
        assertThat(output).as("server output at debug level").doesNotContain(keys[1]);
        assertThat(dataDir.resolve("vapid.properties")).as("given keys are not written").doesNotExist();
    }

    @Test
    void aPairThatDoesNotMatchIsRefusedWithoutRepeatingThePrivateKey() throws Exception {
        String[] one = pair();
        String[] other = pair();
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--vapid-public-key", one[0], "--vapid-private-key", other[1])) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.output()).contains("does not belong to the public key").doesNotContain(other[1]);
        }
    }
}
