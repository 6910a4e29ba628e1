package dev.meshcall.server.relay.xmpp;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;

/**
 * The mark on a directed available presence that asks its receiver to answer with its own, even when the receiver
 * thinks the sender never left: {@code <probe xmlns="urn:xmpp:meshcall:presence:0"/>}. A session puts it on the
 * presence it sends after each login and when its user becomes available; answers never carry it, so two nodes
 * never answer each other in a loop. It matters when the sender's stream ended without an unavailable presence
 * reaching anyone — an ejabberd cluster member that dies takes its users' sessions with it silently (docs/xmpp.md,
 * "When a cluster member dies") — because signals to a peer wait until the peer's presence is heard again. Other
 * XMPP clients ignore it.
 */
final class PresenceProbe {
    static final String ELEMENT = "probe";
    static final String NAMESPACE = "urn:xmpp:meshcall:presence:0";

    private PresenceProbe() {
    }

    static StandardExtensionElement element() {
        return StandardExtensionElement.builder(ELEMENT, NAMESPACE).build();
    }

    /** Whether {@code presence} asks for an answer. */
    static boolean isIn(Presence presence) {
        return presence.getExtensionElement(ELEMENT, NAMESPACE) != null;
    }
}
