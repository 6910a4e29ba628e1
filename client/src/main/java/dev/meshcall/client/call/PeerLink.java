package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;

/**
 * One opponent of a {@link CallSession}: its peer connection, where the offer/answer exchange with it stands, and
 * the timers that belong to it. A plain holder; the decisions are {@link CallSession}'s.
 */
final class PeerLink {

    // Where the offer/answer exchange with this peer stands: int constants rather than an enum, which would cost
    // meshcall.js a class and a name table of its own.

    /** Nothing exchanged yet. */
    static final int IDLE = 0;
    /** We sent {@code call} and wait for the answer. */
    static final int CALLING = 1;
    /** We received {@code call}; the local user has not answered. */
    static final int RINGING = 2;
    /** Offer and answer exchanged (or being applied): ICE and media take over. */
    static final int ANSWERED = 3;
    /** Over for this peer. Terminal. */
    static final int CLOSED = 4;

    private static final String[] STATE_NAMES = {"IDLE", "CALLING", "RINGING", "ANSWERED", "CLOSED"};

    final int userId;
    private int state = IDLE;
    PeerConnection connection;
    /** What the local user passed to {@code accept}, sent with the answer. */
    Object acceptExtension;
    /** Remote candidates that arrived before the remote description was set. */
    final SmallList<Object> pendingRemoteCandidates = new SmallList<>();
    /** Local candidates gathered but not sent yet (they leave in one batch). */
    final SmallList<Object> pendingLocalCandidates = new SmallList<>();
    Scheduler.Cancellable candidateFlush;
    Scheduler.Cancellable disconnectTimer;
    int connectionState = SessionConnectionState.UNDEFINED;
    boolean remoteStreamReported;

    PeerLink(int userId) {
        this.userId = userId;
    }

    int state() {
        return state;
    }

    /** The name of the state constant {@code state}, for messages. */
    static String stateName(int state) {
        return STATE_NAMES[state];
    }

    /** The transition table of a peer link. */
    static boolean canMove(int from, int to) {
        switch (from) {
            case IDLE:
                return to == CALLING || to == RINGING || to == CLOSED;
            case CALLING:
            case RINGING:
                return to == ANSWERED || to == CLOSED;
            case ANSWERED:
                return to == CLOSED;
            default:
                return false;
        }
    }

    /**
     * Moves to {@code next}: a no-op on the same state.
     *
     * @throws IllegalStateException naming both states when the move is not allowed
     */
    void moveTo(int next) {
        if (next == state) {
            return;
        }
        if (!canMove(state, next)) {
            throw new IllegalStateException("peer " + userId + " cannot move from " + stateName(state) + " to "
                    + stateName(next));
        }
        state = next;
    }

    boolean isClosed() {
        return state == CLOSED;
    }

    /** Cancels this peer's timers and closes its connection; the state is the caller's to set. */
    void release() {
        if (candidateFlush != null) {
            candidateFlush.cancel();
            candidateFlush = null;
        }
        if (disconnectTimer != null) {
            disconnectTimer.cancel();
            disconnectTimer = null;
        }
        pendingLocalCandidates.clear();
        pendingRemoteCandidates.clear();
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
