package dev.meshcall.server.mode;

import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.SocketAuthenticator;
import java.util.function.IntPredicate;

/**
 * What an opened {@link RelayMode} gives its node: the accounts behind the REST API, the check of a WebSocket's
 * token, and whether a user exists, which the signal router asks on I/O threads, so it must answer from memory.
 */
public record ModeServices(Accounts accounts, SocketAuthenticator authenticator, IntPredicate userExists) {
}
