package dev.meshcall.client.call;

/**
 * The calling settings of {@code MeshCall.init(..., {videochat: {...}})}, in seconds as in the seed.
 */
public final class VideoChatConfig {
    /** The seed's default: give up on an unanswered call after 60 s. */
    public static final int DEFAULT_ANSWER_TIME_INTERVAL = 60;
    /** The seed's default: re-send {@code call} every 5 s until answered. */
    public static final int DEFAULT_DIALING_TIME_INTERVAL = 5;
    /** The seed's default: release a peer that stays disconnected for 30 s. */
    public static final int DEFAULT_DISCONNECT_TIME_INTERVAL = 30;

    private double answerTimeInterval = DEFAULT_ANSWER_TIME_INTERVAL;
    private double dialingTimeInterval = DEFAULT_DIALING_TIME_INTERVAL;
    private double disconnectTimeInterval = DEFAULT_DISCONNECT_TIME_INTERVAL;
    private boolean alwaysRelayCalls;
    private boolean autoRejectWhenBusy = true;
    private boolean autoIceRestart = true;
    private double statsReportTimeInterval;

    public double answerTimeInterval() {
        return answerTimeInterval;
    }

    /** Seconds a caller waits for each opponent's answer before {@code onUserNotAnswerListener}. */
    public VideoChatConfig answerTimeInterval(double seconds) {
        this.answerTimeInterval = positive(seconds, "answerTimeInterval");
        return this;
    }

    public double dialingTimeInterval() {
        return dialingTimeInterval;
    }

    /** Seconds between re-sent {@code call} signals while unanswered. */
    public VideoChatConfig dialingTimeInterval(double seconds) {
        this.dialingTimeInterval = positive(seconds, "dialingTimeInterval");
        return this;
    }

    public double disconnectTimeInterval() {
        return disconnectTimeInterval;
    }

    /** Seconds a peer may stay disconnected before its connection is released. */
    public VideoChatConfig disconnectTimeInterval(double seconds) {
        this.disconnectTimeInterval = positive(seconds, "disconnectTimeInterval");
        return this;
    }

    public boolean alwaysRelayCalls() {
        return alwaysRelayCalls;
    }

    /** Route media through TURN only ({@code iceTransportPolicy: "relay"}). */
    public VideoChatConfig alwaysRelayCalls(boolean value) {
        this.alwaysRelayCalls = value;
        return this;
    }

    public boolean autoRejectWhenBusy() {
        return autoRejectWhenBusy;
    }

    /**
     * Whether a call that arrives while this user is in another call (ringing, calling or talking) is declined at
     * once with {@code userInfo.busy = true}, without ringing. On by default.
     */
    public VideoChatConfig autoRejectWhenBusy(boolean value) {
        this.autoRejectWhenBusy = value;
        return this;
    }

    public double statsReportTimeInterval() {
        return statsReportTimeInterval;
    }

    /**
     * Seconds between two {@link CallListener#onCallStatsReport}s of each connected link; 0 (the default) for none.
     */
    public VideoChatConfig statsReportTimeInterval(double seconds) {
        this.statsReportTimeInterval = seconds == 0 ? 0 : positive(seconds, "statsReportTimeInterval (0: off)");
        return this;
    }

    public boolean autoIceRestart() {
        return autoIceRestart;
    }

    /**
     * Whether a link that stays disconnected or fails restarts ICE by itself ({@code docs/js-api.md}, "Network
     * changes"). On by default; off leaves it to the app's {@code session.iceRestart(userId)}, as in the seed.
     */
    public VideoChatConfig autoIceRestart(boolean value) {
        this.autoIceRestart = value;
        return this;
    }

    int answerMillis() {
        return (int) (answerTimeInterval * 1000);
    }

    int dialingMillis() {
        return (int) (dialingTimeInterval * 1000);
    }

    int disconnectMillis() {
        return (int) (disconnectTimeInterval * 1000);
    }

    private static double positive(double seconds, String name) {
        if (!(seconds > 0) || seconds > 86400) {
            // Said without the value: formatting a double would cost the browser bundle Java's number printing.
            throw new IllegalArgumentException(name + " must be more than 0 and at most 86400 seconds");
        }
        return seconds;
    }
}
