package dev.meshcall.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Reads JSON request bodies (at most {@value #MAX_BODY_BYTES} bytes, else 413) and writes JSON responses, including
 * the error form {@code {"error":code,"message":...}}. The body itself is read by {@link RequestBody}.
 */
public final class JsonExchange {
    /** Largest request body. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** Deepest nesting of a request body. */
    static final int MAX_DEPTH = 8;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BODY_BYTES)
                    .maxDocumentLength(MAX_BODY_BYTES)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()).build();

    private JsonExchange() {
    }

    /**
     * Parses the body {@link RequestBody} read for the exchange as one JSON object, strictly ({@link JsonBody});
     * never blocks.
     *
     * @throws ApiException 400 {@code bad_request} when it is not a JSON object
     */
    public static JsonNode readObject(HttpServerExchange exchange) {
        return JsonBody.parseObject(RequestBody.of(exchange));
    }

    /**
     * A body as the plain tree the protocol module's checks read ({@code FrameCodec}): maps, lists, strings, numbers
     * and booleans, as the WebSocket's decoder gives them.
     */
    static Object plainTree(JsonNode body) {
        return MAPPER.convertValue(body, Object.class);
    }

    /** A string field, or {@code null} when absent; 400 naming the field when it is there but not a string. */
    static String optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return value.textValue();
    }

    /** Writes a JSON response. */
    public static void send(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the response", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /**
     * Serves one REST request the way every API handler does: off the I/O thread (dispatching {@code handler} there
     * when needed), an {@link ApiException} answered in the error form, anything else logged and answered 500
     * without details.
     */
    public static void serve(HttpServerExchange exchange, HttpHandler handler, Logger log, Runnable route) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(handler);
            return;
        }
        try {
            route.run();
        } catch (ApiException e) {
            sendError(exchange, e);
        } catch (RuntimeException e) {
            log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestPath(), e);
            if (!exchange.isResponseStarted()) {
                sendError(exchange, 500, "internal", "the server failed on this request");
            }
        }
    }

    /** Writes a refusal in the error form, with its {@code Retry-After} when it has one. */
    public static void sendError(HttpServerExchange exchange, ApiException refusal) {
        if (refusal.retryAfterSeconds() > 0) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        sendError(exchange, refusal.status(), refusal.code(), refusal.getMessage());
    }

    /** The peer's IP address (behind a reverse proxy: the proxy's, so per-address limits are shared). */
    public static String clientAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        return source == null || source.getAddress() == null ? null : source.getAddress().getHostAddress();
    }

    /** Writes the error form. */
    public static void sendError(HttpServerExchange exchange, int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        send(exchange, status, body);
    }
}
