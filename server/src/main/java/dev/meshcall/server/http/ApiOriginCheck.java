package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a state-changing REST endpoint: a request whose {@code Origin} the {@link OriginPolicy} does not allow gets
 * 403 {@code forbidden} before anything is read. Browsers send {@code Origin} with every cross-site POST (Fetch
 * standard, "origin header"), so without this check any web page could sign up accounts, or lock accounts through the
 * login throttle, from its visitors' addresses. A request without {@code Origin} is not a page riding on a browser
 * (curl, the SDK's Java client, tests) and goes on. Nothing is read, so it may run on an I/O thread.
 */
public final class ApiOriginCheck implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiOriginCheck.class);

    private final OriginPolicy origins;
    private final HttpHandler next;

    /**
     * @param allowedOrigins {@code scheme://host[:port]} origins; empty for the server's own only, {@code "*"} for
     *     any (the same list as the WebSocket's, {@code --allowed-origins})
     */
    public ApiOriginCheck(List<String> allowedOrigins, HttpHandler next) {
        this.origins = new OriginPolicy(allowedOrigins);
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !origins.allows(origin, exchange.getRequestScheme(), exchange.getHostAndPort())) {
            String shown = OriginPolicy.shown(origin);
            LOG.debug("refused {} {} from origin '{}' (not allowed)", exchange.getRequestMethod(),
                    exchange.getRequestPath(), shown);
            JsonExchange.sendError(exchange, 403, "forbidden", "origin '" + shown + "' may not call "
                    + exchange.getRequestMethod() + " " + exchange.getRequestPath() + "; see --allowed-origins");
            return;
        }
        next.handleRequest(exchange);
    }
}
