package dev.meshcall.client.api;

import org.teavm.jso.JSExportClasses;

/**
 * The TeaVM entry point of {@code meshcall.js}: exports the {@link MeshCall} class, which the UMD bundle puts on
 * {@code window} as the one global {@code MeshCall}.
 */
@JSExportClasses({ MeshCall.class })
public final class MeshCallModule {
    private MeshCallModule() {
    }
}
