package dev.meshcall.server.relay.xmpp;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;

/** Arbitrary XML inside a stanza, for sending what a well-behaved client never would. */
final class RawXml implements ExtensionElement {
    private final String xml;

    RawXml(String xml) {
        this.xml = xml;
    }

    @Override
    public String getElementName() {
        return "extraParams";
    }

    @Override
    public String getNamespace() {
        return "jabber:client";
    }

    @Override
    public CharSequence toXML(XmlEnvironment enclosingNamespace) {
        return xml;
    }
}
