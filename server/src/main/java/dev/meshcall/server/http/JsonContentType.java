package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Locale;
import java.util.Objects;

/**
 * Wraps a REST endpoint that takes a JSON body: the request must say {@code Content-Type: application/json}
 * (parameters allowed, a {@code charset} only if it is UTF-8, RFC 8259 section 8.1), else 415
 * {@code unsupported_media_type} before anything is read. A page of another site can send {@code text/plain} or a
 * form to any server without the browser asking first (a CORS "simple request"); {@code application/json} needs a
 * preflight that this server never grants, so requiring it keeps cross-site pages out even where {@code Origin}
 * is missing. Nothing is read, so it may run on an I/O thread.
 */
public final class JsonContentType implements HttpHandler {
    private static final String JSON = "application/json";
    private static final int MAX_TYPE_IN_MESSAGE = 100;

    private final HttpHandler next;

    public JsonContentType(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (!isJson(type)) {
            String shown = type == null ? "none" : "'" + (type.length() > MAX_TYPE_IN_MESSAGE
                    ? type.substring(0, MAX_TYPE_IN_MESSAGE) + "..." : type) + "'";
            JsonExchange.sendError(exchange, 415, "unsupported_media_type", exchange.getRequestPath()
                    + " takes Content-Type application/json (UTF-8), not " + shown);
            return;
        }
        next.handleRequest(exchange);
    }

    /** {@code application/json}, in any case, with no parameter but an optional UTF-8 {@code charset}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (!parameter.isEmpty() && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
