package dev.meshcall.server.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.function.Supplier;

/**
 * Operations endpoints: {@code GET /health/live} (the process serves requests), {@code GET /health/ready} (it can
 * relay signals: in XMPP mode, the XMPP service is reachable; 503 otherwise) and {@code GET /metrics} (Prometheus
 * text format). Readiness may block briefly (a TCP connect), so requests run on a worker thread.
 */
public final class OpsHandler implements HttpHandler {
    private final PrometheusMeterRegistry registry;
    private final Supplier<String> notReadyReason;

    /**
     * @param notReadyReason why the node cannot relay now, or {@code null} when it can
     */
    public OpsHandler(PrometheusMeterRegistry registry, Supplier<String> notReadyReason) {
        this.registry = registry;
        this.notReadyReason = notReadyReason;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
            json(exchange, 405, "{\"error\":\"method_not_allowed\",\"message\":\"" + exchange.getRequestPath()
                    + " takes GET\"}");
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
