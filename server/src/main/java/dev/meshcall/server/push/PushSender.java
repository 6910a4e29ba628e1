package dev.meshcall.server.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends one push message to one subscription (RFC 8030 section 5): {@code POST} to its endpoint with {@code TTL},
 * {@code Urgency: high} (a call), {@code Topic}, {@code Content-Encoding: aes128gcm} and the VAPID
 * {@code Authorization}; the body encrypted for the subscription ({@link PushEncryption}). Blocks for at most the
 * timeout (connect, then the response), so it runs on the dispatcher's own threads. Redirects are not followed: the
 * request goes to the URL the browser gave and nowhere else. The response body is discarded unread.
 */
final class PushSender {
    private final HttpClient client;
    private final PushEncryption encryption = new PushEncryption();
    private final VapidAuthorization authorization;
    private final Duration timeout;
    private final Duration ttl;
    private final Clock clock;

    PushSender(VapidAuthorization authorization, Duration timeout, Duration ttl, Clock clock) {
        this.authorization = authorization;
        this.timeout = timeout;
        this.ttl = ttl;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code payload} under {@code topic}; what the push service said, or why it said nothing. */
    PushOutcome send(PushSubscription subscription, String topic, byte[] payload) throws InterruptedException {
        URI endpoint = URI.create(subscription.endpoint());
        byte[] body = encryption.encrypt(Base64Url.decode(subscription.p256dh()), Base64Url.decode(subscription.auth()),
                payload);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("TTL", Long.toString(ttl.getSeconds()))
                .header("Urgency", "high")
                .header("Topic", topic)
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", authorization.header(endpoint, clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return PushOutcome.ofStatus(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (HttpTimeoutException e) {
            return PushOutcome.TIMEOUT;
        } catch (IOException e) {
            return PushOutcome.NETWORK;
        }
    }
}
