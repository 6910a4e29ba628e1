package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --log-format json} the real entry point ({@link Main}, in its own JVM) prints nothing but JSON lines
 * on standard output, whichever framework logged: our slf4j code, Undertow and XNIO (jboss-logging) and Smack
 * (java.util.logging). XMPP mode toward a port where nothing listens is enough to wake Smack; no XMPP service is
 * needed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path dataDir;

    @Test
    void everyLineOfEveryFrameworkIsOneJsonObject() throws Exception {
        List<JsonNode> lines;
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--log-format", "json", "--log-level", "debug", "--xmpp-host", "127.0.0.1", "--xmpp-port",
                String.valueOf(closedPort()), "--xmpp-tls", "disabled")) {
            TestHttp http = new TestHttp(server.awaitReady());
            // A login Smack cannot carry out: Smack and our XMPP code log about it.
            http.post("/api/login", "{\"login\":\"301\",\"password\":\"secret-301\"}", null);
            server.close();
            assertThat(server.stderr()).as("nothing outside the JSON stream").isEmpty();
            lines = parse(server.stdout());
        }
        List<String> loggers = new ArrayList<>();
        for (JsonNode line : lines) {
            assertThat(line.get("ts").textValue()).as("ts of %s", line).matches(TIMESTAMP);
            assertThat(line.get("level").textValue()).as("level of %s", line).isIn("TRACE", "DEBUG", "INFO", "WARN",
                    "ERROR");
            assertThat(line.get("logger").isTextual()).as("logger of %s", line).isTrue();
            assertThat(line.get("thread").isTextual()).as("thread of %s", line).isTrue();
            assertThat(line.get("msg").isTextual()).as("msg of %s", line).isTrue();
            loggers.add(line.get("logger").textValue());
        }
        assertThat(loggers).as("slf4j: our own code").contains("dev.meshcall.server.Main")
                .as("jboss-logging: Undertow and XNIO").contains("io.undertow", "org.xnio")
                .as("java.util.logging: Smack").anyMatch(name -> name.startsWith("org.jivesoftware.smack"));
        assertThat(lines).as("the ready line carries its context as fields").anyMatch(line ->
                line.path("msg").textValue().contains("ready at")
                        && line.path("url").textValue().startsWith("http://127.0.0.1:")
                        && line.path("mode").textValue().equals("xmpp"));
    }

    @Test
    void aServerThatCannotStartSaysWhyInJson_withTheError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerProcess server = ServerProcess.start("--port", String.valueOf(taken.getLocalPort()),
                        "--data-dir", dataDir.toString(), "--log-format", "json")) {
            assertThat(server.awaitExit()).isEqualTo(1);
            assertThat(server.stderr()).isEmpty();
            JsonNode last = parse(server.stdout()).get(server.stdout().size() - 1);
            assertThat(last.get("level").textValue()).isEqualTo("ERROR");
            assertThat(last.get("msg").textValue()).startsWith("cannot start");
            assertThat(last.get("error").get("class").textValue()).isNotEmpty();
            assertThat(last.get("error").get("stack").textValue()).contains("\n\tat ");
        }
    }

    private static List<JsonNode> parse(List<String> stdout) throws IOException {
        assertThat(stdout).as("the server logged").isNotEmpty();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            lines.add(node);
        }
        return lines;
    }

    /** A loopback port where nothing listens (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
