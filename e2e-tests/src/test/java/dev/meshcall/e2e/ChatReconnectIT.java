package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.MeshCallServer;
import dev.meshcall.server.SecurityConfig;
import dev.meshcall.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK gets its signaling back by itself when the server goes away and comes back (a restart, a node closing
 * its sockets with 1001 on shutdown): {@code onDisconnectedListener}, then {@code onReconnectListener}, signed in
 * afresh with the password it was given.
 */
class ChatReconnectIT {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private static Browsers browsers;
    private static Path dataDir;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        browsers = new Browsers();
        dataDir = Files.createTempDirectory("meshcall-e2e-reconnect-");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        browsers.close();
    }

    private static MeshCallServer startServer() throws Exception {
        return new MeshCallServer(new ServerConfig(port, "127.0.0.1", dataDir, TestServer.webRoot())
                .withSecurity(SecurityConfig.forTest())).start();
    }

    @Test
    void theSdkReconnectsAfterTheServerRestarts() throws Exception {
        MeshCallServer first = startServer();
        String base = "http://127.0.0.1:" + port;
        int userId = signUp(base, "rita-" + System.nanoTime() % 100_000, "rita-password");
        Browser browser = browsers.start("rita").get(0);
        browser.open(base + "/harness.html");
        Object connected = browser.js("window.chatEvents = [];"
                + "MeshCall.init({});"
                + "MeshCall.chat.onDisconnectedListener = function (why) { chatEvents.push('down: ' + why); };"
                + "MeshCall.chat.onReconnectListener = function () {"
                + " chatEvents.push('up, arguments: ' + arguments.length); };"
                + "return MeshCall.chat.connect({userId: arguments[0], password: arguments[1]})"
                + ".then(function () { return MeshCall.chat.isConnected; });", userId, "rita-password");
        assertThat(connected).isEqualTo(Boolean.TRUE);

        first.close();
        Poll.until("the page to see the server go", Duration.ofSeconds(10),
                () -> events(browser).stream().anyMatch(e -> e.startsWith("down: connection closed (1001")));
        assertThat(browser.js("return MeshCall.chat.isConnected;")).isEqualTo(Boolean.FALSE);

        try (MeshCallServer second = startServer()) {
            Poll.until("the page to reconnect to the restarted server", Duration.ofSeconds(20),
                    () -> events(browser).stream().anyMatch(e -> e.startsWith("up")));
            assertThat(events(browser)).as("onReconnectListener() is called with no argument, as the seed's")
                    .contains("up, arguments: 0");
            assertThat(browser.js("return MeshCall.chat.isConnected;")).isEqualTo(Boolean.TRUE);
            assertThat(browser.js("return MeshCall.chat.pingWithTimeout(2000).then(function () { return 'pong'; });"))
                    .isEqualTo("pong");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(Browser browser) {
        return (List<String>) browser.js("return window.chatEvents;");
    }

    private static int signUp(String base, String login, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"password\":\"" + password
                        + "\",\"fullName\":\"Rita\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = ID.matcher(response.body());
        assertThat(matcher.find()).as("sign-up answered %s", response.body()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
