package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.meshcall.protocol.Frame;
import dev.meshcall.server.tls.ServerTls;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS and WSS with the dev certificate, and with a configured keystore. */
class TlsServerTest {
    @TempDir
    Path dataDir;

    /** A client that trusts exactly the server's dev certificate, verifying the host name (127.0.0.1) too. */
    private HttpClient trustingDevCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve(ServerTls.DEV_KEYSTORE))) {
            store.load(in, ServerTls.DEV_PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("dev", store.getCertificate(store.aliases().nextElement()));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void servesHttpsAndWssWithTheDevCertificate_andKeepsItAcrossRestarts() throws Exception {
        String fingerprint;
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withDevTls(true))).start()) {
            assertThat(server.baseUri().getScheme()).isEqualTo("https");
            assertThat(server.webSocketUri().getScheme()).isEqualTo("wss");
            fingerprint = server.tls().fingerprint();
            HttpClient client = trustingDevCertificate();

            HttpResponse<String> health = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).as("HSTS over TLS")
                    .hasValue("max-age=31536000");

            TestHttp http = new TestHttp(server.baseUri());
            assertThat(catchThrowable(() -> http.get("/health", null))).as("a client that does not trust the"
                    + " dev certificate").isNotNull();

            String created = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/users"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"tls\",\"password\":\"tls-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            int id = TestHttp.JSON.readTree(created).get("id").intValue();
            String login = client.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"tls\",\"password\":\"tls-password\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            String token = TestHttp.JSON.readTree(login).get("token").textValue();
            try (TestSocket socket = TestSocket.authenticated(client, server.webSocketUri(), token, id)) {
                socket.send(Frame.ping("over-tls"));
                assertThat(socket.next()).isEqualTo(Frame.pong("over-tls"));
            }
        }
        try (MeshCallServer again = new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withDevTls(true))).start()) {
            assertThat(again.tls().fingerprint()).as("the certificate after a restart").isEqualTo(fingerprint);
        }
    }

    @Test
    void servesAConfiguredPkcs12Keystore() throws Exception {
        String fingerprint = ServerTls.dev(dataDir, "127.0.0.1").fingerprint();
        Path keystore = dataDir.resolve(ServerTls.DEV_KEYSTORE);
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir.resolve("data"))
                .withSecurity(SecurityConfig.forTest().withTlsKeystore(keystore, ServerTls.DEV_PASSWORD)))
                .start()) {
            assertThat(server.tls().fingerprint()).isEqualTo(fingerprint);
            HttpResponse<String> health = trustingDevCertificate().send(HttpRequest.newBuilder(
                    server.baseUri().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
