package dev.meshcall.client.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Calls an app's listener function. Each call is wrapped in its own try/catch in JavaScript, so a listener that
 * throws is logged with its name and cannot break the SDK or the other listeners.
 */
final class JsListener {
    private JsListener() {
    }

    @JSBody(params = "value", script = "return typeof value === 'function';")
    static native boolean isFunction(JSObject value);

    @JSBody(params = { "fn", "name", "session" },
            script = "try { fn(session); } catch (e) { console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void call(JSObject fn, String name, MeshCallSession session);

    @JSBody(params = { "fn", "name", "session", "extension" },
            script = "try { fn(session, extension); } catch (e) {"
                    + " console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void call(JSObject fn, String name, MeshCallSession session, JSObject extension);

    @JSBody(params = { "fn", "name", "session", "userId" },
            script = "try { fn(session, userId); } catch (e) { console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void call(JSObject fn, String name, MeshCallSession session, int userId);

    @JSBody(params = { "fn", "name", "session", "userId", "value" },
            script = "try { fn(session, userId, value); } catch (e) {"
                    + " console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void call(JSObject fn, String name, MeshCallSession session, int userId, JSObject value);

    @JSBody(params = { "fn", "name", "session", "userId", "state" },
            script = "try { fn(session, userId, state); } catch (e) {"
                    + " console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void callWithState(JSObject fn, String name, MeshCallSession session, int userId, int state);

    @JSBody(params = { "fn", "name", "userId", "online" },
            script = "try { fn(userId, online); } catch (e) { console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void callPresence(JSObject fn, String name, int userId, boolean online);

    @JSBody(params = { "fn", "name", "reason" },
            script = "try { fn(reason); } catch (e) { console.error('[MeshCall] ' + name + ' threw', e); }")
    static native void callWithReason(JSObject fn, String name, String reason);
}
