package dev.meshcall.server.mode;

import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.io.IOException;

/**
 * How a node relays signals and where its accounts live: the embedded default ({@link EmbeddedMode}: the
 * in-process relay and the account database in the data directory) or an XMPP service ({@link XmppMode},
 * {@code docs/xmpp.md}). Everything that differs between the two is here, so that {@code MeshCallServer} composes
 * the same parts in both modes and never asks which one it has.
 *
 * <p>A mode lives as long as its node: {@link #relay()} and {@link #tokenSeal()} exist from construction (the node
 * meters the relay before it starts); {@link #open} opens what the mode keeps and binds it to the node's shared
 * parts when the node starts; {@link #close()} closes both.
 */
public interface RelayMode extends AutoCloseable {

    /** The XMPP mode when {@code xmpp} is given, else the embedded default. */
    static RelayMode of(XmppSettings xmpp) {
        return xmpp == null ? new EmbeddedMode() : new XmppMode(xmpp);
    }

    /** The relay the node's sockets register with and send through. */
    Relay relay();

    /**
     * The key login tokens are sealed with: a random one when only this node must read them, the nodes' shared one
     * when any node must.
     */
    TokenSeal tokenSeal();

    /**
     * Opens what this mode keeps (the embedded database) and wires it to the node's parts (revocations, incoming
     * signals, meters). Called once, when the node starts.
     *
     * @throws IOException when the mode's storage cannot be opened, naming the path
     */
    ModeServices open(ModeContext node) throws IOException;

    /**
     * Why this node cannot relay signals now, or {@code null} when it can ({@code /health/ready}). May block briefly
     * (a TCP connect): call it from a worker thread.
     */
    String notReadyReason();

    /** Closes the relay and what {@link #open} opened. Safe to call twice, and without {@link #open}. */
    @Override
    void close();
}
