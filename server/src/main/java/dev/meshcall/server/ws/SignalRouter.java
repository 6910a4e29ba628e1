package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalRules;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.Relay;
import dev.meshcall.server.relay.SessionAdmission;
import dev.meshcall.server.relay.SessionRegistry;
import java.util.function.IntPredicate;

/**
 * Checks a browser's signal against who sent it and hands it to the relay, in this order: the signal's own rules
 * (nobody signals themselves, a {@code call} goes to one of its opponents), the recipient exists, the session admits
 * it (both ends are members; who may send a {@code call} naming whom as caller), the budgets of the recipient and of
 * the sender and recipient pair have room for it ({@link TrafficBudgets}), the recipient is online. A session
 * is registered only when its first {@code call} was delivered ({@link SessionAdmission}). A {@code call} or
 * {@code hangUp} that found its recipient offline, or that the relay sent on to a recipient it sees no connection
 * of (XMPP mode: {@link Delivery#SENT_TO_NOBODY_SEEN}), is told to the {@link OfflineCallNotifier} (Web Push).
 * Never blocks: all of it is in memory, so it may run on an I/O thread.
 */
public final class SignalRouter {
    private final Relay relay;
    private final SessionRegistry sessions;
    private final IntPredicate userExists;
    private final RecipientBudgets budgets;
    private final OfflineCallNotifier offline;

    /**
     * @param userExists answers from memory whether an account exists (it is called on I/O threads)
     */
    public SignalRouter(Relay relay, SessionRegistry sessions, IntPredicate userExists, TrafficBudgets budgets) {
        this(relay, sessions, userExists, budgets, OfflineCallNotifier.NONE);
    }

    /**
     * @param offline told of a {@code call}, or its {@code hangUp}, that found its recipient offline (Web Push)
     */
    public SignalRouter(Relay relay, SessionRegistry sessions, IntPredicate userExists, TrafficBudgets budgets,
            OfflineCallNotifier offline) {
        this.relay = relay;
        this.sessions = sessions;
        this.userExists = userExists;
        this.budgets = new RecipientBudgets(budgets);
        this.offline = offline;
    }

    /**
     * Relays a signal from the authenticated connection {@code sender} to {@code recipientId} (and, for an
     * {@code accept}/{@code reject}, to the sender's other connections: {@link Relay#deliver}).
     *
     * @param size what the signal weighs against the byte budgets: the length of the frame it came in. That is
     *     what its recipient is sent give or take a few characters ({@code to} becomes {@code from}), and it costs
     *     nothing to know, where encoding the signal again to measure it cost every signal a second encoding.
     * @throws ProtocolException {@code bad_request}/{@code forbidden} by the signal rules or the session,
     *     {@code not_found} "no user N", {@code unavailable} "user N is offline" (for a {@code call} that the
     *     {@link OfflineCallNotifier} passed on: "user N is offline; a push notification was queued for them") or
     *     naming a session limit,
     *     {@code rate_limited} naming the budget it would pass
     */
    public void route(Endpoint sender, int recipientId, Signal signal, int size) {
        int senderId = sender.userId();
        SignalRules.checkSend(signal, senderId, recipientId);
        if (!userExists.test(recipientId)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "to", "no user " + recipientId);
        }
        SessionAdmission admission = sessions.admit(senderId, recipientId, signal);
        boolean delivered = false;
        boolean pushed = false;
        try {
            budgets.charge(senderId, recipientId, size, admission.startedSession(), System.nanoTime());
            Delivery delivery = relay.deliver(sender, recipientId, signal);
            delivered = delivery != Delivery.OFFLINE;
            if (delivery == Delivery.OFFLINE) {
                pushed = signal.signalType() == SignalType.CALL
                        && offline.offlineCall(senderId, recipientId, signal.sessionId(), signal.callType());
            } else if (delivery == Delivery.SENT_TO_NOBODY_SEEN) {
                sentToNobodySeen(senderId, recipientId, signal);
            }
            if (!delivered && !pushed) {
                budgets.refund(senderId, recipientId, size, admission.startedSession());
            }
        } finally {
            // A call that rings by push counts as one delivered (its budgets stay charged, its session is known from
            // now on): the callee may decline it from the notification without a page (POST /api/calls/reject)
            // before any page of theirs ever got it.
            admission.settle(delivered || pushed);
        }
        if (!delivered) {
            String message = "user " + recipientId + " is offline";
            if (pushed) {
                message += "; a push notification was queued for them";
            } else if (signal.signalType() == SignalType.HANG_UP) {
                offline.offlineHangUp(senderId, recipientId, signal.sessionId());
            }
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "to", message);
        }
    }

    /**
     * A relay that cannot tell whether anyone got a signal (XMPP: the service drops a headline to an offline user
     * without a word) sent one on to a recipient it knows no connection of ({@link Delivery#SENT_TO_NOBODY_SEEN}):
     * the {@code call} (or its {@code hangUp}) goes to the {@link OfflineCallNotifier} as well, and the caller is
     * told nothing more than before (the callee may be on a client the node cannot see). A relay that knows
     * (embedded) never gets here: what it delivers goes to someone online.
     */
    private void sentToNobodySeen(int senderId, int recipientId, Signal signal) {
        if (signal.signalType() == SignalType.CALL) {
            offline.offlineCall(senderId, recipientId, signal.sessionId(), signal.callType());
        } else if (signal.signalType() == SignalType.HANG_UP) {
            offline.offlineHangUp(senderId, recipientId, signal.sessionId());
        }
    }
}
