package dev.meshcall.server.http;

import dev.meshcall.server.limit.KeyedTokenBuckets;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;

/**
 * Wraps {@code POST /api/users} (issue 12, item 5): an address signing up faster than {@code perMinute} (a token
 * bucket per address, bursts of as many) gets 429 {@code rate_limited} with {@code Retry-After} before its body is
 * read, so that it can neither fill the database nor keep the workers hashing passwords while others log in. Every
 * attempt counts, a refused one too, so that the answers cannot be used to list which logins are taken. Behind a
 * reverse proxy every user shares the proxy's address ({@link JsonExchange#clientAddress}).
 */
final class SignUpRate implements HttpHandler {
    private final KeyedTokenBuckets<String> limiter;
    private final Duration retryAfter;
    private final HttpHandler next;

    /** @param perMinute sign-ups per client address per minute, with bursts of as many */
    SignUpRate(int perMinute, HttpHandler next) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("sign-ups per minute must be positive, not " + perMinute);
        }
        this.limiter = new KeyedTokenBuckets<>(perMinute / 60.0, perMinute);
        this.retryAfter = Duration.ofSeconds((60 + perMinute - 1) / perMinute);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String address = JsonExchange.clientAddress(exchange);
        if (address != null && !limiter.tryTake(address, 1, System.nanoTime())) {
            JsonExchange.sendError(exchange, ApiException.rateLimited("too many sign-ups from this address; try"
                    + " again in " + retryAfter.toSeconds() + " s", retryAfter));
            return;
        }
        next.handleRequest(exchange);
    }
}
