package dev.meshcall.server.relay.xmpp;

import org.jivesoftware.smack.sasl.SASLErrorException;

/** Logging a user in to the XMPP service failed; {@link #reason()} says whether it was the password or the service. */
public final class XmppLoginException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the login failed. */
    public enum Reason {
        /** The service refused the user id and password (SASL not-authorized). */
        WRONG_PASSWORD,
        /** The service could not be reached or did not answer in time. */
        UNAVAILABLE
    }

    private final Reason reason;

    public XmppLoginException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * What a failed connect or login to the service at {@code settings} means: SASL's refusal is the password, any
     * other failure the service; an interruption is kept as the thread's interrupt status.
     */
    static XmppLoginException from(Exception failure, XmppSettings settings) {
        if (failure instanceof SASLErrorException) {
            return new XmppLoginException(Reason.WRONG_PASSWORD, "wrong user id or password", failure);
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new XmppLoginException(Reason.UNAVAILABLE, "interrupted while logging in", failure);
        }
        return new XmppLoginException(Reason.UNAVAILABLE, "the XMPP service at " + settings.hostsText()
                + " cannot be reached: " + failure.getMessage(), failure);
    }
}
