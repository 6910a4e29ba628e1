package dev.meshcall.server.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Operations endpoints: {@code GET /health/live} (the process serves requests), {@code GET /health/ready} (it can
 * relay signals: in XMPP mode, the XMPP service is reachable; 503 otherwise) and {@code GET /metrics} (Prometheus
 * text format). Readiness may block briefly (a TCP connect), so requests run on a worker thread. The methods are
 * checked before it, as the REST API's are: {@code MeshCallServer} wraps it in {@code http.AllowedMethods} with GET
 * and HEAD (Undertow sends no body for HEAD).
 */
public final class OpsHandler implements HttpHandler {
    private final PrometheusMeterRegistry registry;
    private final Supplier<String> notReadyReason;
    /** {@code Bearer <token>} as UTF-8, which {@code /metrics} requests must carry; {@code null}: open. */
    private final byte[] metricsAuthorization;

    /**
     * @param notReadyReason why the node cannot relay now, or {@code null} when it can
     * @param metricsToken   the bearer token {@code /metrics} requires, or {@code null} to leave it open
     */
    public OpsHandler(PrometheusMeterRegistry registry, Supplier<String> notReadyReason, String metricsToken) {
        this.registry = registry;
        this.notReadyReason = notReadyReason;
        this.metricsAuthorization = metricsToken == null ? null
                : ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request may read the metrics: no token is required, or it carries the right one. */
    private boolean mayReadMetrics(HttpServerExchange exchange) {
        if (metricsAuthorization == null) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        // Compared in constant time, so the answer's timing tells nothing of the token.
        return given != null && MessageDigest.isEqual(metricsAuthorization, given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        switch (exchange.getRequestPath()) {
            case "/health/live" -> json(exchange, 200, "{\"status\":\"up\"}");
            case "/health/ready" -> {
                String reason = notReadyReason.get();
                if (reason == null) {
                    json(exchange, 200, "{\"status\":\"ready\"}");
                } else {
                    json(exchange, 503, "{\"status\":\"unavailable\",\"reason\":\"" + reason.replace("\"", "'")
                            + "\"}");
                }
            }
            case "/metrics" -> {
                if (!mayReadMetrics(exchange)) {
                    exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
                    json(exchange, 401, "{\"error\":\"unauthorized\",\"message\":\"/metrics needs"
                            + " Authorization: Bearer and the --metrics-token\"}");
                    return;
                }
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
                exchange.getResponseSender().send(registry.scrape());
            }
            default -> json(exchange, 404, "{\"error\":\"not_found\",\"message\":\"no such path\"}");
        }
    }

    private static void json(HttpServerExchange exchange, int status, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body);
    }
}
