package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP for tests. */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** A response's status and parsed JSON body (null when empty). */
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    /**
     * {@code reply} is the error answer {@code status} with {@code code}, its message holding {@code message}, and no
     * stack trace in it.
     */
    static void assertError(Reply reply, int status, String code, String message) {
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
        assertThat(reply.body().get("error").textValue()).isEqualTo(code);
        assertThat(reply.body().get("message").textValue()).contains(message);
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    TestHttp(URI base) {
        this.base = base;
    }

    Reply post(String path, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Reply get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Signs up and returns the new user's id. */
    int signUp(String login, String password) {
        Reply reply = post("/api/users", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}", null);
        if (reply.status() != 201) {
            throw new AssertionError("sign-up of " + login + " failed: " + reply.raw().body());
        }
        return reply.body().get("id").intValue();
    }

    /** Logs in and returns the token. */
    String login(String login, String password) {
        Reply reply = post("/api/login", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}", null);
        if (reply.status() != 200) {
            throw new AssertionError("login of " + login + " failed: " + reply.raw().body());
        }
        return reply.body().get("token").textValue();
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode node = body.isEmpty() || !response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/json") ? null : JSON.readTree(body);
            return new Reply(response.statusCode(), node, response);
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
