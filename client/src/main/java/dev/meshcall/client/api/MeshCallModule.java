package dev.meshcall.client.api;

import org.teavm.jso.JSExportClasses;

/**
 * The TeaVM entry point of {@code meshcall.js} (UMD) and {@code meshcall.mjs} (ES module): exports the {@link MeshCall}
 * class. TeaVM 0.15 also exports, under its simple name, every class with {@code @JSExport} members, so
 * {@link MeshCallChat}, {@link MeshCallVideoChat} and {@link MeshCallSession} are exported too, as constructors that
 * throw (for {@code instanceof}). The UMD bundle loaded by a plain {@code <script>} puts all four on {@code window};
 * the ES module exports them by name and puts nothing on {@code window}.
 */
@JSExportClasses({ MeshCall.class })
public final class MeshCallModule {
    private MeshCallModule() {
    }
}
