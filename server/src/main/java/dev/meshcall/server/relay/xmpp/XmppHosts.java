package dev.meshcall.server.relay.xmpp;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which this node tries the XMPP service's hosts (docs/xmpp.md, "When a cluster member dies"): the one
 * that last took a connection first, then the others as configured. So after a member dies, the first session that
 * finds another one moves the node there, and every session that reconnects after it goes straight to that host;
 * the node does not go back to the first one while this one works. Shared by all of the node's connections.
 */
final class XmppHosts {
    private final List<XmppHost> configured;
    private volatile XmppHost current;

    XmppHosts(List<XmppHost> configured) {
        if (configured.isEmpty()) {
            throw new IllegalArgumentException("no XMPP host");
        }
        this.configured = List.copyOf(configured);
        this.current = configured.get(0);
    }

    /** Every host, the one that last worked first. */
    List<XmppHost> inOrder() {
        XmppHost first = current;
        List<XmppHost> order = new ArrayList<>(configured.size());
        order.add(first);
        for (XmppHost host : configured) {
            if (!host.equals(first)) {
                order.add(host);
            }
        }
        return order;
    }

    /** {@code host} took a connection: try it first from now on. */
    void worked(XmppHost host) {
        current = host;
    }

    /** The host tried first now. */
    XmppHost current() {
        return current;
    }
}
