package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import java.net.URI;
import java.time.Duration;

/**
 * A user who is not part of an attack, for the attack tests (issue 12): while the attack runs, the user's sign-in,
 * WebSocket {@code ready} and {@code ping} must each answer within {@link #PROMPT}.
 */
final class NormalUser {
    static final Duration PROMPT = Duration.ofSeconds(1);

    private final TestHttp http;
    private final URI webSocket;
    private final String login;
    private final String password;
    private final int userId;

    /** Signs the user up on {@code server}. */
    NormalUser(MeshCallServer server, String login, String password) {
        this.http = new TestHttp(server.baseUri());
        this.webSocket = server.webSocketUri();
        this.login = login;
        this.password = password;
        this.userId = http.signUp(login, password);
    }

    /** Signs in, opens a WebSocket and pings on it, each step within {@link #PROMPT}; closes the socket. */
    void assertServedPromptly(String during) {
        long start = System.nanoTime();
        String token = http.login(login, password);
        assertThat(elapsed(start)).as("a normal user's sign-in during %s", during).isLessThanOrEqualTo(PROMPT);
        start = System.nanoTime();
        try (TestSocket socket = new TestSocket(http.client, webSocket)) {
            socket.sendText(FrameCodec.encode(Frame.auth(token)));
            assertThat(socket.next()).isEqualTo(Frame.ready(userId));
            assertThat(elapsed(start)).as("a normal user's ready during %s", during).isLessThanOrEqualTo(PROMPT);
            start = System.nanoTime();
            socket.send(Frame.ping("normal"));
            assertThat(socket.nextIgnoringPresence()).isEqualTo(Frame.pong("normal"));
            assertThat(elapsed(start)).as("a normal user's ping during %s", during).isLessThanOrEqualTo(PROMPT);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
