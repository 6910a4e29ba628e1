package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.Result;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer connection that records what the state machine asks of it and answers asynchronously through the
 * {@link FakeScheduler}, as the browser's promises do. Tests drive its events by hand.
 */
final class FakePeerConnection implements PeerConnection {
    final int ownerId;
    Object localStream;
    final Events events;
    private final FakeScheduler scheduler;
    String localSdp;
    String remoteSdp;
    final List<Object> addedCandidates = new ArrayList<>();
    int maxBandwidth = -1;
    boolean closed;
    /** Whether an audio and a video sender were reserved before the local media was added; the video in the stream. */
    boolean reserved;
    boolean reservedVideo;
    /** The tracks {@link #replaceTrack} was given, in order. */
    final List<Object> replacedTracks = new ArrayList<>();
    String failNext;
    /** Set: the next description made is handed out, but setting it as the local one fails with this. */
    String failApply;
    /** Whether a description made is handed out but never set as the local one (the browser is still at it). */
    boolean holdLocalDescription;
    /** How many remote descriptions the state machine asked to set. */
    int remoteDescriptionsSet;
    /** The media bytes received so far, as {@link #requestInboundBytes} answers; tests move it. */
    double inboundBytes;
    /** The bytes of any kind received so far, as {@link #requestInboundBytes} answers; tests move it. */
    double pathBytes;
    /** How often the state machine asked for {@link #inboundBytes}. */
    int inboundBytesRequests;
    /** What {@link #holdVideo} was told, in order. */
    final List<Boolean> videoHolds = new ArrayList<>();

    FakePeerConnection(int ownerId, Events events, FakeScheduler scheduler) {
        this.ownerId = ownerId;
        this.events = events;
        this.scheduler = scheduler;
    }

    @Override
    public void addLocalStream(Object stream) {
        localStream = stream;
    }

    @Override
    public void reserveSenders(boolean video) {
        reserved = true;
        reservedVideo = video;
    }

    /** The mute states sent, "audio,video" as booleans, in order. */
    final List<String> sentMuteStates = new ArrayList<>();

    @Override
    public void sendMuteState(boolean audioMuted, boolean videoMuted) {
        sentMuteStates.add(audioMuted + "," + videoMuted);
    }

    /** How often the state machine asked for a stats report. */
    int statsReportRequests;

    @Override
    public void requestStatsReport() {
        statsReportRequests++;
    }

    @Override
    public void replaceTrack(String kind, Object track) {
        replacedTracks.add(kind + ":" + track);
    }

    @Override
    public void createOffer(boolean iceRestart, Result<? super String> created, Result<? super Void> applied) {
        make("offer-from-" + ownerId + (iceRestart ? "-restart" : ""), created, applied);
    }

    @Override
    public void createAnswer(Result<? super String> created, Result<? super Void> applied) {
        make("answer-from-" + ownerId, created, applied);
    }

    /** As the browser's: the description is handed out the moment it exists, and set as the local one a turn later. */
    private void make(String sdp, Result<? super String> created, Result<? super Void> applied) {
        scheduler.schedule(0, () -> {
            if (failNext != null) {
                created.failed(failNext);
                return;
            }
            created.succeeded(sdp);
            if (holdLocalDescription) {
                return;
            }
            scheduler.schedule(0, () -> {
                if (failApply != null) {
                    applied.failed(failApply);
                    return;
                }
                localSdp = sdp;
                applied.succeeded(null);
            });
        });
    }

    @Override
    public void setRemoteDescription(boolean offer, String sdp, Result<? super Void> result) {
        remoteDescriptionsSet++;
        scheduler.schedule(0, () -> {
            if (failNext != null) {
                result.failed(failNext);
                return;
            }
            remoteSdp = sdp;
            result.succeeded(null);
        });
    }

    @Override
    public boolean hasRemoteDescription() {
        return remoteSdp != null;
    }

    @Override
    public String localSdp() {
        return localSdp;
    }

    @Override
    public void addIceCandidate(Object candidate) {
        if (remoteSdp == null) {
            throw new IllegalStateException("candidate added before the remote description");
        }
        addedCandidates.add(candidate);
    }

    @Override
    public Object setMaxBandwidth(int kbps) {
        maxBandwidth = kbps;
        return "capped-at-" + kbps;
    }

    /** How often the state machine asked for a key frame. */
    int keyFrames;

    @Override
    public void sendKeyFrame() {
        keyFrames++;
    }

    @Override
    public Object getStats() {
        return "stats-of-" + ownerId;
    }

    /** As the browser's stats: the answer comes a turn later, with the bytes of when it was asked. */
    @Override
    public void requestInboundBytes() {
        inboundBytesRequests++;
        double bytes = inboundBytes;
        double path = pathBytes;
        scheduler.schedule(0, () -> events.onInboundBytes(bytes, path));
    }

    @Override
    public void holdVideo(boolean held) {
        videoHolds.add(held);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The browser gathered a local candidate. */
    void gather(String candidate) {
        events.onIceCandidate(candidate);
    }

    /** The ICE connection state changed (an {@code IceConnectionState} string). */
    void ice(String state) {
        events.onIceConnectionStateChange(state);
    }
}
