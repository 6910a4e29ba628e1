package dev.meshcall.server.relay.xmpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import static dev.meshcall.server.auth.AccountService.MAX_PASSWORD;
import static dev.meshcall.server.auth.AccountService.MIN_PASSWORD;

import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.http.ApiException;
import dev.meshcall.server.http.JsonExchange;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account part of the REST API in XMPP mode ({@code docs/xmpp.md}): the XMPP service holds the accounts, so
 * {@code POST /api/login} logs the user in to it ({@code {userId, password}}, or {@code login} holding the user id)
 * and hands out the same tokens as the embedded mode; {@code POST /api/users} signs up by in-band registration
 * (XEP-0077) where the service allows it; {@code GET /api/users} lists the users this node knows of, with
 * {@code online} from XMPP presence. Errors have the REST API's JSON form.
 */
public final class XmppApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(XmppApiHandler.class);
    private static final String BEARER = "Bearer ";
    /** How long the user list may spend reading names it has not seen yet (the rest show as User N this time). */
    private static final Duration NAME_LOOKUP_BUDGET = Duration.ofSeconds(2);

    private final XmppRelay relay;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    /**
     * @param throttle the same login throttle as the embedded mode's: failures per account and per address
     */
    public XmppApiHandler(XmppRelay relay, TokenService tokens, LoginThrottle throttle) {
        this.relay = relay;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        JsonExchange.serve(exchange, this, LOG, () -> route(exchange));
    }

    private void route(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        boolean post = Methods.POST.equals(exchange.getRequestMethod());
        if (path.equals("/api/login") && post) {
            login(exchange);
        } else if (path.equals("/api/users") && post) {
            signUp(exchange);
        } else if (path.equals("/api/users") && Methods.GET.equals(exchange.getRequestMethod())) {
            listUsers(exchange);
        } else {
            throw new ApiException(405, "method_not_allowed",
                    path + " does not take " + exchange.getRequestMethod());
        }
    }

    private void login(HttpServerExchange exchange) {
        JsonNode body = JsonExchange.readObject(exchange);
        int userId = userId(body);
        String password = text(body, "password");
        if (password.isEmpty() || password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("password must be 1 to " + MAX_PASSWORD + " characters");
        }
        String account = "id:" + userId;
        String address = JsonExchange.clientAddress(exchange);
        Duration wait = throttle.waitBefore(account, address);
        if (!wait.isZero()) {
            throw ApiException.rateLimited("too many failed logins; try again in "
                    + Math.max(1, (wait.toMillis() + 999) / 1000) + " s", wait);
        }
        try {
            relay.login(userId, password);
            throttle.succeeded(account);
        } catch (XmppLoginException e) {
            if (e.reason() == XmppLoginException.Reason.WRONG_PASSWORD) {
                throttle.failed(account, address);
                throw ApiException.unauthorized("wrong login or password");
            }
            LOG.warn("login of user {} failed: {}", userId, e.getMessage());
            throw new ApiException(503, "unavailable", "the XMPP service cannot be reached; try again");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        // The token carries the password, sealed: any node holding the key can log the user in to XMPP again.
        result.put("token", tokens.issue(userId, password));
        result.put("user", userJson(userId));
        JsonExchange.send(exchange, 200, result);
    }

    private void signUp(HttpServerExchange exchange) {
        JsonNode body = JsonExchange.readObject(exchange);
        int userId = userId(body);
        String password = text(body, "password");
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ApiException.badRequest("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        JsonNode fullName = body.get("fullName");
        if (fullName != null && !fullName.isNull() && (!fullName.isTextual() || fullName.asText().isBlank()
                || fullName.asText().length() > 128)) {
            throw ApiException.badRequest("fullName must be 1 to 128 characters, not blank");
        }
        try {
            relay.signUp(userId, password);
        } catch (XmppRegistrationException e) {
            throw new ApiException(e.status(), e.code(), e.getMessage());
        }
        if (fullName != null && fullName.isTextual()) {
            relay.saveName(userId, password, fullName.asText().strip());
        }
        LOG.info("new XMPP account for user {}", userId);
        JsonExchange.send(exchange, 201, userJson(userId));
    }

    private void listUsers(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || tokens.resolve(header.substring(BEARER.length()).trim()).isEmpty()) {
            throw ApiException.unauthorized("unknown, expired or revoked token");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        TreeSet<Integer> users = new TreeSet<>(relay.knownUsers());
        relay.loadNames(users, NAME_LOOKUP_BUDGET);
        for (int userId : users) {
            Map<String, Object> entry = userJson(userId);
            entry.put("online", relay.isOnline(userId));
            list.add(entry);
        }
        JsonExchange.send(exchange, 200, Map.of("users", list));
    }

    private Map<String, Object> userJson(int userId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", userId);
        json.put("login", Integer.toString(userId));
        json.put("fullName", relay.nameOf(userId));
        return json;
    }

    /** {@code userId}, or a {@code login} that is a user id: in XMPP mode the user id is the login. */
    private static int userId(JsonNode body) {
        JsonNode id = body.get("userId");
        if (id == null || id.isNull()) {
            JsonNode login = body.get("login");
            if (login != null && login.isTextual() && login.asText().matches("[1-9][0-9]{0,9}")) {
                id = JsonNodeFactory.instance.numberNode(Long.parseLong(login.asText()));
            }
        }
        if (id == null || !id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 1) {
            throw ApiException.badRequest("userId must be a whole number from 1 (in XMPP mode the user id"
                    + " is the login)");
        }
        return id.intValue();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest(field + " is missing or not a string");
        }
        return value.asText();
    }
}
