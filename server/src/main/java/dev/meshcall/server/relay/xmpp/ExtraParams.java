package dev.meshcall.server.relay.xmpp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The seed system's signal element, {@code <extraParams xmlns="jabber:client">} inside a
 * {@code <message type="headline">} (docs/xmpp.md, "How it works"). It holds the fields as they are on the
 * wire, text only: a field's value is a {@link String}, {@code opponentsIDs} a {@code List<String>},
 * {@code userInfo} a {@code Map<String, String>} and {@code iceCandidates} a {@code List<Map<String, String>>}.
 * {@link SignalMapper} turns it into a checked {@code Signal} and back. An element that
 * {@link ExtraParamsProvider} could not read is kept as {@link #malformed(String)}, so that one bad stanza is
 * dropped by the relay with a log line instead of breaking the XMPP connection.
 */
public final class ExtraParams implements ExtensionElement {
    public static final String ELEMENT = "extraParams";
    public static final String NAMESPACE = "jabber:client";
    public static final QName QNAME = new QName(NAMESPACE, ELEMENT);
    /** The {@code moduleIdentifier} of a call signal. */
    public static final String VIDEO_CHAT_MODULE = "WebRTCVideoChat";

    private final Map<String, Object> fields;
    private final String problem;

    private ExtraParams(Map<String, Object> fields, String problem) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.problem = problem;
    }

    /** An element with these fields, written in the map's order. */
    public static ExtraParams of(Map<String, Object> fields) {
        return new ExtraParams(fields, null);
    }

    /** An element that could not be read; {@code problem} says why. */
    public static ExtraParams malformed(String problem) {
        return new ExtraParams(Map.of(), problem);
    }

    /** The fields in wire order (empty when {@link #isMalformed()}). */
    public Map<String, Object> fields() {
        return fields;
    }

    public boolean isMalformed() {
        return problem != null;
    }

    /** Why the element could not be read, or {@code null}. */
    public String problem() {
        return problem;
    }

    /** The {@code moduleIdentifier} text, or {@code null}. */
    public String moduleIdentifier() {
        Object value = fields.get("moduleIdentifier");
        return value instanceof String ? (String) value : null;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        // Always write xmlns, as the seed's clients do, even where it equals the enclosing default namespace.
        XmlStringBuilder xml = new XmlStringBuilder();
        xml.halfOpenElement(ELEMENT).xmlnsAttribute(NAMESPACE).rightAngleBracket();
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            writeField(xml, field.getKey(), field.getValue());
        }
        xml.closeElement(ELEMENT);
        return xml;
    }

    @SuppressWarnings("unchecked")
    private static void writeField(XmlStringBuilder xml, String name, Object value) {
        if (value instanceof String) {
            xml.openElement(name).escape((String) value).closeElement(name);
        } else if (value instanceof List && name.equals("opponentsIDs")) {
            xml.openElement(name);
            for (Object id : (List<Object>) value) {
                xml.openElement("opponentID").escape(String.valueOf(id)).closeElement("opponentID");
            }
            xml.closeElement(name);
        } else if (value instanceof List) {
            xml.openElement(name);
            for (Object item : (List<Object>) value) {
                xml.openElement("iceCandidate");
                for (Map.Entry<String, Object> part : ((Map<String, Object>) item).entrySet()) {
                    writeField(xml, part.getKey(), part.getValue());
                }
                xml.closeElement("iceCandidate");
            }
            xml.closeElement(name);
        } else if (value instanceof Map) {
            xml.openElement(name);
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) value).entrySet()) {
                writeField(xml, entry.getKey(), entry.getValue());
            }
            xml.closeElement(name);
        } else {
            throw new IllegalArgumentException("field " + name + " holds a " + value.getClass().getSimpleName()
                    + "; extraParams holds only text, lists and maps");
        }
    }

    @Override
    public String toString() {
        return problem != null ? "ExtraParams[malformed: " + problem + "]"
                : "ExtraParams[" + fields.get("signalType") + " session=" + fields.get("sessionID") + "]";
    }
}
