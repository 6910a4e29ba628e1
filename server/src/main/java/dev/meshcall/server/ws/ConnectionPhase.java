package dev.meshcall.server.ws;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one browser's WebSocket is in its life ({@code docs/protocol.md}, "WebSocket"): waiting for the {@code auth}
 * frame, checking it (in XMPP mode that can take a login), ready for {@code signal} and {@code ping} frames, and
 * closing. One phase instead of separate flags, so that no combination of them can say two things at once (checking
 * a token of a socket that is already closing); the only way forward is {@link #moveTo}, which knows the table.
 *
 * <pre>
 *   CONNECTING --auth frame--&gt; AUTHENTICATING --accepted--&gt; READY
 *        \                         \                           \
 *         +---------------------------+---------------------------+--&gt; CLOSING (terminal)
 * </pre>
 */
enum ConnectionPhase {
    /** Open, no {@code auth} frame yet; closed with 1008 when none comes in time. */
    CONNECTING,
    /** The {@code auth} frame came and its token is being checked; other frames are refused meanwhile. */
    AUTHENTICATING,
    /** Authenticated and registered with the relay: frames are dispatched. */
    READY,
    /** A close frame was sent or the socket failed: nothing more is read or written. Terminal. */
    CLOSING;

    /**
     * The phase after a move to {@code next}: {@code next} itself when the table allows the move, this phase when
     * {@code next} is this phase (a no-op, such as closing twice).
     *
     * @throws IllegalStateException naming both phases when the move is not in the table (a move back, a skip to
     *     {@code READY} without a check, anything out of {@code CLOSING})
     */
    ConnectionPhase moveTo(ConnectionPhase next) {
        if (next == this) {
            return this;
        }
        if (!successors().contains(next)) {
            throw new IllegalStateException("a WebSocket cannot move from " + this + " to " + next);
        }
        return next;
    }

    private Set<ConnectionPhase> successors() {
        switch (this) {
            case CONNECTING:
                return EnumSet.of(AUTHENTICATING, CLOSING);
            case AUTHENTICATING:
                return EnumSet.of(READY, CLOSING);
            case READY:
                return EnumSet.of(CLOSING);
            default:
                return EnumSet.noneOf(ConnectionPhase.class);
        }
    }
}
