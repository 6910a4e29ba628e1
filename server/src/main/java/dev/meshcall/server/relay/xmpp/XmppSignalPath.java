package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.Relay;
import java.util.Objects;
import java.util.OptionalInt;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.id.StandardStanzaIdSource;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals both ways between this node's pages and the XMPP service. Out: a signal goes as the seed system's stanza
 * ({@link ExtraParams} in a {@code headline} message, RFC 6121 section 5.2.2) to the recipient's bare JID, so every
 * device of the recipient on every node gets it; a user's own {@code accept}/{@code reject} also goes to the user's
 * other pages on this node and, by full JID, to the user's other connections seen available, so their other devices
 * stop ringing. In: a stanza is checked like a browser's frame before a page sees it; bounced, delayed
 * (<a href="https://xmpp.org/extensions/xep-0203.html">XEP-0203</a> {@code <delay>}: nobody rings for a call that is
 * over), foreign, malformed or mis-addressed ones are dropped with a log line and a count by reason.
 */
final class XmppSignalPath {
    private static final Logger LOG = LoggerFactory.getLogger(XmppSignalPath.class);

    private final XmppSettings settings;
    private final XmppAddresses addresses;
    private final XmppSessions sessions;
    private final XmppPresence presence;
    private final XmppStats stats;
    private volatile IncomingSignalListener incomingListener = (from, to, signal) -> { };

    XmppSignalPath(XmppSettings settings, XmppAddresses addresses, XmppSessions sessions, XmppPresence presence,
            XmppStats stats) {
        this.settings = settings;
        this.addresses = addresses;
        this.sessions = sessions;
        this.presence = presence;
        this.stats = stats;
    }

    /** Sets who is told of signals arriving from XMPP (the server's session registry). */
    void onIncoming(IncomingSignalListener listener) {
        this.incomingListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends the signal as the seed's stanza from {@code origin}'s user's XMPP connection to {@code to}'s bare JID.
     * The service discards headlines to offline users silently, so a recipient's absence is known only from
     * presence: this answers {@link Delivery#DELIVERED} for a recipient seen online ({@link XmppPresence#isOnline}),
     * and {@link Delivery#SENT_TO_NOBODY_SEEN} for one who is not, never {@link Delivery#OFFLINE}.
     *
     * @throws ProtocolException {@code unauthorized} when the sender has no session here; {@code unavailable} when
     *     the send buffer is full; {@code bad_request} when the signal cannot be written as XML
     */
    Delivery deliver(Endpoint origin, int to, Signal signal) {
        int from = origin.userId();
        XmppUserSession session = sessions.get(from);
        if (session == null) {
            throw new ProtocolException(ErrorCode.UNAUTHORIZED, "to", "no XMPP session for user " + from
                    + " on this server; sign in again");
        }
        ExtraParams params = SignalMapper.fromSignal(signal);
        session.sendSignal(to, headline(addresses.bareJid(to), params));
        if (Relay.copiedToOwnDevices(signal.signalType())) {
            copyToOwnDevices(session, params);
            // the user's other pages on this node share this XMPP connection
            session.sendToEndpointsBut(origin, Frame.signalFrom(from, signal));
        }
        stats.sent(signal.signalType());
        return presence.isOnline(to) ? Delivery.DELIVERED : Delivery.SENT_TO_NOBODY_SEEN;
    }

    /**
     * Sends {@code payload} to each of the session's user's other connections seen available (their full JIDs: the
     * service drops a headline to one's own bare JID).
     */
    void copyToOwnDevices(XmppUserSession session, ExtensionElement payload) {
        for (Jid device : presence.otherDevicesOf(session)) {
            session.sendCopy(headline(device, payload));
        }
    }

    /**
     * A signal's stanza: a {@code headline} (never stored offline) with an {@code id}, as the seed's SDK sends every
     * message (Smack's {@code buildMessage()} alone leaves it out).
     */
    private static Message headline(Jid to, ExtensionElement payload) {
        return StanzaBuilder.buildMessage(StandardStanzaIdSource.DEFAULT.getNewStanzaId()).to(to)
                .ofType(Message.Type.headline).addExtension(payload).build();
    }

    /** A message received on {@code session}'s stream (revocation notices are taken before this). */
    void received(XmppUserSession session, Message message) {
        Jid fromJid = message.getFrom();
        int userId = session.userId();
        ExtraParams params = message.getExtension(ExtraParams.class);
        if (params == null) {
            LOG.debug("user {}: ignoring a message without extraParams from {}", userId, fromJid);
            return;
        }
        if (message.getType() == Message.Type.error) {
            LOG.info("user {}: a signal bounced from {}: {}", userId, fromJid, message.getError());
            stats.dropped("bounced");
            return;
        }
        if (DelayInformation.from(message) != null) {
            LOG.info("user {}: ignoring a delayed signal from {} (nobody rings for a call that is over)", userId,
                    fromJid);
            stats.dropped("delayed");
            return;
        }
        if (!SignalMapper.isCallSignal(params)) {
            LOG.debug("user {}: ignoring a {} message from {}", userId, params.moduleIdentifier(), fromJid);
            return;
        }
        OptionalInt from = addresses.userIdOf(fromJid);
        if (from.isEmpty()) {
            LOG.warn("user {}: dropped a signal from {}: not a user of app {} at {}", userId, fromJid,
                    settings.appId(), settings.domain());
            stats.dropped("wrong_from");
            return;
        }
        Signal signal;
        try {
            signal = SignalMapper.toSignal(params);
        } catch (ProtocolException e) {
            LOG.warn("user {}: dropped a bad signal from {}: {} ({})", userId, fromJid, e.getMessage(),
                    e.code().wireName());
            stats.dropped(e.code().wireName());
            return;
        }
        if (from.getAsInt() == userId) {
            ownCopy(session, fromJid, signal);
            return;
        }
        try {
            incomingListener.incoming(from.getAsInt(), userId, signal);
        } catch (ProtocolException e) {
            LOG.warn("user {}: dropped a {} from user {}: {}", userId, signal.signalType().wireName(),
                    from.getAsInt(), e.getMessage());
            stats.dropped(e.code().wireName());
            return;
        } catch (RuntimeException e) {
            LOG.error("user {}: the incoming-signal listener failed; delivering anyway", userId, e);
        }
        stats.received(signal.signalType());
        session.sendToEndpoints(Frame.signalFrom(from.getAsInt(), signal));
    }

    /**
     * A signal from the user's own account: another device's {@code accept}/{@code reject}, copied so that this
     * node's pages of the user stop ringing. It is not a signal between two users, so the session registry is not
     * asked (this node may not even know the session, and the device that sent it had it admitted on its own node);
     * the XMPP service vouches that it comes from the user. Anything else from oneself is dropped, and a stanza of
     * this very connection (an echo) too: its copies went to this node's pages when it was sent.
     */
    private void ownCopy(XmppUserSession session, Jid fromJid, Signal signal) {
        if (fromJid.equals(session.jid())) {
            return;
        }
        if (!Relay.copiedToOwnDevices(signal.signalType())) {
            LOG.warn("user {}: dropped a {} from the user's own device {}: only accept and reject are copied",
                    session.userId(), signal.signalType().wireName(), fromJid);
            stats.dropped("wrong_from");
            return;
        }
        stats.received(signal.signalType());
        session.sendToEndpoints(Frame.signalFrom(session.userId(), signal));
    }
}
