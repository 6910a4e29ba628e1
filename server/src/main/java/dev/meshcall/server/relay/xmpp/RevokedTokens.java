package dev.meshcall.server.relay.xmpp;

import java.time.Instant;
import java.util.Optional;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.iqprivate.packet.PrivateData;

/**
 * The ids of a user's revoked login tokens, kept in the user's own XMPP account by private XML storage
 * (<a href="https://xmpp.org/extensions/xep-0049.html">XEP-0049</a>, Prosody's {@code mod_private}), so that every
 * node sharing the token secret learns of a sign-out on another node before it accepts the token:
 * {@code <revoked-tokens xmlns="urn:xmpp:meshcall:tokens:0"><t0123…>EXPIRY</t0123…>…</revoked-tokens>}, one child per
 * token (named {@code t} + its hex id) holding the epoch second it would expire; expired ones are pruned on write.
 * The node that revokes a token also tells the user's other connections at once, so that nodes close the sockets
 * they had already accepted with it: a headline to each of the user's own full JIDs carrying
 * {@code <revoked xmlns="urn:xmpp:meshcall:tokens:0" id="0123…" expires="EPOCH-SECOND"/>}.
 */
final class RevokedTokens {
    static final String ELEMENT = "revoked-tokens";
    static final String NAMESPACE = "urn:xmpp:meshcall:tokens:0";
    static final String NOTICE = "revoked";

    private RevokedTokens() {
    }

    /** A revocation told by another node: the token's id and when it would expire. */
    record Notice(String tokenId, Instant expires) {
    }

    /** The element telling the user's other connections that a token is revoked. */
    static StandardExtensionElement notice(String tokenId, Instant expires) {
        return StandardExtensionElement.builder(NOTICE, NAMESPACE).addAttribute("id", tokenId)
                .addAttribute("expires", Long.toString(expires.getEpochSecond())).build();
    }

    /** The revocation {@code message} carries, if it carries a well-formed one. */
    static Optional<Notice> noticeOf(Message message) {
        ExtensionElement element = message.getExtensionElement(NOTICE, NAMESPACE);
        if (!(element instanceof StandardExtensionElement)) {
            return Optional.empty();
        }
        StandardExtensionElement notice = (StandardExtensionElement) element;
        String id = notice.getAttributeValue("id");
        String expires = notice.getAttributeValue("expires");
        if (id == null || !id.matches("[0-9a-f]{32}") || expires == null || !expires.matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(new Notice(id, Instant.ofEpochSecond(Long.parseLong(expires))));
    }

    /** Whether the token with {@code id} is revoked, read from the service over the user's own connection. */
    static boolean contains(XMPPConnection connection, String id) throws XmppStorageException {
        return read(connection).getValue(childName(id)) != null;
    }

    /** Adds the token to the list (pruning expired entries) and checks that the service kept it. */
    static void add(XMPPConnection connection, String id, Instant expires, Instant now) throws XmppStorageException {
        DefaultPrivateData stored = read(connection);
        DefaultPrivateData updated = new DefaultPrivateData(ELEMENT, NAMESPACE);
        for (String name : stored.getNames()) {
            String value = stored.getValue(name);
            if (name.startsWith("t") && value != null && isFuture(value, now)) {
                updated.setValue(name, value);
            }
        }
        updated.setValue(childName(id), Long.toString(expires.getEpochSecond()));
        try {
            PrivateDataManager.getInstanceFor(connection).setPrivateData(updated);
        } catch (XMPPException.XMPPErrorException | SmackException.NoResponseException
                | SmackException.NotConnectedException e) {
            throw new XmppStorageException("the XMPP service did not store the revocation: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmppStorageException("interrupted while storing a revocation", e);
        }
    }

    private static DefaultPrivateData read(XMPPConnection connection) throws XmppStorageException {
        try {
            PrivateData data = PrivateDataManager.getInstanceFor(connection).getPrivateData(ELEMENT, NAMESPACE);
            if (data instanceof DefaultPrivateData) {
                return (DefaultPrivateData) data;
            }
            return new DefaultPrivateData(ELEMENT, NAMESPACE);
        } catch (XMPPException.XMPPErrorException | SmackException.NoResponseException
                | SmackException.NotConnectedException e) {
            throw new XmppStorageException("the XMPP service did not answer for the revoked tokens: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmppStorageException("interrupted while reading the revoked tokens", e);
        }
    }

    private static boolean isFuture(String epochSecond, Instant now) {
        try {
            return Long.parseLong(epochSecond.trim()) > now.getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String childName(String id) {
        return "t" + id;
    }
}
