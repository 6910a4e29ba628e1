package dev.meshcall.client.rtc.browser;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * One callback of a browser promise's {@code then}, taking the value or the rejection as the browser gave it.
 *
 * <p>TeaVM's {@code JSPromise.then} and {@code catchError} hand their callbacks an {@code Object}, and so wrap every
 * value in TeaVM's {@code JSWrapper}, which costs {@code meshcall.js} more than this little binding (see
 * {@link dev.meshcall.client.BrowserValue}). {@link Errors#then} attaches a pair.
 */
@JSFunctor
public interface Settled extends JSObject {
    void settled(JSObject value);
}
