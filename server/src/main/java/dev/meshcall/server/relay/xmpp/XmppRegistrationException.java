package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.auth.AccountException;

/**
 * In-band registration (XEP-0077) failed; carries the account reason the REST API answers with (the HTTP status is
 * the REST API's business, not the relay's).
 */
public final class XmppRegistrationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final AccountException.Reason reason;

    public XmppRegistrationException(AccountException.Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public AccountException.Reason reason() {
        return reason;
    }
}
