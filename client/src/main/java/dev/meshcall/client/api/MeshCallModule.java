package dev.meshcall.client.api;

import org.teavm.jso.JSExportClasses;

@JSExportClasses({ MeshCall.class })
public class MeshCallModule {
}
