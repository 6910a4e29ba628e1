package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.logging.CapturedLog;
import dev.meshcall.server.logging.LogFormat;
import dev.meshcall.server.logging.LogSettings;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Log flooding (issue 12, item 10): each aborted upload logged an ERROR with a 34-line stack trace, so a client could
 * fill the log at will. Now a cause a client can produce at will is one WARN line a minute, without a stack trace. A
 * normal user is served promptly meanwhile.
 */
class LogFloodTest {
    @TempDir
    Path dataDir;

    @Test
    void abortedUploadsAndLateBodiesAreOneWarningLineEach() throws Exception {
        String log;
        try (CapturedLog captured = new CapturedLog(new LogSettings(LogFormat.TEXT, Level.INFO));
                MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(SecurityConfig
                .defaults().withHttpTimeouts(HttpTimeouts.defaults().withRequestBody(Duration.ofSeconds(1)))))
                .start()) {
            NormalUser normal = new NormalUser(server, "normal", "normal-password");
            for (int i = 0; i < 30; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                    socket.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{\"login\":")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    if (i % 2 == 0) {
                        socket.setSoLinger(true, 0);  // a reset: the upload is aborted
                    } else {
                        socket.setSoTimeout(5000);
                        assertThat(socket.getInputStream().read()).as("cut off after the body timeout").isEqualTo(-1);
                    }
                }
            }
            normal.assertServedPromptly("30 aborted and late uploads");
            Poll.until("the aborted uploads noticed", Duration.ofSeconds(5),
                    () -> captured.text().contains("request body aborted: "));
            log = captured.text();
        }
        assertThat(log.lines().filter(line -> line.contains("request body aborted: "))).hasSize(1);
        assertThat(log.lines().filter(line -> line.contains("request body too slow: "))).hasSize(1);
        assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ");
    }
}
