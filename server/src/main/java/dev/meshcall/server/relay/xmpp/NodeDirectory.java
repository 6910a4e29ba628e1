package dev.meshcall.server.relay.xmpp;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCInitialPresence;
import org.jivesoftware.smackx.muc.packet.MUCOwner;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online on the other MeshCall nodes. Every node is one occupant of a multi-user chat room per application
 * (<a href="https://xmpp.org/extensions/xep-0045.html">XEP-0045</a>: {@code meshcall-APP@MUC-SERVICE}, the service
 * found by service discovery), nicknamed by its node id, and its occupant presence carries the ids of the users with
 * a page open on it: {@code <online xmlns="urn:xmpp:meshcall:directory:0">56 76</online>}. The service sends each
 * change to every node, and a node that goes away or loses its stream leaves the room, taking its users with it:
 * one presence per node per change, instead of every user's presence to every other user.
 *
 * <p>The node is in the room over one of its users' connections (the carrier), joined again by the watchdog after
 * that stream ends or over another connection when the carrier's session closes. Without a MUC service the
 * directory stays empty, and users on other nodes show as online only once they have exchanged a signal.
 *
 * <p>A joined node checks now and then that the room still has it ({@link #stillJoined}, a self-ping, <a
 * href="https://xmpp.org/extensions/xep-0410.html">XEP-0410</a>): in an ejabberd cluster a room lives on one member,
 * and when that member dies the room goes with it without a word to the occupants on the other members; the next
 * join makes the room anew (docs/xmpp.md, "When a cluster member dies").
 */
final class NodeDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
    static final String ELEMENT = "online";
    static final String NAMESPACE = "urn:xmpp:meshcall:directory:0";
    /** MUC status code of the occupant's own presence, and of a room that was just created. */
    private static final MUCUser.Status SELF = MUCUser.Status.PRESENCE_TO_SELF_110;
    private static final MUCUser.Status CREATED = MUCUser.Status.ROOM_CREATED_201;
    private static final long JOIN_RETRY_NANOS = 2_000_000_000L;

    private final String appId;
    private final String nick;
    /** Told of the users whose online state may have changed (not under this directory's lock). */
    private final Consumer<Set<Integer>> changed;
    /** node nick → its online users, as the room last said. */
    private final Map<String, Set<Integer>> byNode = new ConcurrentHashMap<>();
    /** The nicks of the other occupants, as the room last said (also those with nobody online). */
    private final Set<String> occupants = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private EntityBareJid room;
    private XMPPConnection carrier;
    /** The carrier's stream the join was sent on, and whether the room confirmed it. */
    private String joinedStream;
    private boolean joined;
    private long joinSentNanos;
    private Set<Integer> published = Set.of();
    private boolean noService;
    private long lastCheckNanos = System.nanoTime();

    NodeDirectory(String appId, String nodeId, Consumer<Set<Integer>> changed) {
        this.appId = appId.toLowerCase();
        this.nick = nodeId;
        this.changed = changed;
    }

    /** Whether another node says the user has a page open there. */
    boolean isOnline(int userId) {
        for (Set<Integer> users : byNode.values()) {
            if (users.contains(userId)) {
                return true;
            }
        }
        return false;
    }

    /** Every user another node says is online. */
    Set<Integer> users() {
        Set<Integer> all = new HashSet<>();
        byNode.values().forEach(all::addAll);
        return all;
    }

    /** Whether the room confirmed this node's presence on the carrier's current stream. */
    boolean isJoined() {
        synchronized (lock) {
            return joined && carrier != null && carrier.isAuthenticated()
                    && String.valueOf(carrier.getStreamId()).equals(joinedStream);
        }
    }

    /**
     * Joins the room over {@code connection} (a logged-in connection of one of the node's users) unless the node is
     * in it already or a join is under way; {@code online} is what to publish. The first call finds the MUC service
     * (blocking, so the watchdog calls this, not an I/O thread).
     */
    void ensureJoined(XMPPConnection connection, Set<Integer> online) {
        Set<Integer> forgotten = Set.of();
        synchronized (lock) {
            if (noService || isJoined() || !connection.isAuthenticated()) {
                return;
            }
            boolean sameStream = carrier == connection && String.valueOf(connection.getStreamId())
                    .equals(joinedStream);
            if (sameStream && joinSentNanos != 0 && System.nanoTime() - joinSentNanos < JOIN_RETRY_NANOS) {
                return;  // the join is on its way
            }
            if (room == null && !findRoom(connection)) {
                return;
            }
            if (!sameStream) {
                forgotten = forgetOthers();
            }
            carrier = connection;
            joinedStream = String.valueOf(connection.getStreamId());
            joined = false;
            joinSentNanos = System.nanoTime();
            published = Set.copyOf(online);
            send(presence().addExtension(new MUCInitialPresence(null, -1, 0, -1, null)).build());
        }
        tell(forgotten);
    }

    /**
     * Whether the room still has this node, asked at most once per {@code interval} (a self-ping to the node's own
     * occupant JID, blocking up to {@code timeout}); when it does not, the node is out and forgets what the room
     * said, so that the next {@link #ensureJoined} joins again. {@code true} without asking between two checks.
     */
    boolean stillJoined(long intervalNanos, long timeoutMillis) {
        XMPPConnection connection;
        EntityFullJid self;
        synchronized (lock) {
            if (!isJoined() || System.nanoTime() - lastCheckNanos < intervalNanos) {
                return isJoined();
            }
            lastCheckNanos = System.nanoTime();
            connection = carrier;
            self = JidCreate.entityFullFromOrThrowUnchecked(room + "/" + nick);
        }
        boolean answered;
        try {
            answered = PingManager.getInstanceFor(connection).ping(self, timeoutMillis);
        } catch (SmackException.NoResponseException e) {
            // No answer in time says nothing of the room (a busy service answers late): only an error does
            // (XEP-0410). Taken as gone, a node under load left its own occupant behind and was refused as a
            // conflict on every join after it. Asked again next interval.
            return true;
        } catch (SmackException.NotConnectedException e) {
            return false;  // the stream is gone: connectionLost tells
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        if (answered) {
            return true;
        }
        Set<Integer> forgotten;
        synchronized (lock) {
            if (connection != carrier || !joined) {
                return false;
            }
            joined = false;
            joinSentNanos = 0;
            forgotten = forgetOthers();
        }
        LOG.warn("the node directory {} no longer has this node (its cluster member went away?); joining again",
                room);
        tell(forgotten);
        return false;
    }

    /** Publishes this node's online users when they changed. */
    void publish(Set<Integer> online) {
        synchronized (lock) {
            if (!isJoined() || published.equals(online)) {
                return;
            }
            published = Set.copyOf(online);
            send(presence().build());
        }
    }

    /** Whether {@code from} is the directory room (its presences go to {@link #occupantPresence}). */
    boolean isRoom(Jid from) {
        EntityBareJid current = room;
        return current != null && from != null && current.equals(from.asBareJid());
    }

    /** A presence from the room, received on {@code connection}. */
    void occupantPresence(XMPPConnection connection, Presence presence) {
        String occupant = presence.getFrom().getResourceOrEmpty().toString();
        Set<Integer> affected = new HashSet<>();
        synchronized (lock) {
            if (connection != carrier) {
                return;  // an old carrier's stream
            }
            MUCUser user = MUCUser.from(presence);
            if (occupant.equals(nick) || user != null && user.getStatus().contains(SELF)) {
                ownPresence(presence, user);
                return;
            }
            if (presence.getType() == Presence.Type.available) {
                occupants.add(occupant);
            } else {
                occupants.remove(occupant);
            }
            Set<Integer> now = presence.getType() == Presence.Type.available ? parse(presence) : Set.of();
            Set<Integer> before = now.isEmpty() ? byNode.remove(occupant) : byNode.put(occupant, now);
            affected.addAll(now);
            if (before != null) {
                affected.addAll(before);
            }
        }
        tell(affected);
    }

    /**
     * Whether {@code from} is another occupant of the directory room as this node saw it join: where requests of
     * other nodes come from ({@link NodePushRequests}; the room is open to any account of the domain, so this alone
     * proves nothing).
     */
    boolean isOtherOccupant(Jid from) {
        if (!isRoom(from)) {
            return false;
        }
        String occupant = from.getResourceOrEmpty().toString();
        return !occupant.isEmpty() && !occupant.equals(nick) && occupants.contains(occupant);
    }

    /** Whether {@code from} is this node's own occupant JID (the room sends each message back to its sender too). */
    boolean isSelf(Jid from) {
        return isRoom(from) && from.getResourceOrEmpty().toString().equals(nick);
    }

    /** Whether the service has no multi-user chat, so that there is no room to send to. */
    boolean hasNoService() {
        synchronized (lock) {
            return noService;
        }
    }

    /**
     * Sends {@code element} to every occupant of the room in a group chat message over the carrier.
     *
     * @return whether it went out: {@code false} while this node is not in the room
     */
    boolean sendToRoom(ExtensionElement element) {
        synchronized (lock) {
            if (!isJoined()) {
                return false;
            }
            try {
                carrier.sendStanza(StanzaBuilder.buildMessage().ofType(Message.Type.groupchat).to(room)
                        .addExtension(element).build());
                return true;
            } catch (SmackException.NotConnectedException e) {
                joined = false;
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The carrier's stream ended: what the room said is stale, and the node is out of the room. */
    void connectionLost(XMPPConnection connection) {
        Set<Integer> forgotten;
        synchronized (lock) {
            if (connection != carrier) {
                return;
            }
            joined = false;
            forgotten = forgetOthers();
        }
        tell(forgotten);
    }

    private void ownPresence(Presence presence, MUCUser user) {
        if (presence.getType() == Presence.Type.error) {
            LOG.warn("the node directory {} refused this node: {}", room, presence.getError());
            joined = false;
            return;
        }
        if (presence.getType() == Presence.Type.unavailable) {
            joined = false;
            return;
        }
        joined = true;
        if (user != null && user.getStatus().contains(CREATED)) {
            // A new room is locked until its owner accepts the default configuration (an "instant room").
            MUCOwner instant = new MUCOwner();
            instant.setTo(room);
            instant.setType(IQ.Type.set);
            instant.addExtension(DataForm.builder(DataForm.Type.submit).build());
            send(instant);
            LOG.info("created the node directory {}", room);
        }
    }

    private boolean findRoom(XMPPConnection connection) {
        try {
            List<DomainBareJid> services = MultiUserChatManager.getInstanceFor(connection).getMucServiceDomains();
            if (services.isEmpty()) {
                noService = true;
                LOG.warn("the XMPP service offers no multi-user chat (XEP-0045): users on other nodes show as online"
                        + " only once they signal (docs/xmpp.md)");
                return false;
            }
            room = JidCreate.entityBareFrom("meshcall-" + appId + "@" + services.get(0));
            return true;
        } catch (XMPPException | SmackException | XmppStringprepException e) {
            LOG.warn("cannot find the multi-user chat service yet: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private PresenceBuilder presence() {
        return StanzaBuilder.buildPresence()
                .to(JidCreate.entityFullFromOrThrowUnchecked(room + "/" + nick))
                .addExtension(payload());
    }

    private void send(Stanza stanza) {
        try {
            carrier.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            joined = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<Integer> forgetOthers() {
        Set<Integer> users = users();
        byNode.clear();
        occupants.clear();
        return users;
    }

    private void tell(Set<Integer> users) {
        if (!users.isEmpty()) {
            changed.accept(users);
        }
    }

    private StandardExtensionElement payload() {
        StringBuilder ids = new StringBuilder();
        for (int user : new TreeSet<>(published)) {
            if (ids.length() > 0) {
                ids.append(' ');
            }
            ids.append(user);
        }
        return StandardExtensionElement.builder(ELEMENT, NAMESPACE).setText(ids.toString()).build();
    }

    /** The user ids in an occupant's payload; anything that is not a user id is ignored, with a log line. */
    private static Set<Integer> parse(Presence presence) {
        ExtensionElement element = presence.getExtensionElement(ELEMENT, NAMESPACE);
        Set<Integer> users = new HashSet<>();
        if (!(element instanceof StandardExtensionElement)) {
            return users;
        }
        String text = ((StandardExtensionElement) element).getText();
        if (text == null || text.isBlank()) {
            return users;
        }
        for (String id : text.trim().split("\\s+")) {
            if (id.matches("[1-9][0-9]{0,9}") && Long.parseLong(id) <= Integer.MAX_VALUE) {
                users.add(Integer.parseInt(id));
            } else {
                LOG.warn("ignoring '{}' in the directory presence of {}: not a user id",
                        id.length() > 20 ? id.substring(0, 20) + "..." : id, presence.getFrom());
            }
        }
        return users;
    }
}
