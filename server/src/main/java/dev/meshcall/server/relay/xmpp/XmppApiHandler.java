package dev.meshcall.server.relay.xmpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.TokenService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;
    private static final String BEARER = "Bearer ";

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

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final long retryAfterSeconds;

        Failure(int status, String code, String message) {
            this(status, code, message, 0);
        }

        Failure(int status, String code, String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            String path = exchange.getRequestPath();
            boolean post = Methods.POST.equals(exchange.getRequestMethod());
            if (path.equals("/api/login") && post) {
                login(exchange);
            } else if (path.equals("/api/users") && post) {
                signUp(exchange);
            } else if (path.equals("/api/users") && Methods.GET.equals(exchange.getRequestMethod())) {
                listUsers(exchange);
            } else {
                throw new Failure(405, "method_not_allowed", path + " does not take " + exchange.getRequestMethod());
            }
        } catch (Failure e) {
            if (e.retryAfterSeconds > 0) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(e.retryAfterSeconds));
            }
            send(exchange, e.status, Map.of("error", e.code, "message", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            send(exchange, 500, Map.of("error", "internal", "message", "the server failed on this request"));
        }
    }

    private void login(HttpServerExchange exchange) throws Failure {
        JsonNode body = readObject(exchange);
        int userId = userId(body);
        String password = text(body, "password");
        String account = "id:" + userId;
        String address = clientAddress(exchange);
        Duration wait = throttle.waitBefore(account, address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new Failure(429, "rate_limited", "too many failed logins; try again in " + seconds + " s",
                    seconds);
        }
        try {
            relay.login(userId, password);
            throttle.succeeded(account);
        } catch (XmppLoginException e) {
            if (e.reason() == XmppLoginException.Reason.WRONG_PASSWORD) {
                throttle.failed(account, address);
                throw new Failure(401, "unauthorized", "wrong login or password");
            }
            LOG.warn("login of user {} failed: {}", userId, e.getMessage());
            throw new Failure(503, "unavailable", "the XMPP service cannot be reached; try again");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", tokens.issue(userId));
        result.put("user", userJson(userId));
        send(exchange, 200, result);
    }

    private void signUp(HttpServerExchange exchange) throws Failure {
        JsonNode body = readObject(exchange);
        int userId = userId(body);
        String password = text(body, "password");
        if (password.length() < 8 || password.length() > 256) {
            throw new Failure(400, "bad_request", "password must be 8 to 256 characters");
        }
        JsonNode fullName = body.get("fullName");
        if (fullName != null && !fullName.isNull() && (!fullName.isTextual() || fullName.asText().isBlank()
                || fullName.asText().length() > 128)) {
            throw new Failure(400, "bad_request", "fullName must be 1 to 128 characters, not blank");
        }
        try {
            relay.signUp(userId, password);
        } catch (XmppRegistrationException e) {
            throw new Failure(e.status(), e.code(), e.getMessage());
        }
        if (fullName != null && fullName.isTextual()) {
            relay.rememberName(userId, fullName.asText());
        }
        LOG.info("new XMPP account for user {}", userId);
        send(exchange, 201, userJson(userId));
    }

    private void listUsers(HttpServerExchange exchange) throws Failure {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || tokens.resolve(header.substring(BEARER.length()).trim()).isEmpty()) {
            throw new Failure(401, "unauthorized", "unknown, expired or revoked token");
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (int userId : new TreeSet<>(relay.knownUsers())) {
            Map<String, Object> entry = userJson(userId);
            entry.put("online", relay.isOnline(userId));
            list.add(entry);
        }
        send(exchange, 200, Map.of("users", list));
    }

    private Map<String, Object> userJson(int userId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", userId);
        json.put("login", Integer.toString(userId));
        json.put("fullName", relay.nameOf(userId));
        return json;
    }

    /** {@code userId}, or a {@code login} that is a user id: in XMPP mode the user id is the login. */
    private static int userId(JsonNode body) throws Failure {
        JsonNode id = body.get("userId");
        if (id == null || id.isNull()) {
            JsonNode login = body.get("login");
            if (login != null && login.isTextual() && login.asText().matches("[1-9][0-9]{0,9}")) {
                id = JSON.getNodeFactory().numberNode(Long.parseLong(login.asText()));
            }
        }
        if (id == null || !id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 1) {
            throw new Failure(400, "bad_request", "userId must be a whole number from 1 (in XMPP mode the user id"
                    + " is the login)");
        }
        return id.intValue();
    }

    private static String text(JsonNode body, String field) throws Failure {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new Failure(400, "bad_request", field + " is missing or not a string");
        }
        return value.asText();
    }

    private static JsonNode readObject(HttpServerExchange exchange) throws Failure {
        try {
            byte[] bytes = exchange.getInputStream().readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new Failure(413, "too_large", "request body over " + MAX_BODY + " bytes");
            }
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Failure(400, "bad_request", "the body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new Failure(400, "bad_request", "malformed JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    /** The peer's IP address (behind a reverse proxy: the proxy's, so the per-address limit is shared). */
    private static String clientAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
    }

    private static void send(HttpServerExchange exchange, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.setStatusCode(status);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            exchange.getResponseSender().send(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
