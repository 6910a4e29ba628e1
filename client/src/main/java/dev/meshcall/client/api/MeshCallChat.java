package dev.meshcall.client.api;

import dev.meshcall.client.Log;
import dev.meshcall.client.call.VideoChatConfig;
import dev.meshcall.client.signaling.AccountRequests;
import dev.meshcall.client.signaling.ChatConnection;
import dev.meshcall.client.signaling.CallSignal;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.browser.TimerHandler;
import org.teavm.jso.browser.Window;
import org.teavm.jso.core.JSPromise;

/**
 * {@code MeshCall.chat}: the seed's chat connection, which is the signaling transport: {@code connect},
 * {@code disconnect}, {@code pingWithTimeout}, presence. It hears its connection ({@link ChatConnection.Handler})
 * and the server's answers to its sign-ins and TURN credential refreshes ({@link AccountRequests}) itself.
 */
public final class MeshCallChat implements ChatConnection.Handler, AccountRequests.LoginCallback,
        AccountRequests.IceServersCallback {
    private static final int DEFAULT_PING_TIMEOUT_MILLIS = 5000;
    private static final int FIRST_RECONNECT_DELAY_MILLIS = 1000;
    private static final int MAX_RECONNECT_DELAY_MILLIS = 30_000;
    private static final int CLOSE_POLICY_VIOLATION = 1008;

    private final MeshCallVideoChat videochat;
    private final Log log;
    private final ChatConnection connection;
    private String endpoint;
    /** The promise of the {@code connect} under way, {@code {promise, resolve, reject}}; {@code null} when none. */
    private JSObject pendingConnect;
    private int expectedUserId;
    private int nextPing;
    private String password;
    private String token;
    /** The wait before the next reconnect attempt; 0 while not reconnecting. */
    private int reconnectDelayMillis;
    private int reconnectTimer;
    /** When the TURN credentials are fetched afresh; 0 when they need not be. */
    private int iceServersTimer;
    /** How long, in seconds, the TURN credentials in hand last. */
    private int iceServersTtl;

    MeshCallChat(MeshCallVideoChat videochat, Log log) {
        this.videochat = videochat;
        this.log = log;
        this.connection = new ChatConnection(log);
        videochat.useAccountOf(this);
        // onReconnectListener is called without arguments when the socket is back after it was lost.
        JsListener.clear(this, "onPresenceListener onDisconnectedListener onReconnectListener");
        onPageHide(new Wakeup(false));
    }

    /**
     * What the chat waits for from the browser: the reconnect timer ({@code reconnect}), the TURN credentials'
     * refresh timer, and the page going away. One class rather than a lambda each (each a class in meshcall.js).
     */
    private final class Wakeup implements TimerHandler, PageHideHandler {
        private final boolean reconnect;

        Wakeup(boolean reconnect) {
            this.reconnect = reconnect;
        }

        @Override
        public void onTimer() {
            if (reconnect) {
                reconnectTimer = 0;
                open();
            } else {
                AccountRequests.iceServers(endpoint, token, log, MeshCallChat.this);
            }
        }

        /** The page is going away (tab closed, navigated): hang up, so nobody waits for the disconnect timeout. */
        @Override
        public void onPageHide() {
            if (connection.isReady() && videochat.core() != null) {
                videochat.core().stopAll();
            }
        }
    }

    @JSFunctor
    interface PageHideHandler extends JSObject {
        void onPageHide();
    }

    @JSBody(params = "handler", script = "if (typeof window !== 'undefined') {"
            + " window.addEventListener('pagehide', function () { handler(); }); }")
    private static native void onPageHide(PageHideHandler handler);

    ChatConnection connection() {
        return connection;
    }

    /** The server's base URL. */
    String endpoint() {
        return endpoint;
    }

    /** The signed-in user's token, {@code null} before {@code connect} and after a sign-out. */
    String token() {
        return token;
    }

    void setEndpoint(String endpoint) {
        this.endpoint = withoutTrailingSlash(endpoint);
    }

    // The endpoint's two rewrites as JavaScript regular expressions: Java's startsWith, endsWith and substring would
    // cost meshcall.js their TeaVM implementations for these two lines.

    @JSBody(params = "url", script = "return url.replace(/\\/$/, '');")
    private static native String withoutTrailingSlash(String url);

    /** The signaling WebSocket's URL at {@code endpoint}: {@code http(s):} becomes {@code ws(s):}, the path /ws. */
    @JSBody(params = "endpoint", script = "return endpoint.replace(/^http(s?):/, 'ws$1:') + '/ws';")
    private static native String socketUrl(String endpoint);

    private void ensureInitialized() {
        if (endpoint == null) {
            setEndpoint(JsValues.pageOrigin());
        }
        if (videochat.core() == null) {
            videochat.configure(new VideoChatConfig(), null, connection);
        }
    }

    /**
     * {@code connect({userId, password})} or {@code connect({userId, token})}: resolves once the server has
     * authenticated the socket; rejects with an {@code Error} naming the cause.
     */
    @JSExport
    public JSPromise<Object> connect(JSObject params) {
        ensureInitialized();
        if (!JsValues.isObject(params) || !JsValues.hasNumber(params, "userId")) {
            return JSPromise.reject(JsValues.error("connect needs {userId, password} or {userId, token}"));
        }
        int userId = (int) JsValues.numberProperty(params, "userId");
        String token = JsValues.stringProperty(params, "token");
        String password = JsValues.stringProperty(params, "password");
        if (token == null && password == null) {
            return JSPromise.reject(JsValues.error("connect needs a password or a token for user " + userId));
        }
        failPendingConnect("superseded by a new connect call");
        cancelReconnect();
        JSObject pending = deferred();
        pendingConnect = pending;
        expectedUserId = userId;
        this.password = password;
        this.token = token;
        open();
        return promiseOf(pending);
    }

    /**
     * {@code {promise, resolve, reject}}: a promise with the functions that settle it, in JavaScript rather than a
     * Java executor, which would be a class of its own in {@code meshcall.js}.
     */
    @JSBody(script = "var d = {}; d.promise = new Promise(function (resolve, reject) {"
            + " d.resolve = resolve; d.reject = reject; }); return d;")
    private static native JSObject deferred();

    @JSBody(params = "deferred", script = "return deferred.promise;")
    private static native JSPromise<Object> promiseOf(JSObject deferred);

    /** Resolves {@code deferred} with {@code null}, or rejects it with {@code error} when that is not {@code null}. */
    @JSBody(params = { "deferred", "error" }, script = "if (error === null) { deferred.resolve(null); }"
            + " else { deferred.reject(error); }")
    private static native void settle(JSObject deferred, JSObject error);

    /** Signs in with the password (fresh token) when there is one, else opens the socket with the token. */
    private void open() {
        if (password == null) {
            connection.open(socketUrl(endpoint), token, this);
            return;
        }
        AccountRequests.login(endpoint, expectedUserId, password, this);
    }

    /** Signed in: the socket opens with the fresh token. */
    @Override
    public void succeeded(String newToken, int id) {
        token = newToken;
        connection.open(socketUrl(endpoint), newToken, this);
    }

    /** The sign-in failed ({@code retryable}: the server could not be reached or failed). */
    @Override
    public void failed(String message, boolean retryable) {
        onOpenFailed(message, retryable);
    }

    private void onOpenFailed(String message, boolean retryable) {
        if (pendingConnect != null) {
            failPendingConnect(message);
        } else if (retryable && reconnectDelayMillis > 0) {
            scheduleReconnect();
        } else {
            reconnectDelayMillis = 0;
            notifyDisconnected("cannot reconnect: " + message);
        }
    }

    /**
     * The socket was lost (server restart, a node going away with 1001, the network): try again after 1 s, then
     * 2, 4, … up to 30 s, signing in afresh when the password is known. Calls in progress keep their media
     * meanwhile; {@code onReconnectListener} tells the app when signaling is back.
     */
    private void scheduleReconnect() {
        int delay = reconnectDelayMillis;
        reconnectDelayMillis = Math.min(delay * 2, MAX_RECONNECT_DELAY_MILLIS);
        reconnectTimer = Window.setTimeout(new Wakeup(true), delay);
    }

    private void cancelReconnect() {
        if (reconnectTimer != 0) {
            Window.clearTimeout(reconnectTimer);
            reconnectTimer = 0;
        }
        reconnectDelayMillis = 0;
    }

    /**
     * Closes the signaling connection only, as in the seed: calls keep their media, and the signals they send
     * meanwhile (a hang-up, an ICE restart) leave once the same user connects again. {@code session.stop} still
     * ends a call.
     */
    @JSExport
    public void disconnect() {
        failPendingConnect("disconnected");
        cancelReconnect();
        Window.clearTimeout(iceServersTimer);
        password = null;
        token = null;
        connection.close();
    }

    /** Resolves when the server answers a ping, rejects after {@code timeout} ms (default 5000). */
    @JSExport
    public JSPromise<Object> pingWithTimeout(JSObject timeout) {
        int millis = (int) JsValues.positiveNumberOr(timeout, DEFAULT_PING_TIMEOUT_MILLIS);
        if (!connection.isReady()) {
            return JSPromise.reject(JsValues.error("cannot ping: not connected"));
        }
        return connection.ping("p" + (++nextPing), millis);
    }

    @JSExport
    @JSProperty("isConnected")
    public boolean isConnected() {
        return connection.isReady();
    }

    private void failPendingConnect(String message) {
        JSObject pending = pendingConnect;
        pendingConnect = null;
        if (pending != null) {
            settle(pending, JsValues.error(message));
        }
    }

    // ---- ChatConnection.Handler ----

    /**
     * Hands the server's ICE servers to the calls, and fetches fresh TURN credentials when four fifths of their
     * lifetime ({@code ttl} seconds) have passed, for as long as this socket stays up.
     */
    private void useIceServers(JSObject iceServers, int ttl) {
        videochat.useServerIceServers(iceServers);
        iceServersTtl = ttl;
        Window.clearTimeout(iceServersTimer);
        if (ttl > 0) {
            iceServersTimer = Window.setTimeout(new Wakeup(false), ttl * 800);
        }
    }

    /** Fresh TURN credentials, which last as long as the ones before. */
    @Override
    public void received(JSObject iceServers) {
        useIceServers(iceServers, iceServersTtl);
    }

    @Override
    public void onReady(int userId, JSObject iceServers, int ttl) {
        useIceServers(iceServers, ttl);
        JSObject pending = pendingConnect;
        pendingConnect = null;
        if (userId != expectedUserId) {
            log.error("the token belongs to user " + userId + ", not " + expectedUserId);
        }
        boolean reconnected = reconnectDelayMillis > 0;
        reconnectDelayMillis = 0;
        if (pending != null) {
            settle(pending, null);
        } else if (reconnected) {
            JsListener.callWithReason(this, "onReconnectListener", null);
        }
        if (videochat.core() != null) {
            videochat.core().onSignalingBack();
        }
    }

    @Override
    public void onSignal(int from, CallSignal signal) {
        videochat.onSignal(from, signal);
    }

    @Override
    public void onPresence(int userId, boolean online) {
        JsListener.callPresence(this, "onPresenceListener", userId, online);
    }

    @Override
    public void onClose(int code, String reason, boolean wasReady) {
        String why = "connection closed (" + code + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")";
        // 1008 is the server's "no": a bad or revoked token, signed out, abuse. Trying again would not help.
        boolean retryable = code != CLOSE_POLICY_VIOLATION;
        if (!wasReady) {
            onOpenFailed(why, retryable);
            return;
        }
        notifyDisconnected(why);
        if (retryable) {
            reconnectDelayMillis = FIRST_RECONNECT_DELAY_MILLIS;
            scheduleReconnect();
        }
    }

    private void notifyDisconnected(String why) {
        JsListener.callWithReason(this, "onDisconnectedListener", why);
    }
}
