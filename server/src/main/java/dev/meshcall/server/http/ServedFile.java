package dev.meshcall.server.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * One static file as {@link StaticFiles} serves it: its bytes, a strong entity tag made from their SHA-256 (so a
 * browser revalidating with {@code If-None-Match} gets 304 until the file changes), and, for a text type worth it,
 * the same bytes gzip-compressed ({@link GzipCache}), for clients that accept gzip. The gzip form is another
 * representation, so it has its own tag (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3">RFC 9110,
 * 8.8.3</a>).
 *
 * @param identity the file's bytes
 * @param etag     the quoted entity tag of {@code identity}
 * @param gzip     {@code identity} gzip-compressed, or {@code null} when not worth sending so
 */
record ServedFile(byte[] identity, String etag, byte[] gzip) {
    /** Files smaller than this go as they are: gzip's header and the extra request work outweigh the saving. */
    static final int MIN_GZIP_BYTES = 1024;

    /** The file {@code bytes} of type {@code contentType}, with its gzip form from {@code cache} when worth having. */
    static ServedFile of(byte[] bytes, String contentType, GzipCache cache) {
        String digest = digest(bytes);
        byte[] gzip = bytes.length >= MIN_GZIP_BYTES && compressible(contentType) ? cache.gzipped(digest, bytes)
                : null;
        return new ServedFile(bytes, '"' + digest + '"', gzip);
    }

    /** The entity tag of the gzip form. */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    /** Text, JSON, SVG and WebAssembly shrink; images, audio and video are compressed already. */
    static boolean compressible(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("application/manifest+json") || contentType.startsWith("image/svg+xml")
                || contentType.startsWith("application/wasm");
    }

    /** The SHA-256 of {@code bytes} (its first 128 bits, base64url), which names the content. */
    static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
