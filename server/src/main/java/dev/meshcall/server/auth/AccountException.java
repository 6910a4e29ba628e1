package dev.meshcall.server.auth;

import java.time.Duration;

/**
 * An account operation that cannot be done, with the reason the HTTP layer maps to a status and error code, and a
 * message that names the cause (the field, or the login that is taken).
 */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** A field is missing or out of shape; {@link #field()} names it. */
        INVALID,
        /** The login is taken. */
        CONFLICT,
        /** The accounts' keeper does not allow this (an XMPP service without in-band registration). */
        FORBIDDEN,
        /** Wrong login or password, or no valid token. */
        UNAUTHORIZED,
        /** Too many failed logins for the account or from the address; {@link #retryAfter()} says how long. */
        RATE_LIMITED,
        /** The accounts' keeper (the XMPP service) cannot be reached now; the same request may work later. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String field;
    private final Duration retryAfter;

    public AccountException(Reason reason, String field, String message) {
        this(reason, field, message, Duration.ZERO);
    }

    public AccountException(Reason reason, String field, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** {@link Reason#INVALID}: {@code field} of the request is missing or out of shape, as {@code message} says. */
    public static AccountException invalid(String field, String message) {
        return new AccountException(Reason.INVALID, field, message);
    }

    /** For {@link Reason#RATE_LIMITED}: how long to wait; otherwise zero. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** The offending request field, or {@code null}. */
    public String field() {
        return field;
    }
}
