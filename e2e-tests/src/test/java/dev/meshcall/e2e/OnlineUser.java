package dev.meshcall.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A user who is only online: a signed-up account holding one authenticated signaling WebSocket (java.net.http), no
 * browser. For scenarios that need people in the list, not their media. Frames it receives are ignored.
 */
public final class OnlineUser implements AutoCloseable {
    private final Account account;
    private final WebSocket socket;

    private OnlineUser(Account account, WebSocket socket) {
        this.account = account;
        this.socket = socket;
    }

    /** Signs up {@code name} through REST, signs in and opens the socket; returns once the server says ready. */
    public static OnlineUser signUp(TestServer server, String name) {
        Account account = server.signUp(name);
        return connect(server, account, server.login(account));
    }

    /**
     * Opens a socket to {@code server} for {@code account} with {@code token} (one it or another node of the same
     * service handed out); returns once the server says ready.
     */
    public static OnlineUser connect(TestServer server, Account account, String token) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    if (partial.toString().startsWith("{\"op\":\"ready\"")) {
                        ready.complete(null);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        WebSocket socket = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                .newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(server.baseUrl().replace("http:", "ws:") + "/ws"), listener).join();
        socket.sendText("{\"op\":\"auth\",\"token\":\"" + token + "\"}", true).join();
        ready.orTimeout(20, TimeUnit.SECONDS).join();
        return new OnlineUser(account, socket);
    }

    public Account account() {
        return account;
    }

    /** Goes offline: the socket is dropped. */
    @Override
    public void close() {
        socket.abort();
    }
}
