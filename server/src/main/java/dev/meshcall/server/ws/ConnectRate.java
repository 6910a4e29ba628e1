package dev.meshcall.server.ws;

import dev.meshcall.server.http.HttpErrors;
import dev.meshcall.server.limit.KeyedTokenBuckets;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Wraps the WebSocket handshake: an address opening sockets faster than {@code perSecond} (a token bucket per
 * address, bursts of as many) gets 429 {@code rate_limited} with {@code Retry-After: 1} before any upgrade, so that it
 * cannot hold a timer and memory per socket until their auth deadlines; the rest go to {@code next}.
 */
public final class ConnectRate implements HttpHandler {
    private final KeyedTokenBuckets<InetAddress> limiter;
    private final HttpHandler next;

    /**
     * @param perSecond new sockets per client address per second, with bursts of as many
     */
    public ConnectRate(int perSecond, HttpHandler next) {
        this.limiter = new KeyedTokenBuckets<>(perSecond, perSecond);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        InetSocketAddress source = exchange.getSourceAddress();
        if (source != null && source.getAddress() != null
                && !limiter.tryTake(source.getAddress(), 1, System.nanoTime())) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            HttpErrors.send(exchange, 429, "rate_limited", "too many new WebSocket connections from this address;"
                    + " retry in a second");
            return;
        }
        next.handleRequest(exchange);
    }
}
