package dev.meshcall.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The gzip forms of the static files served so far, by the digest of their content, so that each is compressed once
 * (at the best level) rather than per request. Bounded in bytes: past {@code maxBytes} it starts over, so a web root
 * whose files change often cannot make it grow without end.
 */
final class GzipCache {
    /** The mark of a file whose gzip form is no smaller than itself. */
    private static final byte[] NOT_SMALLER = new byte[0];

    private final long maxBytes;
    private final Map<String, byte[]> byDigest = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    GzipCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** {@code content} (whose digest is {@code digest}) gzip-compressed, or {@code null} when that is not smaller. */
    byte[] gzipped(String digest, byte[] content) {
        byte[] cached = byDigest.get(digest);
        if (cached == null) {
            byte[] made = gzip(content);
            cached = made.length < content.length ? made : NOT_SMALLER;
            if (bytes.addAndGet(cached.length) > maxBytes) {
                byDigest.clear();
                bytes.set(cached.length);
            }
            byDigest.put(digest, cached);
        }
        return cached == NOT_SMALLER ? null : cached;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        // GZIPOutputStream has no level parameter: its deflater is a protected field, set in a subclass.
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory failed", e);
        }
        return out.toByteArray();
    }
}
