package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.Result;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import dev.meshcall.client.rtc.jso.RTCIceCandidateInit;
import dev.meshcall.client.rtc.jso.RTCOfferOptions;
import dev.meshcall.client.rtc.jso.RTCPeerConnection;
import dev.meshcall.client.rtc.jso.RTCPeerConnectionIceErrorEvent;
import dev.meshcall.client.rtc.jso.RTCPeerConnectionIceEvent;
import dev.meshcall.client.rtc.jso.RTCRtpSender;
import dev.meshcall.client.rtc.jso.RTCSessionDescriptionInit;
import dev.meshcall.client.rtc.jso.RTCTrackEvent;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/**
 * {@link PeerConnection} on the browser's own {@code RTCPeerConnection}: turns its promises into {@link Result}s
 * and its events into {@link PeerConnection.Events}.
 */
final class BrowserPeerConnection implements PeerConnection, EventListener<Event>, LinkCallbacks {
    private final RTCPeerConnection connection;
    private final BrowserPeerConnectionFactory factory;
    private final boolean relayOnly;
    private final Events events;
    private final Log log;
    private boolean closed;
    /** The other side's stream, once reported. */
    private MediaStream remote;
    /** The senders {@link #reserveSenders} made, until {@link #addLocalStream} fills them; else {@code null}. */
    private JSObject reserved;
    /** {@code {channel, last}}: the link's data channel, and the last message for it (sent again when it opens). */
    private final JSObject channel;
    /** The totals of the last stats report, for the next one's rates. */
    private final JSObject statsMemory = newMemory();

    BrowserPeerConnection(BrowserPeerConnectionFactory factory, boolean relayOnly, Events events, Log log) {
        this.connection = new RTCPeerConnection(factory.configuration(relayOnly));
        this.factory = factory;
        this.relayOnly = relayOnly;
        this.events = events;
        this.log = log;
        connection.setOnIceCandidate(this);
        connection.setOnIceConnectionStateChange(this);
        connection.setOnIceCandidateError(this);
        connection.setOnTrack(this);
        channel = openChannel(connection, this);
    }

    /**
     * The link's data channel ({@code docs/protocol.md}, "Mute state"): negotiated, id 0, made on both sides before
     * the offer or answer, so that the first offer holds it and no signal announces it.
     */
    @JSBody(params = { "connection", "callbacks" }, script = "var h = {channel: connection.createDataChannel("
            + "'meshcall', {negotiated: true, id: 0}), last: null};"
            + " h.channel.onopen = function () { if (h.last !== null) { h.channel.send(h.last); } };"
            + " h.channel.onmessage = function (e) { callbacks.message(e.data); }; return h;")
    private static native JSObject openChannel(RTCPeerConnection connection, LinkCallbacks callbacks);

    /** Sends {@code text} on the channel of {@code holder} now if it is open, else when it opens. */
    @JSBody(params = { "holder", "text" }, script = "holder.last = text;"
            + " if (holder.channel.readyState === 'open') { holder.channel.send(text); }")
    private static native void send(JSObject holder, String text);

    @Override
    public void sendMuteState(boolean audioMuted, boolean videoMuted) {
        send(channel, "{\"type\":\"mute\",\"audio\":" + audioMuted + ",\"video\":" + videoMuted + "}");
    }

    /** A message of the other side: a mute state is reported; anything else is logged and dropped. */
    @Override
    public void message(JSObject data) {
        int mute = muteBits(data);
        if (closed) {
            return;
        }
        if (mute < 0) {
            log.info("ignoring a data channel message that is not a mute state");
        } else {
            events.onRemoteMuteState((mute & 1) != 0, (mute & 2) != 0);
        }
    }

