package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * A browser promise's outcome as the SDK reports it: a rejection's reason named the way the browser does
 * ({@code "NotAllowedError: Permission denied"}).
 */
public final class Errors {
    /** JavaScript: {@code error}'s {@code name: message}, or its string form. */
    private static final String DESCRIBE = "(error && error.name && error.message !== undefined"
            + " ? error.name + ': ' + error.message : String(error))";

    private Errors() {
    }

    /** The error's {@code name: message}, or its string form. */
    @JSBody(params = "error", script = "return " + DESCRIBE + ";")
    public static native String describe(JSObject error);

    /** {@code promise}, rejecting with an {@code Error} whose message {@link #describe}s the browser's reason. */
    @JSBody(params = "promise", script = "return promise.catch(function (error) { throw new Error(" + DESCRIBE
            + "); });")
    public static native JSObject rejectingWithError(JSObject promise);

    /** {@code promise.then(fulfilled, rejected)}; either may be {@code null}. */
    @JSBody(params = { "promise", "fulfilled", "rejected" }, script = "promise.then(fulfilled, rejected);")
    public static native void then(JSObject promise, Settled fulfilled, Settled rejected);
}
