package dev.meshcall.server.relay.xmpp;

import java.time.Instant;

/** Told of a user's token revoked on another node, as the user's own connection there said. */
@FunctionalInterface
public interface RevokedElsewhereListener {

    void revoked(int userId, String tokenId, Instant expires);
}
