package dev.meshcall.client.rtc;

/**
 * What the call state machine needs of one W3C {@code RTCPeerConnection}
 * (<a href="https://www.w3.org/TR/webrtc/#interface-definition">webrtc-pc</a>). The browser implementation lives in
 * {@code client.rtc.jso}; JVM tests use a fake. Offer and answer follow JSEP
 * (<a href="https://www.rfc-editor.org/rfc/rfc8829">RFC 8829</a>): each "create" call also sets the local
 * description, so its result is the SDP to send.
 *
 * <p>Browser values (streams, candidates, the stats promise) pass through as opaque {@code Object}s: in the page,
 * {@link dev.meshcall.client.BrowserValue} boxes.
 */
public interface PeerConnection {

    /**
     * Adds the tracks of {@code stream} to send (for a connection made before the local media was there): into the
     * senders {@link #reserveSenders} made, if any (no renegotiation), else as new senders.
     */
    void addLocalStream(Object stream);

    /**
     * Makes a sender for audio, and one for video when {@code video}, with no track yet, both {@code sendrecv}, so
     * that an offer can be made before the local media exists and {@link #addLocalStream} later fills them without a
     * new offer ({@code replaceTrack}, <a href="https://www.w3.org/TR/webrtc/#dom-rtcrtpsender-replacetrack">
     * webrtc-pc 5.2</a>).
     */
    void reserveSenders(boolean video);

    /**
     * Creates an offer (with fresh ICE credentials when {@code iceRestart}) and sets it as local description.
     * {@code created} gets the offer as soon as it exists, so that it can travel while the description is applied
     * here (the answer to it cannot overtake: setting it queues behind this one); {@code applied} tells how applying
     * it went.
     */
    void createOffer(boolean iceRestart, Result<? super String> created, Result<? super Void> applied);

    /**
     * Creates an answer to the remote offer and sets it as local description. {@code created} gets the answer as
     * soon as it exists, so that it can travel while the description is applied here; {@code applied} tells how
     * applying it went.
     */
    void createAnswer(Result<? super String> created, Result<? super Void> applied);

    /** Sets the remote offer ({@code offer} true) or answer. */
    void setRemoteDescription(boolean offer, String sdp, Result<? super Void> result);

    /** Whether a remote description has been set, so that remote candidates can be added. */
    boolean hasRemoteDescription();

    /**
     * The current local description's SDP, which by now holds the candidates gathered so far; {@code null} before
     * one is set. Re-dials send it, so a callee that missed trickled candidates still gets them.
     */
    String localSdp();

    /**
     * Adds a remote candidate, as the signaling layer gave it (an {@code RTCIceCandidateInit} in the page); a failure
     * is the implementation's to log, since the call can go on without it.
     */
    void addIceCandidate(Object candidate);

    /** Caps the outgoing video bitrate ({@code kbps} 0 removes the cap). */
    void setMaxBandwidth(int kbps);

    /**
     * The W3C stats of this connection, as the implementation's own asynchronous answer (in the page, the browser's
     * promise of an {@code RTCStatsReport}).
     */
    Object getStats();

    /**
     * Asks how many media bytes have arrived on this connection so far: the {@code bytesReceived} of its
     * {@code inbound-rtp} stats summed (<a href="https://www.w3.org/TR/webrtc-stats/#inboundrtpstats-dict*">
     * webrtc-stats</a>), so that a link on which media stopped can be told from one that is fine. The answer comes
     * later to {@link Events#onInboundBytes}; when the stats cannot be read, none comes.
     */
    void requestInboundBytes();

    /** Closes the connection; no events follow. */
    void close();

    /**
     * What a peer connection reports. Called on the page's event loop, never re-entrantly from a method of
     * {@link PeerConnection}.
     */
    interface Events {
        /** A local candidate was gathered, in the form the signaling layer sends (opaque to the call logic). */
        void onIceCandidate(Object candidate);

        /** The ICE connection state changed to {@code state}: an {@link IceConnectionState} string, or a newer one. */
        void onIceConnectionStateChange(String state);

        /** The remote media arrived: once per connection, with the remote stream (opaque to the call logic). */
        void onRemoteStream(Object stream);

        /** The answer to {@link PeerConnection#requestInboundBytes}: the media bytes received so far. */
        void onInboundBytes(double bytes);
    }
}
