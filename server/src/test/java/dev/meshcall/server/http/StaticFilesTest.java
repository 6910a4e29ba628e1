package dev.meshcall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaticFilesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "/, index.html",
        "'', index.html",
        "/meshcall.js, meshcall.js",
        "/css/app.css, css/app.css",
        "/docs/, docs/index.html",
        "/../etc/passwd, NULL",
        "/a/../../b, NULL",
        "/./a, NULL",
        "//etc/passwd, NULL",
        "/a\\b, NULL",
        "/c:/windows, NULL",
    })
    void mapsRequestPathsToSafeRelativePaths(String request, String expected) {
        assertThat(StaticFiles.relativePath(request)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "index.html, text/html; charset=utf-8",
        "meshcall.js, text/javascript; charset=utf-8",
        "meshcall.mjs, text/javascript; charset=utf-8",
        "meshcall.d.ts, text/plain; charset=utf-8",
        "meshcall.d.mts, text/plain; charset=utf-8",
        "a.CSS, text/css; charset=utf-8",
        "logo.svg, image/svg+xml",
        "logo.png, image/png",
        "blob, application/octet-stream",
    })
    void picksTheContentTypeByExtension(String name, String type) {
        assertThat(ContentTypes.of(name)).isEqualTo(type);
    }

    @Test
    void aClasspathFileIsReadOnce_andAWebRootFileOnEveryRequest(@TempDir Path webRoot) throws Exception {
        StaticFiles files = new StaticFiles(webRoot);
        ServedFile sdk = files.served("meshcall.js").orElseThrow();
        assertThat(files.served("meshcall.js")).as("the same file, not read again").containsSame(sdk);

        Files.writeString(webRoot.resolve("notes.txt"), "first");
        ServedFile first = files.served("notes.txt").orElseThrow();
        Files.writeString(webRoot.resolve("notes.txt"), "second");
        ServedFile second = files.served("notes.txt").orElseThrow();
        assertThat(new String(second.identity(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(second.etag()).isNotEqualTo(first.etag());

        assertThat(files.served("no-such-file.js")).isEmpty();
        Files.writeString(webRoot.resolve("no-such-file.js"), "now here");
        assertThat(files.served("no-such-file.js")).as("a missing path is not remembered as missing").isPresent();
    }
}
