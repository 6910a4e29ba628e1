package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Wraps an endpoint that takes only some methods, as Undertow's {@code AllowedMethodsHandler} does, but answers
 * another method in the REST error form: 405 {@code method_not_allowed} naming the path and the methods, with
 * {@code Allow} listing them. Nothing is read, so it may run on an I/O thread.
 */
public final class AllowedMethods implements HttpHandler {
    private final HttpHandler next;
    private final List<HttpString> methods;
    /** {@code "GET, POST"}: the {@code Allow} header and the message. */
    private final String allowed;

    public AllowedMethods(HttpHandler next, HttpString... methods) {
        if (methods.length == 0) {
            throw new IllegalArgumentException("an endpoint that allows no method cannot be reached");
        }
        this.next = next;
        this.methods = List.of(methods);
        this.allowed = this.methods.stream().map(HttpString::toString).collect(Collectors.joining(", "));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HttpString method = exchange.getRequestMethod();
        if (!methods.contains(method)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
            JsonExchange.sendError(exchange, 405, "method_not_allowed", exchange.getRequestPath() + " takes "
                    + allowed + ", not " + method);
            return;
        }
        next.handleRequest(exchange);
    }
}
