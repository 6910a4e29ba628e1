package dev.meshcall.client.signaling;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.protocol.Limits;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.websocket.CloseEvent;
import org.teavm.jso.websocket.WebSocket;

/**
 * The signaling WebSocket to the MeshCall server ({@code docs/protocol.md}): authenticates with the first frame,
 * then carries signals, pings and presence. Frames are parsed by the browser ({@link BrowserJson}) and checked by
 * the protocol's rules ({@link FrameCheck}) before anything is read from them. Signals sent while the socket is
 * down (calls keep their media then) wait in a small outbox and leave when the same user is connected again. Pings
 * (the app's {@code pingWithTimeout} and {@link #checkAlive}'s) wait for their pong in one table.
 */
public final class ChatConnection implements SignalingChannel {
    /** How long the server has to answer {@link #checkAlive}'s ping before the socket is given up as lost. */
    private static final int ALIVE_TIMEOUT_MILLIS = 3000;
    private static final String ALIVE_PING = "alive";
    /** Signals kept while the socket is down: enough for the last words of a few calls (hang-ups, a restart). */
    private static final int OUTBOX_SIZE = 32;

    /** What the connection reports, on the page's event loop. */
    public interface Handler {
        /**
         * The server authenticated the socket. {@code iceServers}: the {@code RTCIceServer} list it hands out
         * (TURN credentials included), {@code null} when it has none; {@code ttl}: seconds those credentials last.
         */
        void onReady(int userId, JSObject iceServers, int ttl);

        void onSignal(int from, CallSignal signal);

        void onPresence(int userId, boolean online);

        /** The socket closed; {@code wasReady} tells whether it had authenticated. */
        void onClose(int code, String reason, boolean wasReady);
    }

    private final Log log;
    private WebSocket socket;
    private Handler handler;
    private int userId;
    private int nextRef;
    /** The pings waiting for their pong: id to {@code {resolve, reject}} (a JavaScript object without prototype). */
    private final JSObject pendingPings = newPingTable();
    /** The user the outbox's signals are from: the last one connected. */
    private int outboxUserId;
    private final String[] outbox = new String[OUTBOX_SIZE];
    private int outboxLength;

    public ChatConnection(Log log) {
        this.log = log;
    }

    /** Opens the socket to {@code url} and authenticates with {@code token}. */
    public void open(String url, String token, Handler handler) {
        close();
        this.handler = handler;
        socket = new WebSocket(url);
        Socket events = new Socket(socket, token);
        socket.addEventListener("open", events);
        socket.addEventListener("message", events);
        socket.addEventListener("close", events);
    }

    /**
     * The events of one socket, told apart by type (one class in meshcall.js rather than a lambda each). A socket
     * this connection has since closed or replaced is no longer heard.
     */
    private final class Socket implements EventListener<Event> {
        private final WebSocket opened;
        private final String token;

        Socket(WebSocket opened, String token) {
            this.opened = opened;
            this.token = token;
        }

        @Override
        public void handleEvent(Event event) {
            String type = event.getType();
            if (type.equals("open")) {
                opened.send(authFrame(token));
            } else if (socket != opened) {
                return;
            } else if (type.equals("message")) {
                onText(((MessageEvent) event).getDataAsString());
            } else {
                CloseEvent closed = (CloseEvent) event;
                lost(closed.getCode(), closed.getReason());
            }
        }
    }

    private void onText(String text) {
        JSObject frame;
        String op;
        try {
            if (text.length() > Limits.MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("frame of " + text.length() + " chars is over the limit of "
                        + Limits.MAX_FRAME_BYTES);
            }
            frame = BrowserJson.parse(text);
            op = FrameCheck.frame(frame);
        } catch (IllegalArgumentException e) {
            log.error("dropping a frame from the server that breaks the protocol: " + e.getMessage());
            return;
        }
        if (op.equals("ready")) {
            userId = intField(frame, "userId");
            sendOutbox();
            handler.onReady(userId, BrowserJson.get(frame, "iceServers"), intField(frame, "ttl"));
        } else if (op.equals("signal")) {
            if (BrowserJson.get(frame, "from") != null) {
                handler.onSignal(intField(frame, "from"), signal(BrowserJson.get(frame, "signal")));
            }
        } else if (op.equals("pong")) {
            settlePing(pendingPings, stringField(frame, "id"), null);
        } else if (op.equals("presence")) {
            handler.onPresence(intField(frame, "userId"), BrowserJson.asBoolean(BrowserJson.get(frame, "online")));
        } else if (op.equals("error")) {
            String ref = stringField(frame, "ref");
            String message = stringField(frame, "message");
            if (ref == null || !settlePing(pendingPings, ref, message)) {
                log.info("server refused " + (ref == null ? "a frame" : ref) + ": " + stringField(frame, "code") + ": "
                        + message);
            }
        } else {
            log.error("dropping an unexpected " + op + " frame from the server");
        }
    }

