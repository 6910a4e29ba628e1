package dev.meshcall.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshcall.protocol.CallRejectRequest;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.auth.AccountRequest;
import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.auth.UserPage;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.turn.IceServers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API ({@code docs/protocol.md}, "REST"): sign-up, login, logout, the user list, TURN credentials, declining
 * a call without a session object ({@link CallRejecter}) and health, in either mode: the {@link Accounts} given are
 * the embedded database's or the XMPP service's. Each path is a chain of small wrapping handlers, as in
 * {@code io.undertow.server.handlers}: {@link AllowedMethods}, then {@link BearerAuth} where the endpoint needs a
 * caller; on state-changing calls {@link OriginCheck} and, where they take a body,
 * {@link JsonContentType} and {@link RequestBody} (read on the I/O thread, so a slow
 * client holds no worker), then the endpoint, which runs on a worker thread (database, PBKDF2 and XMPP block).
 * Every failure becomes the JSON error form with a 4xx status (a 405 always names the allowed methods in
 * {@code Allow}), a 503 when the XMPP service cannot be reached, or a 500 without details, never a stack trace.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Accounts accounts;
    /** The same in both modes: {@link BearerAuth} checks the caller's token here, and logout revokes it here. */
    private final TokenService tokens;
    /** Where {@code online} in the user list comes from. */
    private final Relay relay;
    /** The STUN/TURN servers, with TURN credentials minted for the caller. */
    private final IceServers iceServers;
    /** Sends the {@code reject} of {@code POST /api/calls/reject} as the caller's own socket would. */
    private final CallRejecter callRejecter;

    private final int maxUsersPerPage;
    /** Whether a user with no page open would still be reached by a call (Web Push); answers from memory. */
    private final IntPredicate pushReachable;

    /** Each path's chain: the method check, then the token check where the endpoint needs a caller. */
    private final Map<String, HttpHandler> endpoints;

    /**
     * @param bodyTimeout    how long a request body may take to arrive before its connection is closed
     *     ({@link RequestBody})
     * @param allowedOrigins page origins that may make state-changing calls ({@link OriginCheck})
     * @param iceServers     the STUN/TURN servers {@code GET /api/ice-servers} hands the caller
     * @param signUpPolicy   whether {@code POST /api/users} is open, and how often one address may use it
     * @param maxUsersPerPage the most users one {@code GET /api/users} answers, and how many it answers by default
     * @param callRejecter   what sends the {@code reject} of {@code POST /api/calls/reject}
     * @param pushReachable  whether a user has a Web Push subscription, for the user list's {@code pushReachable}
     */
    public ApiHandler(Accounts accounts, TokenService tokens, Relay relay, Duration bodyTimeout,
            List<String> allowedOrigins, IceServers iceServers, SignUpPolicy signUpPolicy, int maxUsersPerPage,
            CallRejecter callRejecter, IntPredicate pushReachable) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.relay = relay;
        this.iceServers = iceServers;
        this.callRejecter = callRejecter;
        this.maxUsersPerPage = maxUsersPerPage;
        this.pushReachable = pushReachable;
        HttpHandler signUp = OriginCheck.apiCall(allowedOrigins, signUpPolicy.open()
                ? new SignUpRate(signUpPolicy.perAddressPerMinute(), new JsonContentType(new RequestBody(bodyTimeout,
                        new Endpoint(this::signUp))))
                : exchange -> JsonExchange.sendError(exchange, 403, "forbidden", SignUpPolicy.CLOSED));
        HttpHandler login = OriginCheck.apiCall(allowedOrigins, new JsonContentType(new RequestBody(bodyTimeout,
                new Endpoint(this::login))));
        HttpHandler logout = OriginCheck.apiCall(allowedOrigins, new BearerAuth(tokens,
                new Endpoint(this::logout)));
        HttpHandler listUsers = new BearerAuth(tokens, new Endpoint(this::listUsers));
        HttpHandler rejectCall = OriginCheck.apiCall(allowedOrigins, new BearerAuth(tokens, new JsonContentType(
                new RequestBody(bodyTimeout, new Endpoint(this::rejectCall)))));
        this.endpoints = Map.of(
                "/health", new AllowedMethods(new Endpoint(this::health), Methods.GET, Methods.HEAD),
                "/api/users", new AllowedMethods(exchange -> (Methods.POST.equals(exchange.getRequestMethod())
                        ? signUp : listUsers).handleRequest(exchange), Methods.GET, Methods.POST),
                "/api/login", new AllowedMethods(login, Methods.POST),
                "/api/logout", new AllowedMethods(logout, Methods.POST),
                "/api/ice-servers", new AllowedMethods(new BearerAuth(tokens, new Endpoint(this::iceServers)),
                        Methods.GET),
                "/api/calls/reject", new AllowedMethods(rejectCall, Methods.POST));
    }

    /**
     * The endpoint at the request's path, or 404 {@code not_found}. Nothing is read before an endpoint dispatches,
     * so this runs on the I/O thread.
     */
    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HttpHandler endpoint = endpoints.get(exchange.getRequestPath());
        if (endpoint == null) {
            JsonExchange.sendError(exchange, 404, "not_found", "no API at " + exchange.getRequestMethod() + " "
                    + exchange.getRequestPath());
            return;
        }
        endpoint.handleRequest(exchange);
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

    private void health(HttpServerExchange exchange) {
        JsonExchange.send(exchange, 200, Map.of("status", "up"));
    }

    private void signUp(HttpServerExchange exchange) {
        User user = accounts.signUp(accountRequest(JsonExchange.readObject(exchange)));
        JsonExchange.send(exchange, 201, userJson(user));
    }

    private void login(HttpServerExchange exchange) {
        AccountService.Session session = accounts.login(accountRequest(JsonExchange.readObject(exchange)),
                JsonExchange.clientAddress(exchange));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", session.token());
        result.put("user", userJson(session.user()));
        JsonExchange.send(exchange, 200, result);
    }

    /** The token may have expired or been revoked since {@link BearerAuth} let it through. */
    private void logout(HttpServerExchange exchange) {
        if (!tokens.revoke(BearerAuth.grant(exchange).token())) {
            throw ApiException.unauthorized(BearerAuth.BAD_TOKEN);
        }
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /** {@code {"users":[...],"next":N}}: the page the query parameters ask for ({@link UserQueryParameters}). */
    private void listUsers(HttpServerExchange exchange) {
        UserPage page = accounts.users(UserQueryParameters.read(exchange.getQueryParameters(), maxUsersPerPage));
        List<Map<String, Object>> list = new ArrayList<>();
        for (User user : page.users()) {
            Map<String, Object> entry = userJson(user);
            entry.put("online", relay.isOnline(user.id()));
            entry.put("pushReachable", pushReachable.test(user.id()));
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", list);
        body.put("next", page.next());
        JsonExchange.send(exchange, 200, body);
    }

    /** {@code {"iceServers":[...],"ttl":S}}: the caller's own TURN credential, as in its sockets' {@code ready}. */
    private void iceServers(HttpServerExchange exchange) {
        JsonExchange.send(exchange, 200, iceServers.forUser(BearerAuth.grant(exchange).userId()).toJson());
    }

    /**
     * 204 once the caller's {@code reject} is relayed ({@link CallRejecter}): the body is read by the protocol's own
     * field rules ({@link CallRejectRequest}), and a refusal is answered as the WebSocket's code says
     * ({@link ApiException#of}).
     */
    private void rejectCall(HttpServerExchange exchange) {
        CallRejectRequest request = CallRejectRequest.fromTree(JsonExchange.plainTree(
                JsonExchange.readObject(exchange)));
        callRejecter.reject(BearerAuth.grant(exchange), request);
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    /**
     * The end of an endpoint's chain: runs {@code action} on a worker thread (dispatching there first), with an
     * account or protocol refusal or an {@link ApiException} answered in the error form.
     */
    private final class Endpoint implements HttpHandler {
        private final Consumer<HttpServerExchange> action;

        Endpoint(Consumer<HttpServerExchange> action) {
            this.action = action;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) {
            JsonExchange.serve(exchange, this, LOG, () -> {
                try {
                    action.accept(exchange);
                } catch (AccountException e) {
                    throw refusal(e);
                } catch (ProtocolException e) {
                    throw ApiException.of(e);
                }
            });
        }
    }

    /** The fields of a sign-up or login body; 400 naming a field of the wrong type. */
    private static AccountRequest accountRequest(JsonNode body) {
        JsonNode userId = body.get("userId");
        Integer id = null;
        if (userId != null && !userId.isNull()) {
            if (!userId.canConvertToInt() || !userId.isIntegralNumber() || userId.intValue() < 1) {
                throw ApiException.badRequest("userId must be a whole number from 1");
            }
            id = userId.intValue();
        }
        return new AccountRequest(JsonExchange.optionalString(body, "login"), id,
                JsonExchange.optionalString(body, "password"), JsonExchange.optionalString(body, "fullName"));
    }

    private static Map<String, Object> userJson(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("login", user.login());
        json.put("fullName", user.fullName());
        return json;
    }
}
