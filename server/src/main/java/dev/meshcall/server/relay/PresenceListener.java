package dev.meshcall.server.relay;

/**
 * Told when a user comes online (their first connection registers) or goes offline (their last one leaves). Called
 * on the thread that registered or unregistered the connection; must not block.
 */
@FunctionalInterface
public interface PresenceListener {

    void presenceChanged(int userId, boolean online);
}
