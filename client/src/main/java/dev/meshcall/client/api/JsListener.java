package dev.meshcall.client.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Calls an app's listener: the function the app assigned to the property {@code name} of {@code MeshCall.chat} or
 * {@code MeshCall.videochat} (the owner), when it is a function. The listener properties are the owners' plain
 * JavaScript properties rather than exported accessors: every exported getter/setter pair costs
 * {@code meshcall.js} two functions and their glue, and these only ever store what the app assigns. Each call is
 * wrapped in its own try/catch in JavaScript, so a listener that throws is logged with its name and cannot break the
 * SDK or the other listeners.
 */
final class JsListener {
    private JsListener() {
    }

    @JSBody(params = "value", script = "return typeof value === 'function';")
    static native boolean isFunction(JSObject value);

    /**
     * Sets the listener properties {@code names} of {@code owner} to {@code null}, so that reading one before the
     * app assigns it gives {@code null}, as the seed's SDK does.
     */
    @JSBody(params = { "owner", "names" },
            script = "names.split(' ').forEach(function (name) { owner[name] = null; });")
    static native void clear(Object owner, String names);

    @JSBody(params = { "owner", "name", "session" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void call(MeshCallVideoChat owner, String name, MeshCallSession session);

    @JSBody(params = { "owner", "name", "session", "extension" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session, extension); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void call(MeshCallVideoChat owner, String name, MeshCallSession session, JSObject extension);

    @JSBody(params = { "owner", "name", "session", "userId" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session, userId); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void call(MeshCallVideoChat owner, String name, MeshCallSession session, int userId);

    @JSBody(params = { "owner", "name", "session", "userId", "value" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session, userId, value); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void call(MeshCallVideoChat owner, String name, MeshCallSession session, int userId,
            JSObject value);

    @JSBody(params = { "owner", "name", "session", "userId", "state" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session, userId, state); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void callWithState(MeshCallVideoChat owner, String name, MeshCallSession session, int userId,
            int state);

    @JSBody(params = { "owner", "name", "session", "userId", "kind", "muted" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(session, userId, kind, muted); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void callWithMute(MeshCallVideoChat owner, String name, MeshCallSession session, int userId,
            String kind, boolean muted);

    @JSBody(params = { "owner", "name", "userId", "online" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { fn(userId, online); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void callPresence(MeshCallChat owner, String name, int userId, boolean online);

    /** With {@code reason} {@code null} the listener is called with no argument ({@code onReconnectListener()}). */
    @JSBody(params = { "owner", "name", "reason" }, script = "var fn = owner[name];"
            + " if (typeof fn === 'function') { try { reason === null ? fn() : fn(reason); } catch (e) {"
            + " console.error('[MeshCall] ' + name + ' threw', e); } }")
    static native void callWithReason(MeshCallChat owner, String name, String reason);
}
