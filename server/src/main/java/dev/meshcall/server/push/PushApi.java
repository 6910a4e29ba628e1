package dev.meshcall.server.push;

import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.http.AllowedMethods;
import dev.meshcall.server.http.BearerAuth;
import dev.meshcall.server.http.JsonContentType;
import dev.meshcall.server.http.JsonExchange;
import dev.meshcall.server.http.OriginCheck;
import dev.meshcall.server.http.RequestBody;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST endpoints of Web Push ({@code docs/protocol.md}, "REST"), built as {@code http.ApiHandler}'s are:
 * <ul>
 *   <li>{@code GET /api/push/key} (bearer): {@code 200 {"applicationServerKey":"<VAPID public key>"}}, what the page
 *       gives {@code pushManager.subscribe}.</li>
 *   <li>{@code POST /api/push/subscriptions} (bearer, same origin, JSON): the browser's
 *       {@code PushSubscription.toJSON()} ({@link SubscriptionRequest}); 201 when it is new to the caller, 200 when
 *       it was already theirs, both with {@code {"endpoint":...}}.</li>
 *   <li>{@code DELETE /api/push/subscriptions} (bearer, same origin, JSON): {@code {"endpoint":...}}; 204, also for
 *       an endpoint that is unknown or another user's (which stays).</li>
 * </ul>
 */
public final class PushApi {
    /** The paths, for the node's path table. */
    public static final String KEY_PATH = "/api/push/key";
    public static final String SUBSCRIPTIONS_PATH = "/api/push/subscriptions";

    private static final Logger LOG = LoggerFactory.getLogger(PushApi.class);

    private final Map<String, HttpHandler> paths;

    private PushApi(Map<String, HttpHandler> paths) {
        this.paths = paths;
    }

    /** The handler of each path: {@link #KEY_PATH} and {@link #SUBSCRIPTIONS_PATH}. */
    public Map<String, HttpHandler> paths() {
        return paths;
    }

    /**
     * @param allowedOrigins page origins that may change subscriptions ({@code OriginCheck})
     * @param bodyTimeout    how long a request body may take ({@code RequestBody})
     */
    public static PushApi of(PushSubscriptions subscriptions, VapidKeys keys, PushSettings settings,
            TokenService tokens, List<String> allowedOrigins, Duration bodyTimeout, Clock clock) {
        HttpHandler key = new BearerAuth(tokens, new Endpoint(exchange -> JsonExchange.send(exchange, 200,
                Map.of("applicationServerKey", keys.publicKeyText()))));
        HttpHandler subscribe = body(tokens, allowedOrigins, bodyTimeout, exchange -> {
            SubscriptionRequest request = SubscriptionRequest.subscribe(JsonExchange.readObject(exchange),
                    settings.allowHttpEndpoints());
            boolean created = subscriptions.save(new PushSubscription(BearerAuth.grant(exchange).userId(),
                    request.endpoint(), request.p256dh(), request.auth(), clock.instant()),
                    settings.maxSubscriptionsPerUser());
            JsonExchange.send(exchange, created ? 201 : 200, Map.of("endpoint", request.endpoint()));
        });
        HttpHandler unsubscribe = body(tokens, allowedOrigins, bodyTimeout, exchange -> {
            subscriptions.delete(BearerAuth.grant(exchange).userId(),
                    SubscriptionRequest.unsubscribe(JsonExchange.readObject(exchange)));
            exchange.setStatusCode(204);
            exchange.endExchange();
        });
        return new PushApi(Map.of(
                KEY_PATH, new AllowedMethods(key, Methods.GET),
                SUBSCRIPTIONS_PATH, new AllowedMethods(exchange -> (Methods.POST.equals(exchange.getRequestMethod())
                        ? subscribe : unsubscribe).handleRequest(exchange), Methods.POST, Methods.DELETE)));
    }

    private static HttpHandler body(TokenService tokens, List<String> allowedOrigins, Duration bodyTimeout,
            Consumer<HttpServerExchange> action) {
        return OriginCheck.apiCall(allowedOrigins, new BearerAuth(tokens, new JsonContentType(
                new RequestBody(bodyTimeout, new Endpoint(action)))));
    }

    /** The end of a chain: the action on a worker thread, refusals in the error form ({@code JsonExchange.serve}). */
    private static final class Endpoint implements HttpHandler {
        private final Consumer<HttpServerExchange> action;

        Endpoint(Consumer<HttpServerExchange> action) {
            this.action = action;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) {
            JsonExchange.serve(exchange, this, LOG, () -> action.accept(exchange));
        }
    }
}
