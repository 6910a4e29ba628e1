package dev.meshcall.server.http;

import io.undertow.server.HttpServerExchange;

/** The REST error form ({@code {"error":code,"message":...}}) for handlers outside this package. */
public final class HttpErrors {
    private HttpErrors() {
    }

    /** Writes the error form with this status; works on an I/O thread (nothing is read). */
    public static void send(HttpServerExchange exchange, int status, String code, String message) {
        JsonExchange.sendError(exchange, status, code, message);
    }
}
