package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.Result;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.RTCIceCandidateInit;
import dev.meshcall.client.rtc.jso.RTCOfferOptions;
import dev.meshcall.client.rtc.jso.RTCPeerConnection;
import dev.meshcall.client.rtc.jso.RTCPeerConnectionIceErrorEvent;
import dev.meshcall.client.rtc.jso.RTCPeerConnectionIceEvent;
import dev.meshcall.client.rtc.jso.RTCRtpSendParameters;
import dev.meshcall.client.rtc.jso.RTCRtpSender;
import dev.meshcall.client.rtc.jso.RTCSessionDescriptionInit;
import dev.meshcall.client.rtc.jso.RTCTrackEvent;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/**
 * {@link PeerConnection} on the browser's own {@code RTCPeerConnection}: turns its promises into {@link Result}s
 * and its events into {@link PeerConnection.Events}.
 */
final class BrowserPeerConnection implements PeerConnection, EventListener<Event>, InboundBytes {
    private final RTCPeerConnection connection;
    private final BrowserPeerConnectionFactory factory;
    private final boolean relayOnly;
    private final Events events;
    private final Log log;
    private boolean closed;
    private boolean streamReported;
    /** The senders {@link #reserveSenders} made, until {@link #addLocalStream} fills them; else {@code null}. */
    private JSObject reserved;

    BrowserPeerConnection(BrowserPeerConnectionFactory factory, boolean relayOnly, Object localStream, Events events,
            Log log) {
        this.connection = new RTCPeerConnection(factory.configuration(relayOnly));
        this.factory = factory;
        this.relayOnly = relayOnly;
        this.events = events;
        this.log = log;
        addLocalStream(localStream);
        connection.setOnIceCandidate(this);
        connection.setOnIceConnectionStateChange(this);
        connection.setOnIceCandidateError(this);
        connection.setOnTrack(this);
    }

    /**
     * The connection's {@code icecandidate}, {@code iceconnectionstatechange}, {@code icecandidateerror} and
     * {@code track} events, told apart by type: one handler rather than four lambdas, each a class of its own in
     * meshcall.js.
     */
    @Override
    public void handleEvent(Event event) {
        if (closed) {
            return;
        }
        String type = event.getType();
        if (type.equals("icecandidate")) {
            RTCIceCandidateInit candidate = ((RTCPeerConnectionIceEvent) event).getCandidate();
            if (candidate != null && candidate.getCandidate() != null && !candidate.getCandidate().isEmpty()) {
                events.onIceCandidate(BrowserValue.box(RTCIceCandidateInit.forWire(candidate)));
            }
        } else if (type.equals("iceconnectionstatechange")) {
            events.onIceConnectionStateChange(connection.getIceConnectionState());
        } else if (type.equals("icecandidateerror")) {
            // The only word there is of a TURN server refusing its credentials: the link itself just never connects.
            RTCPeerConnectionIceErrorEvent error = (RTCPeerConnectionIceErrorEvent) event;
            log.error("ICE server " + error.getUrl() + " answered " + error.getErrorCode() + " " + error.getErrorText()
                    + (error.getErrorCode() == 401 ? " (TURN credentials wrong or expired)" : ""));
        } else {
            // One report per peer, not per track: all tracks of one negotiation share the stream.
            JSArrayReader<MediaStream> streams = ((RTCTrackEvent) event).getStreams();
            if (!streamReported && streams.getLength() > 0) {
                streamReported = true;
                events.onRemoteStream(BrowserValue.box(streams.get(0)));
            }
        }
    }

    @Override
    public void addLocalStream(Object stream) {
        MediaStream local = (MediaStream) BrowserValue.unbox(stream);
        if (local != null) {
            addTracks(connection, local, reserved);
        }
        reserved = null;
    }

