package dev.meshcall.client.rtc.jso;

import org.teavm.jso.JSBody;

/** The parts of the browser's {@code navigator} and {@code crypto} globals the SDK uses. */
public final class Navigator {
    private Navigator() {
    }

    /** Why {@link #mediaDevices} is {@code null}. */
    public static final String NO_MEDIA_DEVICES = "media devices are unavailable: the page needs a secure context"
            + " (https, or http://localhost)";

    /** {@code navigator.mediaDevices}, or {@code null} outside a secure context. */
    @JSBody(script = "return (typeof navigator !== 'undefined' && navigator.mediaDevices) || null;")
    public static native MediaDevices mediaDevices();

    /** A random UUID v4 ({@code crypto.randomUUID}, with a fallback for insecure contexts). */
    @JSBody(script = "if (typeof crypto !== 'undefined' && crypto.randomUUID) { return crypto.randomUUID(); }"
            + " var b = new Uint8Array(16); crypto.getRandomValues(b); b[6] = (b[6] & 15) | 64;"
            + " b[8] = (b[8] & 63) | 128; var h = Array.from(b, function (x) {"
            + " return (x + 256).toString(16).slice(1); }).join('');"
            + " return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20)"
            + " + '-' + h.slice(20);")
    public static native String randomUuid();
}
