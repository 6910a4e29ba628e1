package dev.meshcall.server.http;

import java.util.Locale;
import java.util.Map;

/**
 * The content type of a static file, by its extension. Scripts, {@code .mjs} too, are {@code text/javascript}: browsers
 * refuse module scripts served as anything else. TypeScript ({@code .ts}, {@code .mts}: the SDK's typings
 * {@code meshcall.d.ts} and {@code meshcall.d.mts}) is plain text: no browser runs it, it reads in a tab, and with
 * {@code nosniff} it cannot be taken for a script. ({@code .ts} is also MPEG transport stream video elsewhere; nothing
 * here serves video.)
 */
final class ContentTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("ts", "text/plain; charset=utf-8"),
            Map.entry("mts", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    private ContentTypes() {
    }

    static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
