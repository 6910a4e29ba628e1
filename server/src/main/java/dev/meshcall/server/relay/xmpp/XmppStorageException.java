package dev.meshcall.server.relay.xmpp;

/** The XMPP service could not read or write what MeshCall keeps in a user's account (private XML storage). */
public final class XmppStorageException extends Exception {
    private static final long serialVersionUID = 1L;

    XmppStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
