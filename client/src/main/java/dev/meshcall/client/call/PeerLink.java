package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;

/**
 * One opponent of a {@link CallSession}: its peer connection, where the offer/answer exchange with it stands, and
 * the timers that belong to it. A plain holder; the decisions are {@link CallSession}'s.
 */
final class PeerLink {

    /** Where the offer/answer exchange with this peer stands. */
    enum State {
        /** Nothing exchanged yet. */
        IDLE,
        /** We sent {@code call} and wait for the answer. */
        CALLING,
        /** We received {@code call}; the local user has not answered. */
        RINGING,
        /** Offer and answer exchanged (or being applied): ICE and media take over. */
        ANSWERED,
        /** Over for this peer. Terminal. */
        CLOSED;

        boolean canMoveTo(State next) {
            switch (this) {
                case IDLE:
                    return next == CALLING || next == RINGING || next == CLOSED;
                case CALLING:
                case RINGING:
                    return next == ANSWERED || next == CLOSED;
                case ANSWERED:
                    return next == CLOSED;
                default:
                    return false;
            }
        }
    }

    final int userId;
    private State state = State.IDLE;
    PeerConnection connection;
    /** What the local user passed to {@code accept}, sent with the answer. */
    Object acceptExtension;
    /** Remote candidates that arrived before the remote description was set. */
    final SmallList<Object> pendingRemoteCandidates = new SmallList<>();
    /** Local candidates gathered but not sent yet (they leave in one batch). */
    final SmallList<Object> pendingLocalCandidates = new SmallList<>();
    Scheduler.Cancellable candidateFlush;
    Scheduler.Cancellable disconnectTimer;
    SessionConnectionState connectionState = SessionConnectionState.UNDEFINED;
    boolean remoteStreamReported;

    PeerLink(int userId) {
        this.userId = userId;
    }

    State state() {
        return state;
    }

    /**
     * Moves to {@code next}: a no-op on the same state.
     *
     * @throws IllegalStateException naming both states when the move is not allowed
     */
    void moveTo(State next) {
        if (next == state) {
            return;
        }
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("peer " + userId + " cannot move from " + state + " to " + next);
        }
        state = next;
    }

    boolean isClosed() {
        return state == State.CLOSED;
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
