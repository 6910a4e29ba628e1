package dev.meshcall.server.push;

/**
 * What a push service made of one push (RFC 8030 section 5): accepted, the subscription gone, or failed for a
 * reason, which is the tag of {@code meshcall.push.failed}.
 */
enum PushOutcome {
    /** 200, 201 or 202: accepted for delivery. */
    SENT(null),
    /** 404 or 410: the subscription expired or was removed; delete it. */
    GONE(null),
    /** 429. */
    RATE_LIMITED("rate_limited"),
    /** 400, 413 and other refusals (a bad VAPID token, too large). */
    REJECTED("rejected"),
    /** 5xx. */
    SERVER_ERROR("server_error"),
    /** No answer within {@code --push-timeout}. */
    TIMEOUT("timeout"),
    /** No connection, or it broke. */
    NETWORK("network"),
    /** An answer no push service should give (1xx, 3xx: redirects are not followed). */
    UNEXPECTED("unexpected");

    private final String reason;

    PushOutcome(String reason) {
        this.reason = reason;
    }

    /** The {@code reason} tag of a failure, {@code null} for {@link #SENT} and {@link #GONE}. */
    String reason() {
        return reason;
    }

    /** The outcome of an HTTP status. */
    static PushOutcome ofStatus(int status) {
        if (status == 200 || status == 201 || status == 202) {
            return SENT;
        }
        if (status == 404 || status == 410) {
            return GONE;
        }
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return status >= 500 ? SERVER_ERROR : UNEXPECTED;
    }
}
