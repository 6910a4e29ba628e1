package dev.meshcall.server.http;

import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.relay.Relay;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code docs/protocol.md}, "REST"): sign-up, login, logout, the user list and health, in either
 * mode: the {@link Accounts} given are the embedded database's or the XMPP service's. Runs on a worker thread
 * (database, PBKDF2 and XMPP block); every failure becomes the JSON error form with a 4xx status (a 405 always names
 * the allowed methods in {@code Allow}), a 503 when the XMPP service cannot be reached, or a 500 without details,
 * never a stack trace.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String BEARER = "Bearer ";

    private final Accounts accounts;
    /** The same in both modes: logout revokes here, and the user list checks its caller's token here. */
    private final TokenService tokens;
    /** Where {@code online} in the user list comes from. */
    private final Relay relay;

    public ApiHandler(Accounts accounts, TokenService tokens, Relay relay) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.relay = relay;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JsonExchange.serve(exchange, this, LOG, () -> {
            try {
                route(exchange);
            } catch (AccountException e) {
                throw refusal(e);
            }
        });
    }

    /** An account service's refusal as the REST API's. */
    private static ApiException refusal(AccountException e) {
        return switch (e.reason()) {
            case INVALID -> ApiException.badRequest(e.getMessage());
            case CONFLICT -> new ApiException(409, "conflict", e.getMessage());
            case FORBIDDEN -> new ApiException(403, "forbidden", e.getMessage());
            case UNAUTHORIZED -> ApiException.unauthorized(e.getMessage());
            case RATE_LIMITED -> ApiException.rateLimited(e.getMessage(), e.retryAfter());
            case UNAVAILABLE -> new ApiException(503, "unavailable", e.getMessage());
        };
    }

    private void route(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        HttpString method = exchange.getRequestMethod();
        switch (path) {
            case "/health" -> {
                allow(exchange, Methods.GET, path);
                JsonExchange.send(exchange, 200, Map.of("status", "up"));
            }
            case "/api/users" -> {
                if (Methods.POST.equals(method)) {
                    signUp(exchange);
                } else {
                    exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
                    allow(exchange, Methods.GET, path);
                    listUsers(exchange);
                }
            }
            case "/api/login" -> {
                allow(exchange, Methods.POST, path);
                login(exchange);
            }
            case "/api/logout" -> {
                allow(exchange, Methods.POST, path);
                logout(exchange);
            }
            default -> throw new ApiException(404, "not_found", "no API at " + method + " " + path);
        }
    }

    private void signUp(HttpServerExchange exchange) {
        User user = accounts.signUp(JsonExchange.readObject(exchange));
        JsonExchange.send(exchange, 201, userJson(user));
    }

    private void login(HttpServerExchange exchange) {
        AccountService.Session session = accounts.login(JsonExchange.readObject(exchange),
                JsonExchange.clientAddress(exchange));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", session.token());
        result.put("user", userJson(session.user()));
        JsonExchange.send(exchange, 200, result);
    }

    private void logout(HttpServerExchange exchange) {
        String token = bearer(exchange);
        if (!tokens.revoke(token)) {
            throw ApiException.unauthorized("unknown, expired or revoked token");
        }
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private void listUsers(HttpServerExchange exchange) {
        OptionalInt caller = tokens.resolve(bearer(exchange));
        if (caller.isEmpty()) {
            throw ApiException.unauthorized("unknown, expired or revoked token");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (User user : accounts.users()) {
            Map<String, Object> entry = userJson(user);
            entry.put("online", relay.isOnline(user.id()));
            list.add(entry);
        }
        JsonExchange.send(exchange, 200, Map.of("users", list));
    }

    private static String bearer(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("this request needs 'Authorization: Bearer <token>'");
        }
        return header.substring(BEARER.length()).trim();
    }

    private static void allow(HttpServerExchange exchange, HttpString allowed, String path) {
        HttpString method = exchange.getRequestMethod();
        if (!allowed.equals(method)) {
            if (!exchange.getResponseHeaders().contains(Headers.ALLOW)) {
                exchange.getResponseHeaders().put(Headers.ALLOW, allowed.toString());
            }
            throw new ApiException(405, "method_not_allowed", path + " takes " + allowed + ", not " + method);
        }
    }

    private static Map<String, Object> userJson(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("login", user.login());
        json.put("fullName", user.fullName());
        return json;
    }
}
