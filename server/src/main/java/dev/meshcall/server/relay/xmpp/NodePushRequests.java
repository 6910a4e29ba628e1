package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Limits;
import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.logging.RateLimitedLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push requests between the MeshCall nodes (docs/xmpp.md, "Web Push"): each node keeps the subscriptions posted
 * through it, so a node that finds a {@code call}'s recipient offline asks the others, through the node directory
 * room ({@link NodeDirectory}), to push to theirs. The request is a group chat message to the room, which the room
 * relays to every occupant:
 *
 * <pre>{@code <message type="groupchat" to="meshcall-APP@MUC-SERVICE">
 *   <push xmlns="urn:xmpp:meshcall:push:0">SEALED</push>
 * </message>}</pre>
 *
 * where {@code SEALED} is {@code "call CALLER RECIPIENT SESSION CALLTYPE SENT"} or
 * {@code "cancel CALLER RECIPIENT SESSION SENT"} ({@code SENT}: epoch milliseconds) sealed with the key every node
 * derives from the shared {@code MESHCALL_XMPP_TOKEN_SECRET} ({@link TokenSeal#shared(String, String)}, purpose
 * {@value #PURPOSE}). The seal is what makes a request a node's: any account of the domain may join the room, so
 * being an occupant proves nothing, and a plain request would let any user ring anyone's phone with any caller's
 * name, and read who calls whom from the room. Without the secret a node neither asks nor answers (it pushes only
 * what it keeps). A request is taken only as a group chat message from another occupant of the room, unsealed,
 * well-formed and sent within {@link #MAX_AGE} either way (a replay later is refused, and one within it too: a
 * request seen once is remembered that long). Anything else is dropped with a rate-limited warning and counted
 * ({@code meshcall_xmpp_dropped_total{reason="push_request"}}); nothing here throws into Smack's threads.
 */
final class NodePushRequests {
    static final String ELEMENT = "push";
    static final String NAMESPACE = "urn:xmpp:meshcall:push:0";
    static final String PURPOSE = "push request";
    /** How old (or, with the clocks of two nodes apart, how far ahead) a request may be: about one ringing. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(NodePushRequests.class);
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private static final String USER = "([1-9][0-9]{0,9})";
    private static final String SESSION = "([A-Za-z0-9-]{1," + Limits.MAX_SESSION_ID_CHARS + "})";
    private static final String SENT = "(0|[1-9][0-9]{0,15})";
    private static final Pattern CALL = Pattern.compile("call " + USER + " " + USER + " " + SESSION + " ([12]) "
            + SENT);
    private static final Pattern CANCEL = Pattern.compile("cancel " + USER + " " + USER + " " + SESSION + " " + SENT);

    /** One request, unsealed. */
    record Request(boolean ring, int callerId, int recipientId, String sessionId, CallType callType, long sent) {
        String text() {
            return ring ? "call " + callerId + " " + recipientId + " " + sessionId + " " + callType.wireValue() + " "
                    + sent : "cancel " + callerId + " " + recipientId + " " + sessionId + " " + sent;
        }
    }

    /** How many requests are remembered against replays. */
    private static final int REMEMBERED = 10_000;

    private final TokenSeal seal;
    private final Clock clock;
    /** The sealed text of each request taken within {@link #MAX_AGE}, with when it was sent; oldest first. */
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final XmppStats stats;
    private volatile PushRequestListener listener = PushRequestListener.NONE;

    /** @param seal the nodes' shared seal, or {@code null}: no requests are sent or taken */
    NodePushRequests(TokenSeal seal, Clock clock, XmppStats stats) {
        this.seal = seal;
        this.clock = clock;
        this.stats = stats;
    }

    boolean enabled() {
        return seal != null;
    }

    void onRequest(PushRequestListener value) {
        listener = value == null ? PushRequestListener.NONE : value;
    }

    /** The element asking the other nodes to ring {@code recipientId}, or empty when requests are off. */
    Optional<ExtensionElement> ring(int callerId, int recipientId, String sessionId, CallType callType) {
        return element(new Request(true, callerId, recipientId, sessionId,
                callType == null ? CallType.VIDEO : callType, clock.millis()));
    }

    /** The element asking the other nodes to take the notification of {@code sessionId} away, or empty. */
    Optional<ExtensionElement> cancel(int callerId, int recipientId, String sessionId) {
        return element(new Request(false, callerId, recipientId, sessionId, null, clock.millis()));
    }

    private Optional<ExtensionElement> element(Request request) {
        if (seal == null) {
            return Optional.empty();
        }
        String sealed = seal.seal(request.text().getBytes(StandardCharsets.US_ASCII));
        firstTime(sealed, request.sent(), request.sent());  // the room sends it back to each occupant: replays too
        return Optional.of(StandardExtensionElement.builder(ELEMENT, NAMESPACE).setText(sealed).build());
    }

    /** Whether {@code message} carries a push request (then it is no signal, whether or not it was taken). */
    static boolean isRequest(Message message) {
        return message.getExtensionElement(ELEMENT, NAMESPACE) != null;
    }

    /**
     * Takes the push request in {@code message}, received on the room's carrier: tells the listener when it is a
     * group chat message of another node ({@code fromOtherNode}) that opens under the seal and reads well, else drops
     * it with a warning.
     */
    void take(Message message, boolean fromOtherNode) {
        try {
            String problem = problemWith(message, fromOtherNode);
            if (problem != null) {
                drop(problem, message);
                return;
            }
            ExtensionElement element = message.getExtensionElement(ELEMENT, NAMESPACE);
            String text = element instanceof StandardExtensionElement ? ((StandardExtensionElement) element).getText()
                    : null;
            Optional<byte[]> plain = seal.open(text);
            if (plain.isEmpty()) {
                drop("not sealed with the nodes' key", message);
                return;
            }
            long now = clock.millis();
            Optional<Request> request = parse(new String(plain.get(), StandardCharsets.US_ASCII), now);
            if (request.isEmpty()) {
                drop("malformed or too old", message);
                return;
            }
            if (!firstTime(text, request.get().sent(), now)) {
                drop("a replay", message);
                return;
            }
            tell(request.get());
        } catch (RuntimeException e) {
            LOG.error("a push request from {} failed", message.getFrom(), e);
        }
    }

    private String problemWith(Message message, boolean fromOtherNode) {
        if (message.getType() == Message.Type.error) {
            return "an error";
        }
        if (message.getType() != Message.Type.groupchat || !fromOtherNode) {
            return "not from another node in the directory room";
        }
        if (DelayInformation.from(message) != null) {
            return "delayed (room history)";
        }
        if (seal == null) {
            return "this node has no MESHCALL_XMPP_TOKEN_SECRET to open it";
        }
        return null;
    }

    /** Remembers {@code sealed}; whether it is new. Nodes never send the same text twice (a fresh nonce each). */
    private synchronized boolean firstTime(String sealed, long sent, long now) {
        for (Iterator<Long> times = seen.values().iterator(); times.hasNext();) {
            long time = times.next();
            if (seen.size() <= REMEMBERED && Math.abs(now - time) <= MAX_AGE.toMillis()) {
                break;
            }
            times.remove();
        }
        return seen.putIfAbsent(sealed, sent) == null;
    }

    private void tell(Request request) {
        if (request.ring()) {
            listener.ring(request.callerId(), request.recipientId(), request.sessionId(), request.callType());
        } else {
            listener.cancel(request.callerId(), request.recipientId(), request.sessionId());
        }
    }

    private void drop(String why, Message message) {
        stats.dropped("push_request");
        WARNINGS.warn("push_request:" + why, "dropped a push request from {}: {}", message.getFrom(), why);
    }

    /**
     * The request in {@code text}, or empty when it is malformed (user ids, session id shape as a signal's, call
     * type 1 or 2), names one user as both ends, or was sent more than {@link #MAX_AGE} from {@code now}.
     */
    static Optional<Request> parse(String text, long now) {
        Matcher call = CALL.matcher(text);
        Matcher cancel = CANCEL.matcher(text);
        boolean ring = call.matches();
        if (!ring && !cancel.matches()) {
            return Optional.empty();
        }
        Matcher fields = ring ? call : cancel;
        long caller = Long.parseLong(fields.group(1));
        long recipient = Long.parseLong(fields.group(2));
        long sent = Long.parseLong(fields.group(ring ? 5 : 4));
        if (caller > Integer.MAX_VALUE || recipient > Integer.MAX_VALUE || caller == recipient
                || Math.abs(now - sent) > MAX_AGE.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(new Request(ring, (int) caller, (int) recipient, fields.group(3),
                ring ? CallType.fromWire(Long.parseLong(fields.group(4))) : null, sent));
    }
}
