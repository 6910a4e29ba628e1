package dev.meshcall.client.api;

import dev.meshcall.client.Log;
import org.teavm.jso.JSBody;

/** {@link Log} to the browser console, prefixed so a developer can filter it. */
final class BrowserLog implements Log {

    @Override
    public void error(String message) {
        consoleError(message);
    }

    @Override
    public void info(String message) {
        consoleInfo(message);
    }

    @JSBody(params = "message", script = "console.error('[MeshCall] ' + message);")
    private static native void consoleError(String message);

    @JSBody(params = "message", script = "console.info('[MeshCall] ' + message);")
    private static native void consoleInfo(String message);
}
