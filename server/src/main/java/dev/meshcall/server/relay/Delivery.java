package dev.meshcall.server.relay;

/** What became of a signal handed to a {@link Relay}. */
public enum Delivery {
    /** At least one connection of the recipient got it. */
    DELIVERED,
    /** The recipient has no open connection; nothing was stored, and the sender should be told. */
    OFFLINE
}
