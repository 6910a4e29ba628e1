package dev.meshcall.server.ws;

import dev.meshcall.server.http.HttpErrors;
import dev.meshcall.server.http.OriginPolicy;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the WebSocket handshake: a request from a page of an origin the {@link OriginPolicy} does not allow gets
 * 403 {@code forbidden} before any upgrade; the rest go to {@code next}. A request without {@code Origin} is not
 * from a browser page (browsers always send it on a WebSocket handshake), so no page can be riding on a user's
 * session through it; it goes on and must still authenticate with a token like any socket.
 */
public final class OriginCheck implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);
    private final OriginPolicy origins;
    private final HttpHandler next;

    /**
     * @param allowedOrigins {@code scheme://host[:port]} origins; empty for the server's own only, {@code "*"} for
     *     any
     */
    public OriginCheck(List<String> allowedOrigins, HttpHandler next) {
        this.origins = new OriginPolicy(allowedOrigins);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !origins.allows(origin, exchange.getRequestScheme(), exchange.getHostAndPort())) {
            String shown = OriginPolicy.shown(origin);
            LOG.debug("refused a WebSocket handshake from origin '{}' (not allowed)", shown);
            HttpErrors.send(exchange, 403, "forbidden", "origin '" + shown + "' may not open this WebSocket;"
                    + " see --allowed-origins");
            return;
        }
        next.handleRequest(exchange);
    }
}
