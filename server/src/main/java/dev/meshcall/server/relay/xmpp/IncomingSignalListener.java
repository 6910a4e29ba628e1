package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalRules;
import dev.meshcall.server.relay.SessionRegistry;

/**
 * Told of every signal that arrives from the XMPP service for a user on this node, before the user's pages get it,
 * so that this node learns call sessions started on other nodes (their members may then answer from here). A
 * listener that throws {@link ProtocolException} has the signal dropped. Not told of the user's own
 * {@code accept}/{@code reject} copied from another device: that is no signal between two users.
 */
@FunctionalInterface
public interface IncomingSignalListener {

    void incoming(int from, int to, Signal signal);

    /**
     * Checks an incoming signal as a browser's own is checked ({@code SignalRouter}): the signal rules, then the
     * session's membership, which this learns from: the signal has arrived for a user of this node, so a session it
     * starts is delivered.
     */
    static IncomingSignalListener checking(SessionRegistry sessions) {
        return (from, to, signal) -> {
            SignalRules.checkSend(signal, from, to);
            sessions.admit(from, to, signal).settle(true);
        };
    }
}
