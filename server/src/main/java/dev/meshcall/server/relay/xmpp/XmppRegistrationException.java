package dev.meshcall.server.relay.xmpp;

/** In-band registration (XEP-0077) failed; carries the REST status and error code to answer with. */
public final class XmppRegistrationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public XmppRegistrationException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