    /** Each track of {@code stream} into the reserved sender of its kind while it has none, else a new sender. */
    @JSBody(params = { "connection", "stream", "reserved" }, script = "stream.getTracks().forEach(function (t) {"
            + " var s = reserved && reserved[t.kind];"
            + " if (s && !s.track) { s.replaceTrack(t); } else { connection.addTrack(t, stream); } });")
    private static native void addTracks(RTCPeerConnection connection, MediaStream stream, JSObject reserved);

    @Override
    public void reserveSenders(boolean video) {
        reserved = reserve(connection, video);
    }

    /**
     * The senders by kind, {@code {audio, video}}, in {@code sendrecv} transceivers (addTransceiver's default). They
     * share one stream id, so the other side's {@code track} events name one stream, as for tracks added with their
     * stream.
     */
    @JSBody(params = { "connection", "video" }, script = "var o = {streams: [new MediaStream()]};"
            + " var r = {audio: connection.addTransceiver('audio', o).sender};"
            + " if (video) { r.video = connection.addTransceiver('video', o).sender; } return r;")
    private static native JSObject reserve(RTCPeerConnection connection, boolean video);

    @Override
    public void createOffer(boolean iceRestart, Result<? super String> created, Result<? super Void> applied) {
        RTCOfferOptions options = RTCOfferOptions.create();
        options.setIceRestart(iceRestart);
        if (iceRestart) {
            // A restart gathers afresh: with the TURN credentials of now, not those of when the call began.
            connection.setConfiguration(factory.configuration(relayOnly));
        }
        Outcome.made(connection.createOffer(options), connection, created, applied);
    }

    @Override
    public void createAnswer(Result<? super String> created, Result<? super Void> applied) {
        Outcome.made(connection.createAnswer(), connection, created, applied);
    }

    @Override
    public void setRemoteDescription(boolean offer, String sdp, Result<? super Void> result) {
        Outcome.settle(connection.setRemoteDescription(RTCSessionDescriptionInit.create(offer ? "offer" : "answer",
                sdp)), result);
    }

    @Override
    public boolean hasRemoteDescription() {
        return connection.getRemoteDescription() != null;
    }

    @Override
    public String localSdp() {
        RTCSessionDescriptionInit description = connection.getLocalDescription();
        return description == null ? null : description.getSdp();
    }

    @Override
    public void addIceCandidate(Object candidate) {
        Errors.then(connection.addIceCandidate((RTCIceCandidateInit) BrowserValue.unbox(candidate)), null,
                new LoggedFailure(log, "could not add a remote candidate: "));
    }

    @Override
    public void setMaxBandwidth(int kbps) {
        JSArrayReader<RTCRtpSender> senders = connection.getSenders();
        for (int i = 0; i < senders.getLength(); i++) {
            RTCRtpSender sender = senders.get(i);
            if (sender.getTrack() == null || !"video".equals(sender.getTrack().getKind())) {
                continue;
            }
            RTCRtpSendParameters parameters = sender.getParameters();
            for (int e = 0; e < parameters.encodingCount(); e++) {
                parameters.setMaxBitrate(e, kbps * 1000.0);
            }
            Errors.then(sender.setParameters(parameters), null,
                    new LoggedFailure(log, "could not cap the video bitrate at " + kbps + " kbit/s: "));
        }
    }

    @Override
    public Object getStats() {
        return BrowserValue.box(connection.getStats());
    }

    @Override
    public void requestInboundBytes() {
        sumInboundBytes(connection, this);
    }

    /** {@code answer} gets the {@code bytesReceived} of every {@code inbound-rtp} stats summed; nothing on failure. */
    @JSBody(params = { "connection", "answer" }, script = "connection.getStats().then(function (report) {"
            + " var bytes = 0; report.forEach(function (s) { if (s.type === 'inbound-rtp') {"
            + " bytes += s.bytesReceived || 0; } }); answer(bytes); }, function () {});")
    private static native void sumInboundBytes(RTCPeerConnection connection, InboundBytes answer);

    @Override
    public void received(double bytes) {
        if (!closed) {
            events.onInboundBytes(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
    }

    /** The browser's connection, for the JavaScript face (stats). */
    JSObject browserObject() {
        return connection;
    }
}