    /** A checked signal's fields. */
    private static CallSignal signal(JSObject tree) {
        CallSignal signal = new CallSignal(stringField(tree, "signalType"), stringField(tree, "sessionID"))
                .callType(intField(tree, "callType")).callerId(intField(tree, "callerID"))
                .sdp(stringField(tree, "sdp")).platform(stringField(tree, "platform"))
                .userInfo(BrowserValue.box(BrowserJson.get(tree, "userInfo")))
                .maxBandwidth(BrowserJson.bandwidthOf(BrowserJson.get(tree, "userInfo")));
        JSObject opponents = BrowserJson.get(tree, "opponentsIDs");
        if (opponents != null) {
            int[] ids = new int[BrowserJson.length(opponents)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = BrowserJson.asInt(BrowserJson.at(opponents, i));
            }
            signal.opponentsIds(ids);
        }
        JSObject candidates = BrowserJson.get(tree, "iceCandidates");
        if (candidates != null) {
            Object[] list = new Object[BrowserJson.length(candidates)];
            for (int i = 0; i < list.length; i++) {
                list[i] = BrowserValue.box(BrowserJson.at(candidates, i));
            }
            signal.iceCandidates(list);
        }
        return signal;
    }

    /** A checked whole-number field, 0 when absent. */
    private static int intField(JSObject object, String key) {
        JSObject value = BrowserJson.get(object, key);
        return value == null ? 0 : BrowserJson.asInt(value);
    }

    /** A checked string field, or {@code null}. */
    private static String stringField(JSObject object, String key) {
        JSObject value = BrowserJson.get(object, key);
        return value == null ? null : BrowserJson.asString(value);
    }

    @Override
    public void send(int to, CallSignal signal) {
        JSObject opponents = newArray();
        for (int id : signal.opponentsIds()) {
            push(opponents, id);
        }
        JSObject candidates = newArray();
        if (signal.iceCandidates() != null) {
            for (Object candidate : signal.iceCandidates()) {
                push(candidates, BrowserValue.unbox(candidate));
            }
        }
        String frame = signalFrame(to, signal.type(), signal.sessionId(), signal.callType(), signal.callerId(),
                opponents, signal.sdp(), signal.platform(), BrowserValue.unbox(signal.userInfo()), candidates,
                "s" + (++nextRef));
        if (isReady()) {
            socket.send(frame);
        } else if (outboxUserId == 0 || outboxLength == OUTBOX_SIZE) {
            log.error("cannot send " + signal.type() + " to user " + to + ": not connected"
                    + (outboxUserId == 0 ? "" : ", and " + OUTBOX_SIZE + " signals already wait"));
        } else {
            outbox[outboxLength++] = frame;
        }
    }

    /** Sends what waited in the outbox, if it is this user's; another user's waiting signals are dropped. */
    private void sendOutbox() {
        if (outboxUserId != userId && outboxLength > 0) {
            log.error("dropping " + outboxLength + " signals of user " + outboxUserId + ": user " + userId
                    + " is connected now");
        }
        for (int i = 0; i < outboxLength; i++) {
            if (outboxUserId == userId) {
                socket.send(outbox[i]);
            }
            outbox[i] = null;
        }
        outboxLength = 0;
        outboxUserId = userId;
    }

    /**
     * Sends the ping {@code id} (the socket must be {@link #isReady}): the promise resolves with the server's pong,
     * or rejects with {@code Error("ping timed out after N ms")} once {@code millis} have passed, or with
     * {@code Error("ping failed: …")} when the server refuses it.
     */
    public JSPromise<Object> ping(String id, int millis) {
        JSPromise<Object> pong = awaitPong(pendingPings, id, millis);
        socket.send(pingFrame(id));
        return pong;
    }

    /**
     * Sends the alive ping unless one is out already; if it is not answered within {@link #ALIVE_TIMEOUT_MILLIS},
     * its socket is lost.
     */
    @Override
    public boolean checkAlive() {
        if (isReady() && !isPending(pendingPings, ALIVE_PING)) {
            closeUnlessAnswered(ping(ALIVE_PING, ALIVE_TIMEOUT_MILLIS), socket,
                    "no answer to a ping within " + ALIVE_TIMEOUT_MILLIS + " ms");
        }
        return isReady();
    }

