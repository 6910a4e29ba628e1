package dev.meshcall.server.mode;

import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.push.PushSubscriptions;
import java.util.function.IntPredicate;

/**
 * What an opened {@link RelayMode} gives its node: the accounts behind the REST API, the check of a WebSocket's
 * token, whether a user exists, which the signal router asks on I/O threads, so it must answer from memory, and
 * where the users' Web Push subscriptions are kept.
 *
 * @param pushSubscriptions the subscriptions, or {@code null} when this mode keeps none (XMPP mode, for now: every
 *     node would need to read them), so that the node sends no push and its push endpoints answer 503
 */
public record ModeServices(Accounts accounts, SocketAuthenticator authenticator, IntPredicate userExists,
        PushSubscriptions pushSubscriptions) {
}
