package dev.meshcall.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One WebSocket frame between browser and server. Which fields are set depends on the {@link Op}; build frames with
 * the static factories, which set exactly the fields of their op.
 */
public final class Frame {
    private final Op op;
    private final String token;
    private final Integer userId;
    private final Integer to;
    private final Integer from;
    private final Signal signal;
    private final String id;
    private final Boolean online;
    private final ErrorCode code;
    private final String message;
    private final String ref;
    private final List<IceServer> iceServers;
    private final Integer ttl;

    private Frame(Op op, String token, Integer userId, Integer to, Integer from, Signal signal, String id,
            Boolean online, ErrorCode code, String message, String ref) {
        this(op, token, userId, to, from, signal, id, online, code, message, ref, null, null);
    }

    private Frame(Op op, String token, Integer userId, Integer to, Integer from, Signal signal, String id,
            Boolean online, ErrorCode code, String message, String ref, List<IceServer> iceServers, Integer ttl) {
        this.op = op;
        this.token = token;
        this.userId = userId;
        this.to = to;
        this.from = from;
        this.signal = signal;
        this.id = id;
        this.online = online;
        this.code = code;
        this.message = message;
        this.ref = ref;
        this.iceServers = iceServers;
        this.ttl = ttl;
    }

    /** {@code {"op":"auth","token":T}}. */
    public static Frame auth(String token) {
        return new Frame(Op.AUTH, Objects.requireNonNull(token), null, null, null, null, null, null, null, null,
                null);
    }

    /** {@code {"op":"ready","userId":U}}: no STUN or TURN servers to hand out. */
    public static Frame ready(int userId) {
        return new Frame(Op.READY, null, userId, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code {"op":"ready","userId":U,"iceServers":[...],"ttl":S}}: the STUN/TURN servers the browser may use, and
     * for how many seconds their credentials are valid. An empty list leaves both fields out.
     *
     * @param ttl seconds the TURN credentials stay valid, or {@code null} when no server has credentials
     */
    public static Frame ready(int userId, List<IceServer> iceServers, Integer ttl) {
        if (iceServers.isEmpty()) {
            if (ttl != null) {
                throw new IllegalArgumentException("a ttl belongs to iceServers, and there are none");
            }
            return ready(userId);
        }
        return new Frame(Op.READY, null, userId, null, null, null, null, null, null, null, null,
                Collections.unmodifiableList(new ArrayList<>(iceServers)), ttl);
    }

    /** A signal from the browser: {@code {"op":"signal","to":U,"signal":{...},"ref":R}}; {@code ref} may be null. */
    public static Frame signalTo(int to, Signal signal, String ref) {
        return new Frame(Op.SIGNAL, null, null, to, null, Objects.requireNonNull(signal), null, null, null, null,
                ref);
    }

    /** A signal to the browser: {@code {"op":"signal","from":U,"signal":{...}}}, {@code from} set by the server. */
    public static Frame signalFrom(int from, Signal signal) {
        return new Frame(Op.SIGNAL, null, null, null, from, Objects.requireNonNull(signal), null, null, null, null,
                null);
    }

    /** {@code {"op":"ping","id":X}}. */
    public static Frame ping(String id) {
        return new Frame(Op.PING, null, null, null, null, null, Objects.requireNonNull(id), null, null, null, null);
    }

    /** {@code {"op":"pong","id":X}}. */
    public static Frame pong(String id) {
        return new Frame(Op.PONG, null, null, null, null, null, Objects.requireNonNull(id), null, null, null, null);
    }

    /** {@code {"op":"presence","userId":U,"online":B}}. */
    public static Frame presence(int userId, boolean online) {
        return new Frame(Op.PRESENCE, null, userId, null, null, null, null, online, null, null, null);
    }

    /** {@code {"op":"error","code":C,"message":M,"ref":R}}; {@code ref} may be null. */
    public static Frame error(ErrorCode code, String message, String ref) {
        return new Frame(Op.ERROR, null, null, null, null, null, null, null, Objects.requireNonNull(code),
                Objects.requireNonNull(message), ref);
    }

    public Op op() {
        return op;
    }

    public String token() {
        return token;
    }

    public Integer userId() {
        return userId;
    }

    public Integer to() {
        return to;
    }

    public Integer from() {
        return from;
    }

    public Signal signal() {
        return signal;
    }

    public String id() {
        return id;
    }

    public Boolean online() {
        return online;
    }

    public ErrorCode code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** For a browser's signal: its own reference, echoed in an error about it. For an error: that reference. */
    public String ref() {
        return ref;
    }

    /** In {@code ready}: the STUN/TURN servers, or {@code null} when there are none. */
    public List<IceServer> iceServers() {
        return iceServers;
    }

    /** In {@code ready}: seconds the TURN credentials of {@link #iceServers()} stay valid, or {@code null}. */
    public Integer ttl() {
        return ttl;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Frame)) {
            return false;
        }
        Frame that = (Frame) other;
        return op == that.op && Objects.equals(token, that.token) && Objects.equals(userId, that.userId)
                && Objects.equals(to, that.to) && Objects.equals(from, that.from)
                && Objects.equals(signal, that.signal) && Objects.equals(id, that.id)
                && Objects.equals(online, that.online) && code == that.code
                && Objects.equals(message, that.message) && Objects.equals(ref, that.ref)
                && Objects.equals(iceServers, that.iceServers) && Objects.equals(ttl, that.ttl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, token, userId, to, from, signal, id, online, code, message, ref, iceServers, ttl);
    }

    /** Names the frame without its token, SDP or TURN credentials, so that it is safe to log. */
    @Override
    public String toString() {
        return "Frame[" + op.wireName() + (userId == null ? "" : " userId=" + userId)
                + (to == null ? "" : " to=" + to) + (from == null ? "" : " from=" + from)
                + (signal == null ? "" : " " + signal) + (code == null ? "" : " code=" + code.wireName())
                + (ref == null ? "" : " ref=" + ref)
                + (iceServers == null ? "" : " iceServers=" + iceServers.size()) + (ttl == null ? "" : " ttl=" + ttl)
                + "]";
    }
}
