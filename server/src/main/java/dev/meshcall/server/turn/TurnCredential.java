package dev.meshcall.server.turn;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-limited TURN credential of the TURN REST scheme
 * (<a href="https://datatracker.ietf.org/doc/html/draft-uberti-behave-turn-rest-00">draft-uberti-behave-turn-rest</a>,
 * coturn's {@code use-auth-secret}): a {@code username} of the form {@code expiry:userId} and its password, the
 * {@code credential}. Whoever holds it may allocate relays on the TURN server until {@code expires}.
 *
 * @param username   {@code expiry:userId}, the expiry in Unix seconds
 * @param credential {@code base64(HMAC-SHA1(secret, username))}; never printed
 * @param expires    when the TURN server stops accepting it
 */
public record TurnCredential(String username, String credential, Instant expires) {
    public TurnCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(expires, "expires");
    }

    @Override
    public String toString() {
        return "TurnCredential[username=" + username + ", expires=" + expires + "]";
    }
}
