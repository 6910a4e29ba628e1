package dev.meshcall.server.http;

import dev.meshcall.protocol.ProtocolException;
import java.time.Duration;

/**
 * A REST request that is refused: the HTTP status, the error code of the JSON body
 * ({@code {"error":code,"message":...}}) and a message that names the cause.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    private ApiException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds the client should wait before trying again ({@code Retry-After}), or 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    /**
     * A protocol refusal with the status of its code: {@code bad_request} and {@code too_large} (a field over its
     * limit; a body over 16 KiB is refused before it is read) 400, {@code unauthorized} 401, {@code forbidden} 403,
     * {@code not_found} 404, {@code rate_limited} 429 after a second, {@code unavailable} 503.
     */
    public static ApiException of(ProtocolException e) {
        return switch (e.code()) {
            case BAD_REQUEST, TOO_LARGE -> badRequest(e.getMessage());
            case UNAUTHORIZED -> unauthorized(e.getMessage());
            case FORBIDDEN -> new ApiException(403, "forbidden", e.getMessage());
            case NOT_FOUND -> new ApiException(404, "not_found", e.getMessage());
            case RATE_LIMITED -> rateLimited(e.getMessage(), Duration.ofSeconds(1));
            case UNAVAILABLE -> new ApiException(503, "unavailable", e.getMessage());
        };
    }

    /** 429 {@code rate_limited}, to be tried again after {@code retryAfter} (at least a second). */
    public static ApiException rateLimited(String message, Duration retryAfter) {
        return new ApiException(429, "rate_limited", message, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
