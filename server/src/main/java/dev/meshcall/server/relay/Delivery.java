package dev.meshcall.server.relay;

/** What became of a signal handed to a {@link Relay}. */
public enum Delivery {
    /** At least one connection of the recipient got it; from a relay that cannot tell, it went to one seen online. */
    DELIVERED,
    /**
     * Sent on, to a recipient the relay sees no connection of. Only a relay that cannot tell whether anyone got a
     * signal answers this: over XMPP the service drops a headline to an offline user without a word, yet the
     * recipient may be on a node or client whose presence this node has not seen, so the signal may still arrive
     * and the sender is told nothing more; but a {@code call} (or its {@code hangUp}) is also handed to whatever
     * rings people with no page open (Web Push). The relay says so with the send, so that nobody asks it a second
     * time per signal. The embedded relay never answers this: it knows every connection, and answers
     * {@link #OFFLINE} instead.
     */
    SENT_TO_NOBODY_SEEN,
    /** The recipient has no open connection; nothing was stored, and the sender should be told. */
    OFFLINE
}
