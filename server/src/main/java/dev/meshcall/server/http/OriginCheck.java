package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the WebSocket handshake and the state-changing REST calls: a request from a page of an origin the
 * {@link OriginPolicy} does not allow gets 403 {@code forbidden} before any upgrade and before any body is read; the
 * rest go to {@code next}. Browsers send {@code Origin} with every WebSocket handshake and every cross-site POST
 * (Fetch standard, "Origin header"); without this check a page of another site could open sockets on a signed-in
 * user's behalf, or sign up accounts and lock accounts through the login throttle from its visitors' addresses. A
 * request without {@code Origin} is not from a browser page (curl, the Java client, tests), so no page can be riding
 * on a user's browser through it; it goes on and must still authenticate like any other. Nothing is read, so it may
 * run on an I/O thread.
 */
public final class OriginCheck implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OriginCheck.class);

    private final OriginPolicy origins;
    /** What the refused request wanted to do, for the message: "open this WebSocket", "call POST /api/login". */
    private final Function<HttpServerExchange, String> action;
    private final HttpHandler next;

    private OriginCheck(List<String> allowedOrigins, Function<HttpServerExchange, String> action, HttpHandler next) {
        this.origins = new OriginPolicy(allowedOrigins);
        this.action = action;
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * The check of the WebSocket handshake.
     *
     * @param allowedOrigins {@code scheme://host[:port]} origins; empty for the server's own only, {@code "*"} for
     *     any
     */
    public static OriginCheck webSocket(List<String> allowedOrigins, HttpHandler next) {
        return new OriginCheck(allowedOrigins, exchange -> "open this WebSocket", next);
    }

    /** The check of a state-changing REST call, with the same origins as the WebSocket's. */
    public static OriginCheck apiCall(List<String> allowedOrigins, HttpHandler next) {
        return new OriginCheck(allowedOrigins, exchange -> "call " + exchange.getRequestMethod() + " "
                + exchange.getRequestPath(), next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !origins.allows(origin, exchange.getRequestScheme(), exchange.getHostAndPort())) {
            String shown = OriginPolicy.shown(origin);
            String refused = action.apply(exchange);
            LOG.debug("refused to {} from origin '{}' (not allowed)", refused, shown);
            JsonExchange.sendError(exchange, 403, "forbidden", "origin '" + shown + "' may not " + refused
                    + "; see --allowed-origins");
            return;
        }
        next.handleRequest(exchange);
    }
}
