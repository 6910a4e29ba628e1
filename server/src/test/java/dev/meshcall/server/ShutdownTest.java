package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownTest {

    @Test
    void closesSocketsWith1001AndReleasesTheDatabase(@TempDir Path dataDir) throws Exception {
        MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
        TestHttp http = new TestHttp(server.baseUri());
        int id = http.signUp("alice", "alice-password");
        TestSocket socket = TestSocket.authenticated(http.client, URI.create("ws://127.0.0.1:" + server.port()
                + "/ws"), http.login("alice", "alice-password"), id);

        server.close();

        assertThat(socket.closeCode()).isEqualTo(1001);
        server.close();
        try (MeshCallServer again = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            assertThat(new TestHttp(again.baseUri()).login("alice", "alice-password")).isNotBlank();
        }
    }
}
