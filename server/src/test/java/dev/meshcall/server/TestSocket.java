package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Op;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A browser's WebSocket as tests see it: frames land in a queue, read with a bounded wait. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger PINGS = new AtomicInteger();

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;

    /** Opens the socket; a handshake that does not finish within {@link #WAIT} fails instead of hanging the run. */
    TestSocket(HttpClient client, URI uri) {
        this.socket = client.newWebSocketBuilder().buildAsync(uri, this)
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Opens a socket, authenticates, and checks the {@code ready} frame. */
    static TestSocket authenticated(HttpClient client, URI uri, String token, int userId) {
        TestSocket socket = new TestSocket(client, uri);
        socket.sendText(FrameCodec.encode(Frame.auth(token)));
        assertThat(socket.next()).isEqualTo(Frame.ready(userId));
        return socket;
    }

    /** Logs {@code login} in (its password is {@code login + "-password"}) and opens a socket authenticated as it. */
    static TestSocket signedIn(TestHttp http, MeshCallServer server, String login, int userId) {
        return authenticated(http.client, server.webSocketUri(), http.login(login, login + "-password"), userId);
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void send(Frame frame) {
        sendText(FrameCodec.encode(frame));
    }

    WebSocket raw() {
        return socket;
    }

    /** The next frame, failing after {@link #WAIT}. */
    Frame next() {
        try {
            Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within %s", WAIT).isNotNull();
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame that is not a presence event. */
    Frame nextIgnoringPresence() {
        Frame frame = next();
        while (frame.op() == Op.PRESENCE) {
            frame = next();
        }
        return frame;
    }

    /** The next presence frame about {@code userId}, skipping other frames. */
    Frame nextPresenceOf(int userId) {
        Frame frame = next();
        while (frame.op() != Op.PRESENCE || frame.userId() != userId) {
            frame = next();
        }
        return frame;
    }

    /**
     * Pings and waits for the pong, skipping presence events: proves the connection still works, and, as frames
     * are delivered in order, that nothing else was sent before the pong.
     */
    void assertAliveWithNothingPending() {
        String id = "barrier-" + PINGS.incrementAndGet();
        send(Frame.ping(id));
        assertThat(nextIgnoringPresence()).isEqualTo(Frame.pong(id));
    }

    /**
     * After an {@code auth} frame: 0 when the server answered {@code ready} (this socket is then closed), else the
     * close code it refused the socket with; failing after {@link #WAIT}.
     */
    int readyOrCloseCode() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Frame frame = frames.poll(20, TimeUnit.MILLISECONDS);
                if (frame != null && frame.op() == Op.READY) {
                    close();
                    return 0;
                }
                if (closeCode.isDone()) {
                    return closeCode.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("neither ready nor closed within " + WAIT);
    }

    /** The close code the server sent, failing after {@link #WAIT}. */
    int closeCode() {
        return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(FrameCodec.decode(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason.complete(reason);
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason.complete("error: " + error);
        closeCode.complete(-1);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
