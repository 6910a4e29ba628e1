package dev.meshcall.server.relay.xmpp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads {@code <extraParams xmlns="jabber:client">} into an {@link ExtraParams}, strictly: children in any order,
 * each at most once; scalar fields hold text only; {@code opponentsIDs} holds {@code <opponentID>}s,
 * {@code iceCandidates} holds {@code <iceCandidate>}s of scalar fields, {@code userInfo} is flat. Anything else
 * yields {@link ExtraParams#malformed(String)} naming the problem, and the parser is left at the element's end tag,
 * so the stanza is still read to its end and the connection is not disturbed. What the fields mean is checked later,
 * by {@link SignalMapper}.
 */
public final class ExtraParamsProvider extends ExtensionElementProvider<ExtraParams> {
    /** Most children of any element: generous for the protocol, small enough to bound the work. */
    static final int MAX_CHILDREN = 64;

    /** Registers this provider with Smack's {@link ProviderManager}; calling it again is harmless. */
    public static void register() {
        ProviderManager.addExtensionProvider(ExtraParams.ELEMENT, ExtraParams.NAMESPACE, new ExtraParamsProvider());
    }

    /** A reason why the element cannot be read. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public ExtraParams parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        String problem = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
            if (event == XmlPullParser.Event.END_DOCUMENT) {
                throw new XmlPullParserException("document ended inside <extraParams>");
            }
            if (problem != null) {
                continue;
            }
            try {
                if (event == XmlPullParser.Event.TEXT_CHARACTERS) {
                    requireBlank(parser, ExtraParams.ELEMENT);
                } else if (event == XmlPullParser.Event.START_ELEMENT) {
                    String name = parser.getName();
                    if (fields.containsKey(name)) {
                        throw new Malformed("<" + name + "> appears twice");
                    }
                    if (fields.size() >= MAX_CHILDREN) {
                        throw new Malformed("more than " + MAX_CHILDREN + " fields");
                    }
                    int depth = parser.getDepth();
                    fields.put(name, switch (name) {
                        case "opponentsIDs" -> textList(parser, depth, "opponentID");
                        case "userInfo" -> textMap(parser, depth, name);
                        case "iceCandidates" -> candidates(parser, depth);
                        default -> text(parser, depth, name);
                    });
                }
            } catch (Malformed e) {
                problem = e.getMessage();
            }
        }
        return problem != null ? ExtraParams.malformed(problem) : ExtraParams.of(fields);
    }

    /** The text of a leaf element; the parser is at its start tag and ends at its end tag. */
    private static String text(XmlPullParser parser, int depth, String name)
            throws XmlPullParserException, IOException, Malformed {
        StringBuilder text = new StringBuilder();
        while (true) {
            XmlPullParser.Event event = parser.next();
            switch (event) {
                case TEXT_CHARACTERS -> text.append(parser.getText());
                case START_ELEMENT -> throw new Malformed("<" + name + "> must hold text, not <" + parser.getName()
                        + ">");
                case END_ELEMENT -> {
                    if (parser.getDepth() == depth) {
                        return text.toString();
                    }
                }
                case END_DOCUMENT -> throw new XmlPullParserException("document ended inside <" + name + ">");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private static List<String> textList(XmlPullParser parser, int depth, String item)
            throws XmlPullParserException, IOException, Malformed {
        List<String> list = new ArrayList<>();
        forEachChild(parser, depth, "opponentsIDs", (name, childDepth) -> {
            if (!name.equals(item)) {
                throw new Malformed("<opponentsIDs> may hold only <" + item + ">, not <" + name + ">");
            }
            list.add(text(parser, childDepth, name));
        });
        return list;
    }

    private static Map<String, String> textMap(XmlPullParser parser, int depth, String container)
            throws XmlPullParserException, IOException, Malformed {
        Map<String, String> map = new LinkedHashMap<>();
        forEachChild(parser, depth, container, (name, childDepth) -> {
            if (map.containsKey(name)) {
                throw new Malformed("<" + name + "> appears twice in <" + container + ">");
            }
            String value = text(parser, childDepth, name);
            map.put(name, value);
        });
        return map;
    }

    private static List<Map<String, String>> candidates(XmlPullParser parser, int depth)
            throws XmlPullParserException, IOException, Malformed {
        List<Map<String, String>> list = new ArrayList<>();
        forEachChild(parser, depth, "iceCandidates", (name, childDepth) -> {
            if (!name.equals("iceCandidate")) {
                throw new Malformed("<iceCandidates> may hold only <iceCandidate>, not <" + name + ">");
            }
            list.add(textMap(parser, childDepth, "iceCandidate"));
        });
        return list;
    }

    @FunctionalInterface
    private interface ChildReader {
        void read(String name, int depth) throws XmlPullParserException, IOException, Malformed;
    }

    /** Calls {@code reader} at each child element's start tag; the reader must leave the parser at its end tag. */
    private static void forEachChild(XmlPullParser parser, int depth, String container, ChildReader reader)
            throws XmlPullParserException, IOException, Malformed {
        int count = 0;
        while (true) {
            XmlPullParser.Event event = parser.next();
            switch (event) {
                case TEXT_CHARACTERS -> requireBlank(parser, container);
                case START_ELEMENT -> {
                    if (++count > MAX_CHILDREN) {
                        throw new Malformed("<" + container + "> holds more than " + MAX_CHILDREN + " elements");
                    }
                    reader.read(parser.getName(), parser.getDepth());
                }
                case END_ELEMENT -> {
                    if (parser.getDepth() == depth) {
                        return;
                    }
                }
                case END_DOCUMENT -> throw new XmlPullParserException("document ended inside <" + container + ">");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private static void requireBlank(XmlPullParser parser, String container) throws Malformed {
        if (!parser.getText().isBlank()) {
            throw new Malformed("<" + container + "> must hold elements, not text");
        }
    }
}
