package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.auth.AccountException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Localpart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the XMPP service keeps in users' accounts for every node to read: the account itself, created by in-band
 * registration (<a href="https://xmpp.org/extensions/xep-0077.html">XEP-0077</a>); the display name, in the vCard
 * ({@link DisplayNames}); and the tokens revoked by signing out ({@link RevokedTokens}), written in the background
 * until the service takes them ({@link PendingRevocations}). The REST face of these is {@link XmppAccounts}.
 */
final class XmppAccountService implements XmppSessions.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(XmppAccountService.class);

    private final XmppSettings settings;
    private final XmppHosts hosts;
    private final XmppAddresses addresses;
    private final String resource;
    private final XmppSessions sessions;
    private final XmppBackground background;
    private final XmppStats stats;
    private final DisplayNames displayNames;
    private final Set<Integer> nameLookups = ConcurrentHashMap.newKeySet();
    private final PendingRevocations revocations = new PendingRevocations(this::storeRevocation);
    private volatile RevokedElsewhereListener revokedElsewhere = (userId, tokenId, expires) -> { };

    /**
     * @param resource this node's XMPP resource, for the short-lived connections that register or write
     */
    XmppAccountService(XmppSettings settings, XmppHosts hosts, XmppAddresses addresses, String resource,
            XmppSessions sessions, XmppBackground background, XmppStats stats) {
        this.settings = settings;
        this.hosts = hosts;
        this.addresses = addresses;
        this.resource = resource;
        this.sessions = sessions;
        this.background = background;
        this.stats = stats;
        this.displayNames = new DisplayNames(addresses);
    }

    /**
     * Creates the user's XMPP account by in-band registration (XEP-0077), blocking.
     *
     * @throws XmppRegistrationException {@code FORBIDDEN} when the service does not allow it, {@code CONFLICT} when
     *     the account exists, {@code UNAVAILABLE} when the service cannot be reached, {@code INVALID} when it refuses
     *     for another reason
     */
    void signUp(int userId, String password) throws XmppRegistrationException {
        XMPPTCPConnection connection = null;
        try {
            connection = XmppConnections.connect(settings, hosts, null, null, resource);
            AccountManager accounts = AccountManager.getInstance(connection);
            accounts.sensitiveOperationOverInsecureConnection(settings.tls() == XmppSettings.Tls.DISABLED);
            if (!accounts.supportsAccountCreation()) {
                throw new XmppRegistrationException(AccountException.Reason.FORBIDDEN,
                        "this XMPP service does not allow sign-up; an operator creates accounts (docs/xmpp.md)", null);
            }
            accounts.createAccount(Localpart.from(addresses.localpart(userId)), password);
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError.Condition condition = e.getStanzaError().getCondition();
            if (condition == StanzaError.Condition.conflict) {
                throw new XmppRegistrationException(AccountException.Reason.CONFLICT, "user " + userId + " exists",
                        e);
            }
            if (condition == StanzaError.Condition.not_allowed || condition == StanzaError.Condition.forbidden) {
                throw new XmppRegistrationException(AccountException.Reason.FORBIDDEN,
                        "the XMPP service refused the sign-up: " + condition, e);
            }
            throw new XmppRegistrationException(AccountException.Reason.INVALID,
                    "the XMPP service refused the sign-up: " + condition, e);
        } catch (SmackException | XMPPException | IOException e) {
            throw new XmppRegistrationException(AccountException.Reason.UNAVAILABLE,
                    "the XMPP service cannot be reached; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmppRegistrationException(AccountException.Reason.UNAVAILABLE, "interrupted", e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /**
     * Writes the name given at sign-up into the user's vCard, where every node reads it; blocking. A failure is
     * logged: this node still shows the name, other nodes {@code User N}.
     */
    void saveName(int userId, String password, String fullName) {
        displayNames.remember(userId, fullName);
        try {
            withOwnConnection(userId, password, connection -> displayNames.save(connection, userId, fullName));
        } catch (XmppLoginException | XmppStorageException e) {
            LOG.warn("user {}: could not log in to store the display name: {}", userId, e.getMessage());
        }
    }

    /** The user's display name as far as this node knows, or {@code User N}. */
    String nameOf(int userId) {
        return displayNames.nameOf(userId);
    }

    /**
     * Reads the vCards of those of {@code users} whose names this node has not read yet, over any logged-in
     * connection, until {@code budget} is spent; blocking.
     */
    void loadNames(Iterable<Integer> users, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        XmppUserSession reader = sessions.anyLoggedIn();
        for (int userId : users) {
            if (reader == null || System.nanoTime() > deadline) {
                return;
            }
            if (!displayNames.isKnown(userId)) {
                displayNames.load(reader.connection(), userId);
            }
        }
    }

    /** Reads the user's name in the background unless it is known or being read (a user seen coming online). */
    void lookUpNameSoon(int userId) {
        if (displayNames.isKnown(userId) || !nameLookups.add(userId)) {
            return;
        }
        background.execute(() -> {
            try {
                XmppUserSession reader = sessions.anyLoggedIn();
                if (reader != null) {
                    displayNames.load(reader.connection(), userId);
                }
            } finally {
                nameLookups.remove(userId);
            }
        });
    }

    /** A user who logs in here has their own name read, over their own connection. */
    @Override
    public void loggedIn(XmppUserSession session) {
        if (!displayNames.isKnown(session.userId())) {
            displayNames.load(session.connection(), session.userId());
        }
    }

    /** Each watchdog round retries the revocations the service did not take yet. */
    @Override
    public void round() {
        if (!revocations.isEmpty()) {
            background.execute(revocations::writeAll);
        }
    }

    /**
     * Whether the user's token {@code tokenId} was revoked on any node, read from the user's own account over the
     * user's logged-in session here (so call it after a login). Blocking.
     *
     * @throws XmppStorageException when the service cannot tell now
     */
    boolean isRevoked(int userId, String tokenId) throws XmppStorageException {
        XmppUserSession session = sessions.loggedIn(userId);
        if (session == null) {
            throw new XmppStorageException("user " + userId + " is not logged in to XMPP on this node", null);
        }
        return RevokedTokens.contains(session.connection(), tokenId);
    }

    /**
     * Records in the user's account that token {@code tokenId} is revoked, so that no node accepts it any more; in
     * the background, and again every watchdog round while the service cannot take it, until the token would have
     * expired anyway.
     *
     * @param password what the token carries, to log in for the write when the user has no session here
     */
    void revoke(int userId, String password, String tokenId, Instant expires) {
        revocations.add(new PendingRevocations.Pending(userId, password, tokenId, expires));
        background.execute(revocations::writeAll);
    }

    /** Sets who is told of a token revoked on another node, as the user's own connection there said. */
    void onRevokedElsewhere(RevokedElsewhereListener listener) {
        this.revokedElsewhere = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Takes {@code message} when it is a revocation notice ({@link RevokedTokens#noticeOf}): only the user's own
     * connection (another node of ours) may say the user signed out; a notice from anyone else is dropped as
     * {@code wrong_from}.
     *
     * @return whether it was a notice (handled here either way), so the signal path need not look at it
     */
    boolean takeRevocationNotice(XmppUserSession session, Message message) {
        Optional<RevokedTokens.Notice> revocation = RevokedTokens.noticeOf(message);
        if (revocation.isEmpty()) {
            return false;
        }
        Jid fromJid = message.getFrom();
        if (message.getType() != Message.Type.error && fromJid != null && session.jid() != null
                && fromJid.asBareJid().equals(session.jid().asBareJid())) {
            revokedElsewhere.revoked(session.userId(), revocation.get().tokenId(), revocation.get().expires());
        } else {
            LOG.warn("user {}: ignored a token revocation from {}", session.userId(), fromJid);
            stats.dropped("wrong_from");
        }
        return true;
    }

    private void storeRevocation(PendingRevocations.Pending pending) throws XmppStorageException,
            XmppLoginException {
        withOwnConnection(pending.userId(), pending.password(),
                connection -> RevokedTokens.add(connection, pending.tokenId(), pending.expires(), Instant.now()));
    }

    /** Something done over a user's own connection, which may fail in the service's storage. */
    @FunctionalInterface
    private interface OwnConnectionAction {
        void run(XMPPConnection connection) throws XmppStorageException;
    }

    /**
     * Runs {@code action} over a logged-in connection of the user: the user's session here, or else a connection of
     * its own that sends no presence (so nobody sees the user come online), closed afterwards; blocking.
     */
    private void withOwnConnection(int userId, String password, OwnConnectionAction action)
            throws XmppLoginException, XmppStorageException {
        XmppUserSession session = sessions.loggedIn(userId);
        if (session != null) {
            action.run(session.connection());
            return;
        }
        XMPPTCPConnection connection = null;
        try {
            connection = XmppConnections.connect(settings, hosts, addresses.localpart(userId), password,
                    resource + "-own");
            connection.login();
            action.run(connection);
        } catch (SmackException | XMPPException | IOException | InterruptedException e) {
            throw XmppLoginException.from(e, settings);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
