package dev.meshcall.server.http;

import dev.meshcall.server.auth.TokenService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;

/**
 * Wraps an endpoint that needs a signed-in caller: a request without {@code Authorization: Bearer <token>}, or
 * with a token that is unknown, expired or revoked, gets 401 {@code unauthorized}; the rest go to {@code next} with
 * the token's {@link TokenService.Grant} attached ({@link #grant}). The check is in memory (no I/O), so it may run
 * on an I/O thread.
 */
public final class BearerAuth implements HttpHandler {
    private static final AttachmentKey<TokenService.Grant> GRANT = AttachmentKey.create(TokenService.Grant.class);
    /** The refusal of a token that does not or no longer grants anything. */
    static final String BAD_TOKEN = "unknown, expired or revoked token";
    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final HttpHandler next;

    public BearerAuth(TokenService tokens, HttpHandler next) {
        this.tokens = tokens;
        this.next = next;
    }

    /**
     * What the caller's token grants.
     *
     * @throws IllegalStateException when the exchange did not pass a {@link BearerAuth}
     */
    public static TokenService.Grant grant(HttpServerExchange exchange) {
        TokenService.Grant grant = exchange.getAttachment(GRANT);
        if (grant == null) {
            throw new IllegalStateException(exchange.getRequestPath() + " is served without a BearerAuth before it");
        }
        return grant;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            JsonExchange.sendError(exchange, ApiException.unauthorized(
                    "this request needs 'Authorization: Bearer <token>'"));
            return;
        }
        TokenService.Grant grant = tokens.grant(header.substring(BEARER.length()).trim()).orElse(null);
        if (grant == null) {
            JsonExchange.sendError(exchange, ApiException.unauthorized(BAD_TOKEN));
            return;
        }
        exchange.putAttachment(GRANT, grant);
        next.handleRequest(exchange);
    }
}
