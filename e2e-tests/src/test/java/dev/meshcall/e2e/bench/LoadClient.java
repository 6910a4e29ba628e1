package dev.meshcall.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated user for the load benchmarks: signs up and in over REST, then holds one authenticated signaling
 * WebSocket (java.net.http) and hands every text frame it receives to a consumer. Sends are chained, since a
 * WebSocket takes one outstanding send at a time.
 */
final class LoadClient {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    final int userId;
    final String token;
    /** The server (node) this user signed in to: its token works only there. */
    final String baseUrl;
    private WebSocket socket;
    private CompletableFuture<WebSocket> sending;

    private LoadClient(int userId, String token, String baseUrl) {
        this.userId = userId;
        this.token = token;
        this.baseUrl = baseUrl;
    }

    /**
     * Signs up a new user {@code login} and signs in, on {@code baseUrl}. In XMPP mode the login is the user id (a
     * number) and sign-up is in-band registration with the XMPP service (docs/xmpp.md).
     */
    static LoadClient signUp(HttpClient http, String baseUrl, String login) {
        String password = "password-" + login;
        String created = post(http, baseUrl + "/api/users",
                "{\"login\":\"" + login + "\",\"password\":\"" + password + "\",\"fullName\":\"" + login + "\"}");
        String signedIn = post(http, baseUrl + "/api/login",
                "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}");
        return new LoadClient(Integer.parseInt(match(ID, created)), match(TOKEN, signedIn), baseUrl);
    }

    /** A client of the same user (another tab): same id and token. */
    LoadClient anotherDevice() {
        return new LoadClient(userId, token, baseUrl);
    }

    /** Opens and authenticates the socket; waits for {@code ready}. */
    void open(HttpClient http, String baseUrl, Consumer<String> onFrame) {
        CountDownLatch ready = new CountDownLatch(1);
        WebSocket.Listener listener = new WholeMessages(frame -> {
            if (frame.startsWith("{\"op\":\"ready\"")) {
                ready.countDown();
            } else {
                onFrame.accept(frame);
            }
        });
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(baseUrl.replace("http:", "ws:") + "/ws"), listener).join();
        sending = CompletableFuture.completedFuture(socket);
        send("{\"op\":\"auth\",\"token\":\"" + token + "\"}");
        try {
            if (!ready.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("user " + userId + " got no ready frame");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Queues a text frame behind the ones before it. */
    synchronized void send(String text) {
        sending = sending.thenCompose(ws -> ws.sendText(text, true));
    }

    void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    private static String post(HttpClient http, String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected reply: " + text);
        }
        return matcher.group(1);
    }
}
