package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the server hands out its files: gzip to clients that take it, the same bytes as they are to others, an entity
 * tag per representation that a revalidation answers with 304, and compressed data (images) as it is.
 */
class StaticFilesServingTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;
    @TempDir
    Path webRoot;

    private MeshCallServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withWebRoot(webRoot)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSdkGoesGzippedToABrowser_andAsItIsToAClientThatTakesNoGzip() throws Exception {
        HttpResponse<byte[]> plain = get("/meshcall.js", null, null);
        HttpResponse<byte[]> gzipped = get("/meshcall.js", "gzip, deflate, br, zstd", null);

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(gzipped.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzipped.body().length));
        for (HttpResponse<byte[]> reply : new HttpResponse[] {plain, gzipped}) {
            assertThat(reply.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(reply.headers().firstValue("Content-Security-Policy")).isPresent();
        }
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.body().length).as("gzip bytes of %d", plain.body().length)
                .isLessThan(plain.body().length / 2);
        System.out.printf("meshcall.js on the wire: %d B as it is, %d B gzip%n", plain.body().length,
                gzipped.body().length);
    }

    @Test
    void aClientThatRefusesGzipGetsTheFileAsItIs() throws Exception {
        HttpResponse<byte[]> reply = get("/meshcall.js", "gzip;q=0, identity", null);

        assertThat(reply.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("MeshCall");
    }

    @Test
    void eachRepresentationHasItsOwnTag_andARevalidationWithItGets304WithoutABody() throws Exception {
        HttpResponse<byte[]> plain = get("/meshcall.js", null, null);
        HttpResponse<byte[]> gzipped = get("/meshcall.js", "gzip", null);
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(plainTag).startsWith("\"").endsWith("\"").isNotEqualTo(gzipTag);

        HttpResponse<byte[]> again = get("/meshcall.js", "gzip", gzipTag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(gzipTag);
        assertThat(get("/meshcall.js", null, plainTag).statusCode()).isEqualTo(304);
        assertThat(get("/meshcall.js", null, "W/" + plainTag).statusCode()).isEqualTo(304);
        assertThat(get("/meshcall.js", "gzip", plainTag).statusCode()).as("the other representation's tag")
                .isEqualTo(200);
    }

    @Test
    void aFileThatChangesGetsANewTag() throws Exception {
        Files.writeString(webRoot.resolve("notes.txt"), "first version ".repeat(200));
        HttpResponse<byte[]> first = get("/notes.txt", "gzip", null);
        Files.writeString(webRoot.resolve("notes.txt"), "second version ".repeat(200));
        String firstTag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> second = get("/notes.txt", "gzip", firstTag);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(new String(gunzip(second.body()), StandardCharsets.UTF_8)).startsWith("second version");
        assertThat(second.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
    }

    @Test
    void imagesAndSmallFilesGoAsTheyAre() throws Exception {
        byte[] picture = new byte[8192];
        new Random(1).nextBytes(picture);
        Files.write(webRoot.resolve("photo.png"), picture);
        Files.writeString(webRoot.resolve("tiny.css"), "body { margin: 0; }");

        HttpResponse<byte[]> image = get("/photo.png", "gzip", null);
        HttpResponse<byte[]> tiny = get("/tiny.css", "gzip", null);

        assertThat(image.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(image.headers().firstValue("Vary")).isEmpty();
        assertThat(image.body()).isEqualTo(picture);
        assertThat(image.headers().firstValue("ETag")).isPresent();
        assertThat(tiny.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(tiny.body()).asString(StandardCharsets.UTF_8).isEqualTo("body { margin: 0; }");
    }

    @Test
    void headSaysWhatGetWouldSend() throws Exception {
        HttpResponse<byte[]> get = get("/meshcall.js", "gzip", null);
        HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(uri("/meshcall.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(get.body().length));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
