package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.rtc.Result;
import dev.meshcall.client.rtc.jso.RTCPeerConnection;
import dev.meshcall.client.rtc.jso.RTCSessionDescriptionInit;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * One callback of a browser promise's {@code then}: hands what the promise settled with to a {@link Result}, or
 * takes the description a {@code createOffer}/{@code createAnswer} made on to {@code setLocalDescription}
 * (<a href="https://www.w3.org/TR/webrtc/#dom-peerconnection-setlocaldescription">webrtc-pc §4.4.1.5</a>).
 *
 * <p>Every operation of {@link BrowserPeerConnection} settles through a pair of these rather than a pair of lambdas:
 * in {@code meshcall.js} each lambda is a class of its own, and the SDK's size is budgeted ({@link Settled} says
 * why not {@code JSPromise.then}).
 */
final class Outcome implements Settled {
    /** Fulfilled: {@code succeeded(null)}. */
    private static final int DONE = 0;
    /** An offer or answer was made: {@code succeeded} with its SDP at once, then set it and tell {@link #applied}. */
    private static final int MADE = 1;
    /** Rejected: {@code failed} with the browser's {@code name: message}. */
    private static final int REJECTED = 2;

    private final int kind;
    private final RTCPeerConnection connection;
    private final Result<Object> result;
    private final Result<Object> applied;

    private Outcome(int kind, RTCPeerConnection connection, Result<Object> result, Result<Object> applied) {
        this.kind = kind;
        this.connection = connection;
        this.result = result;
        this.applied = applied;
    }

    /** {@code result} learns how {@code promise} went: {@code succeeded(null)}, or the browser's error. */
    static void settle(JSPromise<?> promise, Result<?> result) {
        then(promise, DONE, null, result, null);
    }

    /**
     * Sets the offer or answer {@code made} will bring; {@code created} gets its SDP the moment it exists (before it
     * is set, so it can be sent at once), {@code applied} learns whether setting it worked.
     */
    static void made(JSPromise<RTCSessionDescriptionInit> made, RTCPeerConnection connection,
            Result<? super String> created, Result<?> applied) {
        then(made, MADE, connection, created, applied);
    }

    /**
     * The results are typed by the operations above; here they only take what the browser gave ({@code null} for
     * nothing, a {@code String} SDP).
     */
    @SuppressWarnings("unchecked")
    private static void then(JSPromise<?> promise, int kind, RTCPeerConnection connection, Result<?> result,
            Result<?> applied) {
        Result<Object> to = (Result<Object>) result;
        Errors.then(promise, new Outcome(kind, connection, to, (Result<Object>) applied),
                new Outcome(REJECTED, null, to, null));
    }

    @Override
    public void settled(JSObject value) {
        if (kind == REJECTED) {
            result.failed(Errors.describe(value));
        } else if (kind == DONE) {
            result.succeeded(null);
        } else {
            RTCSessionDescriptionInit description = (RTCSessionDescriptionInit) value;
            JSPromise<?> setting = connection.setLocalDescription(description);
            result.succeeded(description.getSdp());
            settle(setting, applied);
        }
    }
}
