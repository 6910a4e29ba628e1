package dev.meshcall.client.call;

import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.PeerConnectionFactory;
import dev.meshcall.client.signaling.SignalingChannel;
import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The seed's {@code videochat} object in plain Java: makes sessions, routes every incoming signal to its session
 * (or starts a ringing session for a new {@code call}), and holds the listeners. Everything runs on the page's one
 * event loop; nothing here touches the browser directly.
 */
public final class VideoChat {
    private static final int REMEMBERED_ENDED_SESSIONS = 64;

    private final VideoChatConfig config;
    private final SignalingChannel channel;
    private final PeerConnectionFactory peerConnections;
    private final Scheduler scheduler;
    private final Supplier<String> sessionIds;
    private final Log log;
    private final Listeners listeners;
    private final Map<String, CallSession> sessions = new LinkedHashMap<>();
    /** Sessions over here, with what to answer a late re-dial of each ({@code null}: nothing, just no ringing). */
    private final Map<String, Signal> endedSessions = new LinkedHashMap<>();

    /**
     * @param sessionIds makes new session ids (UUID v4 in the page)
     */
    public VideoChat(VideoChatConfig config, SignalingChannel channel, PeerConnectionFactory peerConnections,
            Scheduler scheduler, Supplier<String> sessionIds, Log log) {
        this.config = config;
        this.channel = channel;
        this.peerConnections = peerConnections;
        this.scheduler = scheduler;
        this.sessionIds = sessionIds;
        this.log = log;
        this.listeners = new Listeners(log);
    }

    /** Registers a listener; the returned handle removes it. */
    public Registration addListener(CallListener listener) {
        return listeners.add(listener);
    }

    /**
     * Starts a session with the given opponents: the seed's {@code createNewSession}.
     *
     * @param calleesIds   1 to 3 distinct user ids, not the current user
     * @param bandwidthKbps a cap on every participant's video bitrate, 0 for none
     * @throws IllegalStateException    when not connected
     * @throws IllegalArgumentException naming what is wrong with the callees
     */
    public CallSession createNewSession(List<Integer> calleesIds, CallType callType, int bandwidthKbps) {
        int me = channel.currentUserId();
        if (me == 0) {
            throw new IllegalStateException("cannot create a session: not connected (call chat.connect first)");
        }
        if (calleesIds.isEmpty() || calleesIds.size() > Limits.MAX_OPPONENTS) {
            throw new IllegalArgumentException("calleesIds must hold 1 to " + Limits.MAX_OPPONENTS
                    + " user ids (a mesh of at most 4 people), not " + calleesIds.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (int callee : calleesIds) {
            if (callee == me) {
                throw new IllegalArgumentException("calleesIds must not contain the current user " + me);
            }
            if (callee <= 0) {
                throw new IllegalArgumentException("calleesIds must hold user ids above 0, not " + callee);
            }
            if (!seen.add(callee)) {
                throw new IllegalArgumentException("calleesIds holds " + callee + " twice");
            }
        }
        if (bandwidthKbps < 0) {
            throw new IllegalArgumentException("bandwidth must be 0 (unlimited) or more kbit/s, not "
                    + bandwidthKbps);
        }
        CallSession session = new CallSession(this, sessionIds.get(), me, calleesIds, me, callType, bandwidthKbps);
        sessions.put(session.id(), session);
        return session;
    }

    /** The sessions that are not closed yet. */
    public Collection<CallSession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** Routes one signal from user {@code from}. */
    public void onSignal(int from, Signal signal) {
        CallSession session = sessions.get(signal.sessionId());
        if (session != null) {
            session.onSignal(from, signal);
            return;
        }
        if (signal.signalType() != SignalType.CALL) {
            log.info("ignoring " + signal.signalType().wireName() + " from user " + from + ": no session "
                    + signal.sessionId());
            return;
        }
        if (endedSessions.containsKey(signal.sessionId())) {
            // A re-dial of a call that is over here. If this user rejected or left it, the answer was lost: say it
            // again. Otherwise (answered on another device, or closed) it must not ring a second time.
            Signal answer = endedSessions.get(signal.sessionId());
            if (answer != null) {
                channel.send(from, answer);
            }
            return;
        }
        int me = channel.currentUserId();
        if (signal.callerId() == null || signal.callerId() != from || !signal.opponentsIds().contains(me)) {
            log.error("ignoring call from user " + from + ": it does not name that user as caller and "
                    + me + " as an opponent");
            return;
        }
        CallSession incoming = new CallSession(this, signal.sessionId(), from, signal.opponentsIds(), me,
                signal.callType(), 0);
        sessions.put(incoming.id(), incoming);
        incoming.onIncomingCall(signal);
        listeners.fire("onCall", l -> l.onCall(incoming, signal.userInfo()));
    }

    /** Ends every session at once (the connection to the server is gone). */
    public void stopAll() {
        for (CallSession session : sessions()) {
            if (session.state() != SessionState.CLOSED) {
                session.stop(new LinkedHashMap<>());
            }
        }
    }

    // ---- for CallSession ----

    VideoChatConfig config() {
        return config;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Log log() {
        return log;
    }

    Listeners listeners() {
        return listeners;
    }

    void send(int to, Signal signal) {
        channel.send(to, signal);
    }

    PeerConnection createPeerConnection(Object localStream, PeerConnection.Events events) {
        return peerConnections.create(localStream, config.alwaysRelayCalls(), events);
    }

    void forget(CallSession session) {
        sessions.remove(session.id());
        if (!endedSessions.containsKey(session.id())) {
            remember(session.id(), null);
        }
    }

    /** Remembers how this user left a session, to answer a late re-dial of it the same way. */
    void rememberEnded(CallSession session, SignalType how, Map<String, Object> extension) {
        remember(session.id(), Signal.builder(how, session.id()).callerId(session.initiatorId())
                .opponentsIds(session.opponentsIds()).platform("web").userInfo(extension).build());
    }

    private void remember(String sessionId, Signal answer) {
        endedSessions.put(sessionId, answer);
        if (endedSessions.size() > REMEMBERED_ENDED_SESSIONS) {
            Iterator<String> oldest = endedSessions.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
