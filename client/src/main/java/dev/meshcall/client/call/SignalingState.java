package dev.meshcall.client.call;

/**
 * Where the offer/answer exchange on one peer connection stands: the W3C {@code RTCSignalingState}
 * (<a href="https://www.w3.org/TR/webrtc/#rtcsignalingstate-enum">webrtc-pc</a>) without the provisional answers we
 * never use. JSEP (<a href="https://www.rfc-editor.org/rfc/rfc8829#section-3.2">RFC 8829, 3.2</a>) allows one offer
 * in flight per connection: {@link PeerSession} moves through {@link #canMove} before every description it sets, so
 * an ICE restart and a renegotiation can never cross. Int constants, as {@link SessionState}, to keep
 * {@code meshcall.js} small.
 */
final class SignalingState {
    static final int STABLE = 0;
    static final int HAVE_LOCAL_OFFER = 1;
    static final int HAVE_REMOTE_OFFER = 2;
    /** The connection is closed. Terminal. */
    static final int CLOSED = 3;

    private SignalingState() {
    }

    /** The W3C name of {@code state}, for messages. */
    static String name(int state) {
        // Made on each call, as SessionState's names are (no static field).
        return new String[] {"stable", "have-local-offer", "have-remote-offer", "closed"}[state];
    }

    /**
     * The transition table: an offer leaves {@code stable} (ours to {@code have-local-offer}, theirs to
     * {@code have-remote-offer}); the answer to it returns to {@code stable}; anything may close.
     */
    static boolean canMove(int from, int to) {
        if (from == CLOSED) {
            return false;
        }
        return to == CLOSED || (from == STABLE) != (to == STABLE);
    }
}
