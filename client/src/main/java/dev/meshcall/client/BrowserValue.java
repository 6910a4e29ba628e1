package dev.meshcall.client;

import org.teavm.jso.JSObject;

/**
 * A browser value (a parsed JSON object, an ICE candidate, a {@code MediaStream}, a promise) on its way through
 * the call logic, which holds such values as plain {@code Object}s so that it runs on the JVM in tests.
 *
 * <p>Why a box of our own: a {@link JSObject} handed over as an {@code Object} makes TeaVM wrap it in its
 * {@code JSWrapper}, whose weak maps and finalization registries cost {@code meshcall.js} some 400 bytes gzip,
 * and the SDK's size is budgeted. Every browser value that enters the call logic is boxed here and unboxed where it
 * goes back to the browser.
 */
public final class BrowserValue {
    private final JSObject value;

    private BrowserValue(JSObject value) {
        this.value = value;
    }

    /** {@code value} boxed, or {@code null} when it is {@code null}. */
    public static Object box(JSObject value) {
        return value == null ? null : new BrowserValue(value);
    }

    /** The value {@link #box} boxed, or {@code null}. */
    public static JSObject unbox(Object boxed) {
        return boxed == null ? null : ((BrowserValue) boxed).value;
    }
}
