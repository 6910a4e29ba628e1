package dev.meshcall.client.call;

import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.PeerConnectionFactory;
import dev.meshcall.client.signaling.CallSignal;
import dev.meshcall.client.signaling.SignalingChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One user in a JVM test: a {@link VideoChat} over fake peer connections, wired to the others through an in-memory
 * switchboard that delivers signals asynchronously, and a log of every listener call.
 */
final class Phone implements SignalingChannel {
    final int userId;
    final VideoChat chat;
    final List<String> events = new ArrayList<>();
    final List<CallSignal> sent = new ArrayList<>();
    final List<FakePeerConnection> connections = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    /** Every local stream whose tracks the call logic stopped, in order. */
    final List<Object> stoppedStreams = new ArrayList<>();
    CallSession lastIncoming;
    /** {@link #stoppedStreams} as it was when the app last heard a session close. */
    List<Object> stoppedWhenClosed = List.of();
    Object lastExtension;
    private final FakeScheduler scheduler;
    private final Map<Integer, Phone> switchboard;
    boolean online = true;
    /** What {@link #checkAlive} answers: whether this phone's signaling connection is up. */
    boolean signalingUp = true;
    int aliveChecks;

    Phone(int userId, FakeScheduler scheduler, Map<Integer, Phone> switchboard, VideoChatConfig config) {
        this.userId = userId;
        this.scheduler = scheduler;
        this.switchboard = switchboard;
        switchboard.put(userId, this);
        Log log = new Log() {
            @Override
            public void error(String message) {
                errors.add(message);
            }

            @Override
            public void info(String message) {
            }
        };
        int[] ids = {0};
        PeerConnectionFactory peerConnections = new PeerConnectionFactory() {
            @Override
            public PeerConnection create(boolean relayOnly, PeerConnection.Events events) {
                FakePeerConnection connection = new FakePeerConnection(userId, events, scheduler);
                connections.add(connection);
                return connection;
            }

            @Override
            public void stopLocalStream(Object stream) {
                stoppedStreams.add(stream);
            }
        };
        this.chat = new VideoChat(config, this, peerConnections, scheduler,
                () -> "session-" + userId + "-" + (++ids[0]), log, Map.of("busy", true));
        chat.addListener(new CallListener() {
            @Override
            public void onCall(CallSession session, Object extension) {
                lastIncoming = session;
                lastExtension = extension;
                events.add("call from " + session.initiatorId());
            }

            @Override
            public void onAcceptCall(CallSession session, int from, Object extension) {
                lastExtension = extension;
                events.add("accept from " + from);
            }

            @Override
            public void onRejectCall(CallSession session, int from, Object extension) {
                lastExtension = extension;
                events.add("reject from " + from);
            }

            @Override
            public void onStopCall(CallSession session, int from, Object extension) {
                lastExtension = extension;
                events.add("stop from " + from);
            }

            @Override
            public void onUserNotAnswer(CallSession session, int from) {
                events.add("no answer from " + from);
            }

            @Override
            public void onRemoteStream(CallSession session, int from, Object stream) {
                events.add("stream from " + from);
            }

            @Override
            public void onSessionConnectionStateChanged(CallSession session, int from, int state) {
                events.add(from + " " + SessionConnectionState.name(state));
            }

            @Override
            public void onCallStatsReport(CallSession session, int from, Object stats) {
                events.add("stats from " + from + ": " + stats);
            }

            @Override
            public void onRemoteMute(CallSession session, int from, String kind, boolean muted) {
                events.add(from + (muted ? " muted " : " unmuted ") + kind);
            }

            @Override
            public void onSessionClose(CallSession session) {
                events.add("closed " + session.id());
                stoppedWhenClosed = new ArrayList<>(stoppedStreams);
            }
        });
    }

    @Override
    public void send(int to, CallSignal signal) {
        sent.add(signal);
        if (signal.userInfo() instanceof Map<?, ?> info && info.get("maxBandwidth") instanceof Number kbps) {
            signal.maxBandwidth(kbps.intValue()); // as the signaling layer reads it from the wire's userInfo
        }
        Phone target = switchboard.get(to);
        if (target != null && target.online) {
            scheduler.schedule(0, () -> target.chat.onSignal(userId, signal));
        }
    }

    @Override
    public int currentUserId() {
        return userId;
    }

    @Override
    public boolean checkAlive() {
        aliveChecks++;
        return signalingUp;
    }

    CallSession call(Phone callee, Map<String, Object> extension) {
        CallSession session = chat.createNewSession(new int[] {callee.userId}, 1, 0);
        session.setLocalStream("camera-of-" + userId);
        Object bandwidth = extension.get("maxBandwidth");
        session.call(extension, bandwidth == null ? 0 : ((Number) bandwidth).intValue());
        return session;
    }

    /** Starts a video session with {@code callees} and rings them, with an empty extension. */
    CallSession callAll(Phone... callees) {
        int[] ids = new int[callees.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = callees[i].userId;
        }
        CallSession session = chat.createNewSession(ids, 1, 0);
        session.setLocalStream("camera-of-" + userId);
        session.call(Map.of(), 0);
        return session;
    }

    /** Accepts the last incoming call with the camera and the extension {@code {by: userId}}. */
    CallSession accept() {
        lastIncoming.setLocalStream("camera-of-" + userId);
        lastIncoming.accept(Map.of("by", userId));
        return lastIncoming;
    }

    /** The newest peer connection of this phone to {@code peerId}. */
    FakePeerConnection connectionTo(int peerId) {
        for (int i = connections.size() - 1; i >= 0; i--) {
            if (((PeerSession) connections.get(i).events).userId == peerId) {
                return connections.get(i);
            }
        }
        throw new AssertionError("user " + userId + " has no connection to " + peerId);
    }

    FakePeerConnection connection() {
        return connections.get(connections.size() - 1);
    }

    long sentOf(String type) {
        return sent.stream().filter(s -> s.type().equals(type)).count();
    }
}
