package dev.meshcall.server.relay.xmpp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' display names in XMPP mode, kept where every node and every XMPP client can read them: the user's vCard
 * (<a href="https://xmpp.org/extensions/xep-0054.html">XEP-0054</a>, {@code FN}, written at sign-up; Prosody's
 * {@code mod_vcard}). A node caches what it has read; a user without one is shown as {@code User N}.
 */
final class DisplayNames {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayNames.class);
    private static final String NO_NAME = "";

    private final XmppAddresses addresses;
    /** user → name, or {@link #NO_NAME} when the vCard has none. */
    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    DisplayNames(XmppAddresses addresses) {
        this.addresses = addresses;
    }

    /** The cached name, or {@code User N} when none is known (yet). */
    String nameOf(int userId) {
        String name = names.get(userId);
        return name == null || name.isEmpty() ? "User " + userId : name;
    }

    /** Whether the name was looked up already (found or not). */
    boolean isKnown(int userId) {
        return names.containsKey(userId);
    }

    /** Remembers a name without writing it (what this node was told). */
    void remember(int userId, String name) {
        names.put(userId, name);
    }

    /** Writes the user's name into their vCard over {@code own}, the user's own logged-in connection; blocking. */
    void save(XMPPConnection own, int userId, String name) {
        names.put(userId, name);
        try {
            VCard card = new VCard();
            card.setField("FN", name);
            card.setNickName(name);
            VCardManager.getInstanceFor(own).saveVCard(card);
        } catch (XMPPException | SmackException e) {
            LOG.warn("user {}: could not store the display name in the vCard: {}; other nodes show User {}",
                    userId, e.toString(), userId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the user's vCard over any logged-in {@code connection} and caches the name; blocking. */
    void load(XMPPConnection connection, int userId) {
        try {
            VCard card = VCardManager.getInstanceFor(connection).loadVCard(addresses.bareJid(userId));
            String name = card.getField("FN");
            if (name == null || name.isBlank()) {
                name = card.getNickName();
            }
            names.put(userId, name == null || name.isBlank() ? NO_NAME : name.strip());
        } catch (XMPPException.XMPPErrorException e) {
            names.put(userId, NO_NAME);  // no vCard (item-not-found): a user of another client, or an old account
        } catch (SmackException e) {
            LOG.debug("user {}: vCard not read now: {}", userId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
