package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSBody;

/** Names a rejected promise's reason the way the browser does: {@code "NotAllowedError: Permission denied"}. */
public final class Errors {
    private Errors() {
    }

    /** The error's {@code name: message}, or its string form. */
    @JSBody(params = "error", script = "if (error && error.name && error.message !== undefined) {"
            + " return error.name + ': ' + error.message; } return String(error);")
    public static native String describe(Object error);
}
