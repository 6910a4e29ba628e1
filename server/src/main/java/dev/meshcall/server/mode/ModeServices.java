package dev.meshcall.server.mode;

import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.push.PushPeers;
import dev.meshcall.server.push.PushSubscriptions;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * What an opened {@link RelayMode} gives its node: the accounts behind the REST API, the check of a WebSocket's
 * token, whether a user exists, which the signal router asks on I/O threads, so it must answer from memory, and
 * where the users' Web Push subscriptions are kept.
 *
 * @param pushSubscriptions the subscriptions this node keeps: all of them in embedded mode, those posted through this
 *     node in XMPP mode
 * @param pushPeers the other nodes that keep subscriptions, asked to push too ({@link PushPeers#NONE}: embedded mode,
 *     or XMPP mode without the nodes' shared secret)
 */
public record ModeServices(Accounts accounts, SocketAuthenticator authenticator, IntPredicate userExists,
        PushSubscriptions pushSubscriptions, PushPeers pushPeers) {
    public ModeServices {
        Objects.requireNonNull(pushSubscriptions, "pushSubscriptions");
        Objects.requireNonNull(pushPeers, "pushPeers");
    }
}
