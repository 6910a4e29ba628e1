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
     * Sends the tracks of {@code stream} (for a connection made before the local media was there): into the senders
     * {@link #reserveSenders} made, or, on the answering side, into the transceivers the remote offer made. The
     * answer ({@link #createAnswer}) makes every transceiver {@code sendrecv}, also one for which {@code stream} has
     * no track (the video of an audio call, everything when {@code stream} is {@code null}), so that
     * {@link #replaceTrack} can later start sending on it without a new offer.
     */
    void addLocalStream(Object stream);

    /**
     * Makes one sender for audio and one for video, with no track yet, both {@code sendrecv}: so that an offer can be
     * made before the local media exists and {@link #addLocalStream} later fills them without a new offer
     * ({@code replaceTrack}, <a href="https://www.w3.org/TR/webrtc/#dom-rtcrtpsender-replacetrack">webrtc-pc
     * 5.2</a>), and so that an audio call can later send a screen on the video one. {@code video}: whether the call
     * is a video call, whose video belongs to the stream the other side gets from the start; an audio call's joins
     * it only once it carries a screen.
     */
    void reserveSenders(boolean video);

    /**
     * Sends {@code track} (opaque: a browser track; {@code null}: nothing) on this link instead of the track of
     * {@code kind} ({@code "audio"} or {@code "video"}), or on that kind's empty sender: {@code replaceTrack}, with no
     * new offer. A failure is the implementation's to log.
     */
    void replaceTrack(String kind, Object track);

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

    /**
     * Tells the other side this user's mute state, over the link's own data channel ({@code docs/protocol.md}, "Mute
     * state"): now if it is open, else once it opens. Only the last state counts.
     */
    void sendMuteState(boolean audioMuted, boolean videoMuted);

    /**
     * Caps the outgoing video bitrate ({@code kbps} 0 removes the cap).
     *
     * @return the implementation's own asynchronous answer (in the page, a promise that settles once every video
     *     sender has the cap), or {@code null} when there is nothing to wait for
     */
    Object setMaxBandwidth(int kbps);

    /**
     * Makes this side's video start again from a key frame, on the link as it is. After an outage the other side
     * holds only frames that refer to frames it lost, and decodes nothing until a key frame comes; Chromium's
     * receiver asks for one (RTCP PLI, <a href="https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1">RFC 4585,
     * 6.3.1</a>) only about 1.5 s after media flows again, which would be most of a recovery's time. A failure is the
     * implementation's to log.
     */
    void sendKeyFrame();

    /**
     * The W3C stats of this connection, as the implementation's own asynchronous answer (in the page, the browser's
     * promise of an {@code RTCStatsReport}).
     */
    Object getStats();

    /**
     * Asks how many bytes have arrived on this connection so far: the media bytes, the {@code bytesReceived} of its
     * {@code inbound-rtp} stats summed (<a href="https://www.w3.org/TR/webrtc-stats/#inboundrtpstats-dict*">
     * webrtc-stats</a>), so that a link on which media stopped can be told from one that is fine; and the bytes of
     * any kind, its {@code transport} stats' {@code bytesReceived}
     * (<a href="https://www.w3.org/TR/webrtc-stats/#transportstats-dict*">webrtc-stats</a>), so that a lost path
     * can be told at once. The answer comes later to {@link Events#onInboundBytes}; when the stats cannot be read,
     * none comes.
     */
    void requestInboundBytes();

    /**
     * Stops sending video on this link ({@code held}), keeping its track, or sends the track again and then a key
     * frame ({@link #sendKeyFrame}). A track given to {@link #replaceTrack} while the video is held is kept for when
     * it is sent again. {@code replaceTrack(null)}, so no new offer; a failure is the implementation's to log.
     */
    void holdVideo(boolean held);

    /**
     * Asks for this link's stats, for {@link Events#onStatsReport}: the W3C report and a summary of it, with rates
     * over the time since the last request. When the stats cannot be read, no answer comes.
     */
    void requestStatsReport();

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

        /** The other side's mute state, as its SDK sent it ({@link PeerConnection#sendMuteState}). */
        void onRemoteMuteState(boolean audioMuted, boolean videoMuted);

        /** The answer to {@link PeerConnection#requestStatsReport} (opaque to the call logic). */
        void onStatsReport(Object stats);

        /**
         * The answer to {@link PeerConnection#requestInboundBytes}: the media bytes, and the bytes of any kind,
         * received so far.
         */
        void onInboundBytes(double media, double path);
    }
}
