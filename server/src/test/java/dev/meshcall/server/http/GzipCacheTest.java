package dev.meshcall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipCacheTest {

    @Test
    void compressesAFileOnce_andKeepsItsGzipForm() throws IOException {
        GzipCache cache = new GzipCache(1 << 20);
        byte[] text = "let x = 1;\n".repeat(500).getBytes(StandardCharsets.UTF_8);

        byte[] first = cache.gzipped("d1", text);
        byte[] second = cache.gzipped("d1", text);

        assertThat(second).isSameAs(first);
        assertThat(first.length).isLessThan(text.length / 10);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(first))) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
    }

    @Test
    void dataThatGzipCannotShrinkHasNoGzipForm() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        assertThat(new GzipCache(1 << 20).gzipped("noise", noise)).isNull();
    }

    @Test
    void pastItsBoundItStartsOver() {
        byte[] text = "abcdefgh".repeat(2000).getBytes(StandardCharsets.UTF_8);
        GzipCache cache = new GzipCache(1);
        byte[] a = cache.gzipped("a", text);

        cache.gzipped("b", text);

        assertThat(cache.gzipped("a", text)).as("made afresh after the cache started over").isNotSameAs(a)
                .isEqualTo(a);
    }
}