    /**
     * When {@code pong} fails, {@code socket}'s close event (code 1006, {@code reason}) is dispatched at once rather
     * than when TCP notices the loss, minutes later: {@link Socket} hears it as any close, unless this connection has
     * closed or replaced that socket meanwhile.
     */
    @JSBody(params = { "pong", "socket", "reason" }, script = "pong.catch(function () {"
            + " socket.dispatchEvent(new CloseEvent('close', {code: 1006, reason: reason})); });")
    private static native void closeUnlessAnswered(JSPromise<Object> pong, WebSocket socket, String reason);

    @JSBody(script = "return Object.create(null);")
    private static native JSObject newPingTable();

    /**
     * A promise of the pong to the ping {@code id}: pending in {@code table} until {@link #settlePing} settles it,
     * or rejected with {@code Error("ping timed out after N ms")} once {@code millis} have passed.
     */
    @JSBody(params = { "table", "id", "millis" }, script = "return new Promise(function (resolve, reject) {"
            + " table[id] = {resolve: resolve, reject: reject}; setTimeout(function () {"
            + " if (table[id]) { delete table[id]; reject(new Error('ping timed out after ' + millis + ' ms')); } },"
            + " millis); });")
    private static native JSPromise<Object> awaitPong(JSObject table, String id, int millis);

    @JSBody(params = { "table", "id" }, script = "return !!table[id];")
    private static native boolean isPending(JSObject table, String id);

    /**
     * Resolves the ping {@code id}, or, given the server's {@code refusal}, rejects it with
     * {@code Error("ping failed: <refusal>")}; false when it is not pending.
     */
    @JSBody(params = { "table", "id", "refusal" }, script = "var p = table[id]; if (!p) { return false; }"
            + " delete table[id]; if (refusal === null) { p.resolve(null); }"
            + " else { p.reject(new Error('ping failed: ' + refusal)); } return true;")
    private static native boolean settlePing(JSObject table, String id, String refusal);

    /**
     * The socket is given up (closed, or silent): forgotten here at once and the handler told, so that it can
     * reconnect; a late close event of it is not heard.
     */
    private void lost(int code, String reason) {
        WebSocket gone = socket;
        boolean wasReady = userId != 0;
        socket = null;
        userId = 0;
        gone.close();
        handler.onClose(code, reason, wasReady);
    }

    /**
     * {@code {"op":"signal","to":…,"signal":{…},"ref":…}} with the fields in the protocol's order; a field that is
     * not set (0, null, empty) is left out.
     */
    @JSBody(params = { "to", "type", "sessionId", "callType", "callerId", "opponents", "sdp", "platform",
        "userInfo", "candidates", "ref" }, script = "var s = {signalType: type, sessionID: sessionId};"
            + " if (callType) { s.callType = callType; } if (callerId) { s.callerID = callerId; }"
            + " if (opponents.length) { s.opponentsIDs = opponents; } if (sdp !== null) { s.sdp = sdp; }"
            + " if (platform !== null) { s.platform = platform; }"
            + " if (userInfo && Object.keys(userInfo).length) { s.userInfo = userInfo; }"
            + " if (candidates.length) { s.iceCandidates = candidates; }"
            + " return JSON.stringify({op: 'signal', to: to, signal: s, ref: ref});")
    private static native String signalFrame(int to, String type, String sessionId, int callType, int callerId,
            JSObject opponents, String sdp, String platform, JSObject userInfo, JSObject candidates, String ref);

    @JSBody(params = "token", script = "return JSON.stringify({op: 'auth', token: token});")
    private static native String authFrame(String token);

    @JSBody(params = "id", script = "return JSON.stringify({op: 'ping', id: id});")
    private static native String pingFrame(String id);

    @JSBody(script = "return [];")
    private static native JSObject newArray();

    @JSBody(params = { "array", "value" }, script = "array.push(value);")
    private static native void push(JSObject array, int value);

    @JSBody(params = { "array", "value" }, script = "array.push(value);")
    private static native void push(JSObject array, JSObject value);

    @Override
    public int currentUserId() {
        return userId;
    }

    /** Whether the socket is open and authenticated. */
    public boolean isReady() {
        return socket != null && userId != 0;
    }

    /** Closes the socket (normal closure); no {@link Handler#onClose} follows. */
    public void close() {
        WebSocket closing = socket;
        socket = null;
        userId = 0;
        if (closing != null) {
            closing.close(1000, "client disconnect");
        }
    }
}
