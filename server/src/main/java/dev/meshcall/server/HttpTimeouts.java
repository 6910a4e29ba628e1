package dev.meshcall.server;

import java.time.Duration;

/**
 * How long one HTTP client may hold a connection without making progress ({@code docs/security.md}, "What is
 * limited"), so that slow clients cost a socket each and never a worker thread or another client's answer.
 *
 * @param requestHeader how long a request's line and headers may take to arrive (Undertow's
 *     {@code UndertowOptions.REQUEST_PARSE_TIMEOUT})
 * @param requestBody   how long a REST request body may take to arrive in full, from the end of its headers; a body
 *     trickling in byte by byte is cut off here, which a per-read inactivity timeout such as XNIO's
 *     {@code Options.READ_TIMEOUT} would not do (every byte restarts it)
 * @param idle          how long a kept-alive connection may wait for its next request (Undertow's
 *     {@code UndertowOptions.NO_REQUEST_TIMEOUT})
 */
public record HttpTimeouts(Duration requestHeader, Duration requestBody, Duration idle) {
    /** Default of {@code --request-header-timeout}, in seconds. */
    public static final int DEFAULT_REQUEST_HEADER_SECONDS = 10;
    /** Default of {@code --request-body-timeout}, in seconds. */
    public static final int DEFAULT_REQUEST_BODY_SECONDS = 10;
    /** Default of {@code --idle-timeout}, in seconds. */
    public static final int DEFAULT_IDLE_SECONDS = 60;

    public HttpTimeouts {
        positive(requestHeader, "requestHeader");
        positive(requestBody, "requestBody");
        positive(idle, "idle");
    }

    /** The production defaults. */
    public static HttpTimeouts defaults() {
        return new HttpTimeouts(Duration.ofSeconds(DEFAULT_REQUEST_HEADER_SECONDS),
                Duration.ofSeconds(DEFAULT_REQUEST_BODY_SECONDS), Duration.ofSeconds(DEFAULT_IDLE_SECONDS));
    }

    public HttpTimeouts withRequestHeader(Duration value) {
        return new HttpTimeouts(value, requestBody, idle);
    }

    public HttpTimeouts withRequestBody(Duration value) {
        return new HttpTimeouts(requestHeader, value, idle);
    }

    public HttpTimeouts withIdle(Duration value) {
        return new HttpTimeouts(requestHeader, requestBody, value);
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("HTTP timeout " + name + " must be a positive duration, not " + value);
        }
    }
}
