package dev.meshcall.client.signaling;

import dev.meshcall.client.Log;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The server's REST calls the SDK itself needs: signing in with a password ({@code POST /api/login}) and fresh TURN
 * credentials ({@code GET /api/ice-servers}).
 */
public final class AccountRequests {

    /** The outcome of a login. */
    public interface LoginCallback {
        void succeeded(String token, int userId);

        /** {@code retryable}: the server could not be reached or failed, rather than refusing the login. */
        void failed(String message, boolean retryable);
    }

    private AccountRequests() {
    }

    /** Signs user {@code userId} in with {@code password} at {@code baseUrl}. */
    public static void login(String baseUrl, int userId, String password, LoginCallback callback) {
        exchange("POST", baseUrl + "/api/login", null, login(userId, password), (status, text) -> {
            if (status == 0) {
                callback.failed("cannot reach the MeshCall server at " + baseUrl, true);
                return;
            }
            JSObject reply;
            try {
                reply = BrowserJson.parse(text);
            } catch (IllegalArgumentException e) {
                reply = null;
            }
            if (status == 200 && reply != null && token(reply) != null) {
                callback.succeeded(token(reply), userId(reply));
            } else if (status != 200 && reply != null && BrowserJson.kind(reply).equals("object")) {
                callback.failed("login failed (" + status + "): " + message(reply), status >= 500);
            } else {
                callback.failed("login failed (" + status + "): unexpected reply from the server", true);
            }
        });
    }

    /** What {@link #iceServers} gets: the {@code RTCIceServer} list. */
    public interface IceServersCallback {
        void received(JSObject iceServers);
    }

    /**
     * Fetches the ICE servers with fresh TURN credentials for the holder of {@code token}; a failure is only
     * logged, since the ones in hand may still work and the next {@code ready} brings new ones.
     */
    public static void iceServers(String baseUrl, String token, Log log, IceServersCallback callback) {
        exchange("GET", baseUrl + "/api/ice-servers", token, null, (status, text) -> {
            JSObject servers = null;
            if (status == 200) {
                try {
                    servers = BrowserJson.get(BrowserJson.parse(text), "iceServers");
                } catch (IllegalArgumentException e) {
                    servers = null;
                }
            }
            if (servers == null) {
                log.error("cannot refresh the TURN credentials: GET /api/ice-servers answered " + status);
            } else {
                callback.received(servers);
            }
        });
    }

    /**
     * Sends a request to {@code url}: with {@code Authorization: Bearer token} when {@code token} is not null, and
     * {@code body} as JSON when it is not null. Written in JavaScript: TeaVM's {@code XMLHttpRequest} binding costs
     * {@code meshcall.js} far more than these few lines.
     */
    @JSBody(params = { "method", "url", "token", "body", "reply" }, script = "var request = new XMLHttpRequest();"
            + " request.open(method, url); if (token !== null) {"
            + " request.setRequestHeader('Authorization', 'Bearer ' + token); } if (body !== null) {"
            + " request.setRequestHeader('Content-Type', 'application/json'); }"
            + " request.onreadystatechange = function () { if (request.readyState === 4) {"
            + " reply(request.status, request.responseText); } }; request.send(body);")
    private static native void exchange(String method, String url, String token, String body, Reply reply);

    /** The reply to a request: its HTTP status (0 when the server could not be reached) and its text. */
    @JSFunctor
    interface Reply extends JSObject {
        void completed(int status, String text);
    }

    /** {@code {userId, password}} as JSON. */
    @JSBody(params = { "userId", "password" }, script = "return JSON.stringify({userId: userId, password: password});")
    private static native String login(int userId, String password);

    /** The reply's {@code token} when it is a string and {@code user.id} a number, else {@code null}. */
    @JSBody(params = "reply", script = "return reply !== null && typeof reply === 'object'"
            + " && typeof reply.token === 'string' && reply.user && typeof reply.user.id === 'number'"
            + " ? reply.token : null;")
    private static native String token(JSObject reply);

    @JSBody(params = "reply", script = "return reply.user.id;")
    private static native int userId(JSObject reply);

    /** The reply's {@code message} as the Java client wrote it: its text, or {@code "null"} when absent. */
    @JSBody(params = "reply", script = "var m = reply.message; return m === undefined ? 'null' : String(m);")
    private static native String message(JSObject reply);
}
