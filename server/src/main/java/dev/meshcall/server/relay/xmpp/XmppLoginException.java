package dev.meshcall.server.relay.xmpp;

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
}
