package dev.meshcall.client.call;

import dev.meshcall.client.Log;

/**
 * The registered {@link CallListener}s. Each is called in turn; one that throws is logged and the others still
 * run, so an app's bug in one callback cannot break the call.
 *
 * <p>An event is a constant naming the {@link CallListener} method plus its arguments, rather than a lambda per
 * call site: in {@code meshcall.js} every lambda is a class of its own.
 */
final class Listeners {
    static final int CALL = 0;
    static final int ACCEPT_CALL = 1;
    static final int REJECT_CALL = 2;
    static final int STOP_CALL = 3;
    static final int USER_NOT_ANSWER = 4;
    static final int REMOTE_STREAM = 5;
    static final int CONNECTION_STATE_CHANGED = 6;
    static final int SESSION_CLOSE = 7;
    /** {@code value}: the kind ({@code "audio"}/{@code "video"}); {@code state}: 1 muted, 0 unmuted. */
    static final int REMOTE_MUTE = 8;
    static final int STATS_REPORT = 9;

    private final SmallList<CallListener> listeners = new SmallList<>();
    private final Log log;

    Listeners(Log log) {
        this.log = log;
    }

    void add(CallListener listener) {
        listeners.add(listener);
    }

    /** Removes {@code listener}; a no-op when it is not registered. */
    void remove(CallListener listener) {
        listeners.remove(listener);
    }

    /**
     * Calls {@code event} on every listener registered now (one may add or remove listeners meanwhile), with
     * those of {@code userId}, {@code state} (a {@link SessionConnectionState}) and {@code value} (the extension or
     * the stream) that its method takes.
     */
    void fire(int event, CallSession session, int userId, int state, Object value) {
        for (Object listener : listeners.snapshot()) {
            try {
                deliver((CallListener) listener, event, session, userId, state, value);
            } catch (RuntimeException e) {
                log.error(name(event) + " listener threw: " + e.getMessage());
            }
        }
    }

    /** The {@link CallListener} method of {@code event}, for messages (made on each call: no static field). */
    private static String name(int event) {
        return new String[] {"onCall", "onAcceptCall", "onRejectCall", "onStopCall", "onUserNotAnswer",
            "onRemoteStream", "onSessionConnectionStateChanged", "onSessionClose", "onRemoteMute",
            "onCallStatsReport"}[event];
    }

    private static void deliver(CallListener listener, int event, CallSession session, int userId, int state,
            Object value) {
        switch (event) {
            case CALL:
                listener.onCall(session, value);
                break;
            case ACCEPT_CALL:
                listener.onAcceptCall(session, userId, value);
                break;
            case REJECT_CALL:
                listener.onRejectCall(session, userId, value);
                break;
            case STOP_CALL:
                listener.onStopCall(session, userId, value);
                break;
            case USER_NOT_ANSWER:
                listener.onUserNotAnswer(session, userId);
                break;
            case REMOTE_STREAM:
                listener.onRemoteStream(session, userId, value);
                break;
            case CONNECTION_STATE_CHANGED:
                listener.onSessionConnectionStateChanged(session, userId, state);
                break;
            case STATS_REPORT:
                listener.onCallStatsReport(session, userId, value);
                break;
            case REMOTE_MUTE:
                listener.onRemoteMute(session, userId, (String) value, state == 1);
                break;
            default:
                listener.onSessionClose(session);
        }
    }
}
