package dev.meshcall.client.api;

import dev.meshcall.client.Log;
import org.teavm.jso.JSBody;

/** {@link Log} to the browser console, prefixed so a developer can filter it. */
final class BrowserLog implements Log {

    @Override
    public void error(String message) {
        consoleError("[MeshCall] " + message);
    }

    @Override
    public void info(String message) {
        consoleInfo("[MeshCall] " + message);
    }

    @JSBody(params = "message", script = "console.error(message);")
    private static native void consoleError(String message);

    @JSBody(params = "message", script = "console.info(message);")
    private static native void consoleInfo(String message);
}
