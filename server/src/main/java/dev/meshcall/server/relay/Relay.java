package dev.meshcall.server.relay;

import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.time.Duration;

/**
 * Carries signals between users' connections and knows who is online. The embedded default is the in-process
 * {@link LocalRelay}; a relay over an XMPP service implements the same interface so that any number of server
 * nodes can share users. The relay does not check signals: the WebSocket layer has done that (shape, sender,
 * session membership) before it calls {@link #deliver}. Every implementation is thread-safe.
 */
public interface Relay {

    /** Adds a connection of {@code endpoint.userId()}; the user's first connection makes them online. */
    void register(Endpoint endpoint);

    /** Removes a connection; the user's last connection leaving makes them offline. Unknown endpoints are ignored. */
    void unregister(Endpoint endpoint);

    /**
     * Hands a signal from {@code origin}'s user to every connection of {@code to}. Every device rings: when the
     * signal is the user's own {@code accept} or {@code reject} ({@link #copiedToOwnDevices}), it is also handed, as
     * a signal from the user, to the user's other connections (not back to {@code origin}), so that their other pages
     * stop ringing; they get it whether or not {@code to} is online.
     *
     * @param origin the connection that sent the signal; its user is the sender
     * @return {@link Delivery#OFFLINE} when {@code to} has no connection, so nothing was delivered to {@code to};
     *     {@link Delivery#SENT_TO_NOBODY_SEEN} from a relay that cannot tell, when it sent the signal on to a
     *     {@code to} it sees no connection of
     */
    Delivery deliver(Endpoint origin, int to, Signal signal);

    /**
     * Whether a user's own signal of this type also goes to the user's other connections: an {@code accept} or
     * {@code reject}, which ends the ringing on every device of the user (docs/protocol.md, "Every device rings").
     */
    static boolean copiedToOwnDevices(SignalType type) {
        return type == SignalType.ACCEPT || type == SignalType.REJECT;
    }

    /** Whether the user has at least one open connection. */
    boolean isOnline(int userId);

    /**
     * Adds a listener for users coming online and going offline. A listener that throws is logged and does not
     * stop the others.
     */
    ListenerHandle addPresenceListener(PresenceListener listener);

    /**
     * Whether the service that carries signals answers for {@code userId} within {@code timeout}
     * ({@code chat.pingWithTimeout}). The in-process relay is always there; a remote service is asked. May block.
     */
    boolean ping(int userId, Duration timeout);
}
