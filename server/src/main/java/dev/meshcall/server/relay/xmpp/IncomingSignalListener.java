package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.Signal;

/**
 * Told of every signal that arrives from the XMPP service for a user on this node, before the user's pages get it,
 * so that this node learns call sessions started on other nodes (their members may then answer from here).
 */
@FunctionalInterface
public interface IncomingSignalListener {

    void incoming(int from, int to, Signal signal);
}
