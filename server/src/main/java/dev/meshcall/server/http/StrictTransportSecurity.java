package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;

/**
 * Wraps everything the server answers over TLS: {@code Strict-Transport-Security} (RFC 6797) tells the browser to
 * come back over HTTPS only, for a year, so that nobody on the path can downgrade a later visit to plain HTTP and
 * read a token. Not sent over plain HTTP, where a browser ignores it anyway. No {@code includeSubDomains}: the
 * server cannot speak for other names of the domain.
 */
public final class StrictTransportSecurity implements HttpHandler {
    /** One year, in seconds. */
    static final String VALUE = "max-age=31536000";

    private final HttpHandler next;

    public StrictTransportSecurity(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(Headers.STRICT_TRANSPORT_SECURITY, VALUE);
        next.handleRequest(exchange);
    }
}
