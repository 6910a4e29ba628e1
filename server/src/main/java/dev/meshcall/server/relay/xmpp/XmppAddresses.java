package dev.meshcall.server.relay.xmpp;

import java.util.Objects;
import java.util.OptionalInt;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The seed system's user addresses: user {@code U} of application {@code appId} is {@code U-appId@domain}
 * (docs/xmpp.md, "How it works"). A JID of another domain or application, or whose local part is not a user id, is
 * nobody's.
 */
public final class XmppAddresses {
    private final String domain;
    private final String suffix;

    public XmppAddresses(String domain, String appId) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.suffix = "-" + Objects.requireNonNull(appId, "appId");
    }

    public String domain() {
        return domain;
    }

    /** The local part (the XMPP user name) of a user: {@code 56-1}. */
    public String localpart(int userId) {
        requireUserId(userId);
        return userId + suffix;
    }

    /** The bare JID of a user: every online device of that user receives what is sent there. */
    public EntityBareJid bareJid(int userId) {
        try {
            return JidCreate.entityBareFrom(localpart(userId) + "@" + domain);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("domain '" + domain + "' does not make a JID: " + e.getMessage(), e);
        }
    }

    /** The user a JID (bare or full) belongs to, or empty when it is not a user of this application and domain. */
    public OptionalInt userIdOf(Jid jid) {
        if (jid == null || jid.getLocalpartOrNull() == null) {
            return OptionalInt.empty();
        }
        BareJid bare = jid.asBareJid();
        if (!bare.getDomain().toString().equalsIgnoreCase(domain)) {
            return OptionalInt.empty();
        }
        String local = jid.getLocalpartOrNull().toString();
        if (!local.endsWith(suffix)) {
            return OptionalInt.empty();
        }
        String digits = local.substring(0, local.length() - suffix.length());
        if (digits.isEmpty() || digits.length() > 10 || digits.charAt(0) == '0') {
            return OptionalInt.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long id = Long.parseLong(digits);
        return id <= Integer.MAX_VALUE ? OptionalInt.of((int) id) : OptionalInt.empty();
    }

    private static void requireUserId(int userId) {
        if (userId < 1) {
            throw new IllegalArgumentException("user ids start at 1, not " + userId);
        }
    }
}