    /** {@code {"type":"mute","audio":bool,"video":bool}} as bits (1 audio muted, 2 video muted); -1 if not that. */
    @JSBody(params = "data", script = "try { var m = typeof data === 'string' && data.length <= 256"
            + " ? JSON.parse(data) : null; return m && m.type === 'mute' && typeof m.audio === 'boolean'"
            + " && typeof m.video === 'boolean' ? (m.audio ? 1 : 0) + (m.video ? 2 : 0) : -1; } catch (e) {"
            + " return -1; }")
    private static native int muteBits(JSObject data);

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
            if (streams.getLength() == 0) {
                onFlowing(((RTCTrackEvent) event).getTrack(), this);
            } else if (remote == null) {
                remote = streams.get(0);
                events.onRemoteStream(BrowserValue.box(remote));
            }
        }
    }

    /**
     * A track in no stream (an audio call's video, once the other side shares a screen; see {@link #addLocalStream})
     * carries media: it joins the other side's stream, or is its stream when there is none yet.
     */
    @Override
    public void flowing(JSObject flowing) {
        MediaStreamTrack track = (MediaStreamTrack) flowing;
        if (closed) {
            return;
        }
        if (remote == null) {
            remote = new MediaStream();
            remote.addTrack(track);
            events.onRemoteStream(BrowserValue.box(remote));
        } else if (remote.getTrackById(track.getId()) == null) {
            remote.addTrack(track);
        }
    }

    /** Tells {@code then} when {@code track} first carries media ({@code unmute}), or now if it already does. */
    @JSBody(params = { "track", "callbacks" }, script = "if (!track.muted) { callbacks.flowing(track); } else {"
            + " track.addEventListener('unmute', function () { callbacks.flowing(track); }, {once: true}); }")
    private static native void onFlowing(MediaStreamTrack track, LinkCallbacks callbacks);

    @Override
    public void addLocalStream(Object stream) {
        addTracks(connection, (MediaStream) BrowserValue.unbox(stream), reserved);
        reserved = null;
    }

    /**
     * Each track of {@code stream} into the reserved sender of its kind while it has none, else a new sender (on the
     * answering side {@code addTrack} takes the remote offer's transceiver of that kind, also when the offer is still
     * being applied).
     */
    @JSBody(params = { "connection", "stream", "reserved" }, script = "if (stream) {"
            + " stream.getTracks().forEach(function (t) { var s = reserved && reserved[t.kind];"
            + " if (s && !s.track) { s.replaceTrack(t); } else { connection.addTrack(t, stream); } }); }")
    private static native void addTracks(RTCPeerConnection connection, MediaStream stream, JSObject reserved);

    /**
     * Makes the transceivers the remote offer left receiving only (those for which this side has no track: the
     * video of an audio call) {@code sendrecv}, in no stream, before the answer is made: the answer then lets a track
     * come later ({@link #replaceTrack}) without a new offer, and the other side adds it to this side's stream once
     * it carries media ({@link #handleEvent}). Here rather than in {@link #addLocalStream}, which may run while the
     * offer is still being applied, before its transceivers exist.
     */
    @JSBody(params = "connection", script = "connection.getTransceivers().forEach(function (x) {"
            + " if (x.direction === 'recvonly') { x.direction = 'sendrecv'; } });")
    private static native void sendOnEveryTransceiver(RTCPeerConnection connection);

    @Override
    public void reserveSenders(boolean video) {
        reserved = reserve(connection, video);
    }

    /**
     * The senders by kind, {@code {audio, video}}, in {@code sendrecv} transceivers (addTransceiver's default). The
     * audio one, and the video one of a video call, share one stream id, so the other side's {@code track} events
     * name one stream, as for tracks added with their stream; an audio call's video sender is in none, so the other
     * side's stream stays audio-only until a screen is sent on it.
     */
    @JSBody(params = { "connection", "video" }, script = "var o = {streams: [new MediaStream()]};"
            + " return {audio: connection.addTransceiver('audio', o).sender,"
            + " video: connection.addTransceiver('video', video ? o : {}).sender};")
    private static native JSObject reserve(RTCPeerConnection connection, boolean video);

    @Override
    public void replaceTrack(String kind, Object track) {
        JSArrayReader<RTCRtpSender> senders = senders(connection, kind);
        if (senders.getLength() == 0) {
            log.error("could not send the new " + kind + " track: no " + kind + " sender on this link");
            return;
        }
        Errors.then(replace(senders.get(0), (MediaStreamTrack) BrowserValue.unbox(track)), null,
                new LoggedFailure(log, "could not send the new " + kind + " track: "));
    }

    /** {@code replaceTrack}, or, while the sender's video is held ({@link #holdVideo}), the track to send after. */
    @JSBody(params = { "sender", "track" }, script = "return 'meshcallHeld' in sender"
            + " ? Promise.resolve(sender.meshcallHeld = track) : sender.replaceTrack(track);")
    private static native JSObject replace(RTCRtpSender sender, MediaStreamTrack track);

    @Override
    public void holdVideo(boolean held) {
        JSArrayReader<RTCRtpSender> senders = senders(connection, "video");
        for (int i = 0; i < senders.getLength(); i++) {
            Errors.then(hold(senders.get(i), held, this), null,
                    new LoggedFailure(log, "could not hold or resume the video: "));
        }
    }

    /**
     * Holds the track of {@code sender} aside and sends nothing, or sends it again and, 100 ms after, calls
     * {@code callbacks.videoBack} for a key frame (the sequence P3 of {@code scripts/bench.sh} measured; the
     * encoder has the track's frames again by then).
     */
    @JSBody(params = { "sender", "held", "callbacks" }, script = "var track = sender.meshcallHeld;"
            + " if (held === ('meshcallHeld' in sender)) { return Promise.resolve(); } if (held) {"
            + " sender.meshcallHeld = sender.track; return sender.replaceTrack(null); } delete sender.meshcallHeld;"
            + " return Promise.resolve(track && sender.replaceTrack(track).then(function () {"
            + " setTimeout(function () { callbacks.videoBack(); }, 100); }));")
    private static native JSObject hold(RTCRtpSender sender, boolean held, LinkCallbacks callbacks);

    @Override
    public void videoBack() {
        if (!closed) {
            sendKeyFrame();
        }
    }

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
        sendOnEveryTransceiver(connection);
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
    public Object setMaxBandwidth(int kbps) {
        JSArrayReader<RTCRtpSender> senders = senders(connection, "video");
        JSArray<JSObject> applied = new JSArray<>();
        for (int i = 0; i < senders.getLength(); i++) {
            JSObject setting = changeParameters(senders.get(i), "maxBitrate", kbps * 1000.0);
            Errors.then(setting, null,
                    new LoggedFailure(log, "could not cap the video bitrate at " + kbps + " kbit/s: "));
            applied.push(setting);
        }
        return BrowserValue.box(applied);
    }

    /**
     * Turns every video encoding off and on again: no browser lets a page ask its encoder for a key frame
     * ({@code generateKeyFrame} belongs to encoded transforms only), but an encoding made active again starts with
     * one.
     */
    @Override
    public void sendKeyFrame() {
        JSArrayReader<RTCRtpSender> senders = senders(connection, "video");
        for (int i = 0; i < senders.getLength(); i++) {
            RTCRtpSender sender = senders.get(i);
            if (sender.getTrack() != null) {
                changeParameters(sender, "active", 0);
                Errors.then(changeParameters(sender, "active", 1), null,
                        new LoggedFailure(log, "could not turn the video on again after asking for a key frame: "));
            }
        }
    }

    /**
     * Sets {@code key} of every encoding of {@code sender} ({@code maxBitrate} in bit/s, 0 deleting it and so lifting
     * the cap; or {@code active}, 0 or 1) once the changes asked before are applied, even if one of them failed:
     * {@code setParameters} takes only the parameters of the latest {@code getParameters}, and those do not show a
     * change still being applied (<a href="https://www.w3.org/TR/webrtc/#dom-rtcrtpsender-setparameters">webrtc-pc
     * 5.2</a>), so two changes made at once would undo one another or fail. Written in JavaScript whole: a Java
     * callback would cost meshcall.js a class per change.
     *
     * @return the promise of this change
     */
    @JSBody(params = { "sender", "key", "value" }, script = "var apply = function () {"
            + " var parameters = sender.getParameters(); (parameters.encodings || []).forEach(function (e) {"
            + " if (key === 'active') { e.active = value > 0; } else if (value > 0) { e[key] = value; }"
            + " else { delete e[key]; } }); return sender.setParameters(parameters); };"
            + " var applied = (sender.meshcallParameters || Promise.resolve()).then(apply, apply);"
            + " sender.meshcallParameters = applied; return applied;")
    private static native JSObject changeParameters(RTCRtpSender sender, String key, double value);

    /**
     * The senders of {@code kind}, told by their transceiver's kind rather than their track's: a sender that has no
     * track yet (an audio call's video) may get one later.
     */
    @JSBody(params = { "connection", "kind" }, script = "return connection.getTransceivers().filter(function (x) {"
            + " return !x.stopped && x.receiver.track.kind === kind; }).map(function (x) { return x.sender; });")
    private static native JSArrayReader<RTCRtpSender> senders(RTCPeerConnection connection, String kind);

    @Override
    public Object getStats() {
        return BrowserValue.box(connection.getStats());
    }

    @Override
    public void requestInboundBytes() {
        sumInboundBytes(connection, this);
    }

    /**
     * {@code answer} gets the {@code bytesReceived} of every {@code inbound-rtp} stats summed, and of every
     * {@code transport} stats; nothing on failure.
     */
    @JSBody(params = { "connection", "answer" }, script = "connection.getStats().then(function (report) {"
            + " var media = 0, path = 0; report.forEach(function (s) { if (s.type === 'inbound-rtp') {"
            + " media += s.bytesReceived || 0; } else if (s.type === 'transport') { path += s.bytesReceived || 0; } });"
            + " answer.received(media, path); }, function () {});")
    private static native void sumInboundBytes(RTCPeerConnection connection, LinkCallbacks answer);

    @Override
    public void received(double media, double path) {
        if (!closed) {
            events.onInboundBytes(media, path);
        }
    }

    @Override
    public void requestStatsReport() {
        summarize(connection, statsMemory, this);
    }

    @Override
    public void summary(JSObject summary) {
        if (!closed) {
            events.onStatsReport(BrowserValue.box(summary));
        }
    }

    /**
     * {@code answer} gets {@code {report, bitrateIn, bitrateOut, fps, width, height, rtt, packetLoss,
     * candidateType}}: the W3C report (<a href="https://www.w3.org/TR/webrtc-stats/">webrtc-stats</a>) and a summary
     * of it. Bitrates (kbit/s, every RTP stream's payload) and packet loss (% of inbound packets) are over the time
     * since the last report ({@code memory} keeps its totals), so the first has {@code null} bitrates; fps, width
     * and height are the inbound video's, {@code rtt} (ms) and {@code candidateType} (the local candidate's:
     * {@code host}, {@code srflx}, {@code relay}) the selected candidate pair's; {@code null} where the browser has
     * no value. Nothing on failure.
     */
    @JSBody(params = { "connection", "memory", "answer" }, script = "connection.getStats().then(function (report) {"
            + " var t = {at: performance.now(), bytesIn: 0, bytesOut: 0, lost: 0, received: 0}, video = null,"
            + " pair = null; report.forEach(function (s) { if (s.type === 'inbound-rtp') {"
            + " t.bytesIn += s.bytesReceived || 0; t.lost += s.packetsLost || 0; t.received += s.packetsReceived || 0;"
            + " if (s.kind === 'video') { video = s; } } else if (s.type === 'outbound-rtp') {"
            + " t.bytesOut += s.bytesSent || 0; } else if (s.type === 'transport' && s.selectedCandidatePairId) {"
            + " pair = report.get(s.selectedCandidatePairId); } });"
            + " var last = memory.last, seconds = last ? (t.at - last.at) / 1000 : 0; memory.last = t;"
            + " var rate = function (now, then) { return seconds > 0 ? Math.round(Math.max(0, now - then) * 8"
            + " / seconds / 1000) : null; };"
            + " var lost = last ? Math.max(0, t.lost - last.lost) : 0, got = last ? Math.max(0, t.received"
            + " - last.received) : 0; var local = pair && report.get(pair.localCandidateId);"
            + " answer.summary({report: report, bitrateIn: rate(t.bytesIn, last && last.bytesIn),"
            + " bitrateOut: rate(t.bytesOut, last && last.bytesOut),"
            + " fps: video && video.framesPerSecond !== undefined ? video.framesPerSecond : null,"
            + " width: video && video.frameWidth || null, height: video && video.frameHeight || null,"
            + " rtt: pair && typeof pair.currentRoundTripTime === 'number'"
            + " ? Math.round(pair.currentRoundTripTime * 1000) : null,"
            + " packetLoss: lost + got > 0 ? Math.round(1000 * lost / (lost + got)) / 10 : 0,"
            + " candidateType: local ? local.candidateType : null}); }, function () {});")
    private static native void summarize(RTCPeerConnection connection, JSObject memory, LinkCallbacks answer);

    @JSBody(script = "return {};")
    private static native JSObject newMemory();

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
