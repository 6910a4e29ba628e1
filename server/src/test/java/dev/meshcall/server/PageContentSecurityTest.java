package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.http.StaticFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's Content-Security-Policy (issue 12, item 12): served with {@code default-src 'self'}, so no inline script
 * runs, and HSTS only over TLS. The policy would break a page that relies on inline script or style, so the web app's
 * files are checked for any: inline {@code <script>} or {@code <style>}, {@code style} or {@code on...} attributes,
 * {@code eval} or {@code new Function}.
 */
class PageContentSecurityTest {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile(
            "\\sstyle\\s*=|<style[\\s>]|setAttribute\\(\\s*['\"]style", Pattern.CASE_INSENSITIVE);
    private static final Pattern DYNAMIC_CODE = Pattern.compile("\\beval\\s*\\(|new\\s+Function\\s*\\(");

    @TempDir
    Path dataDir;

    @Test
    void thePageIsServedWithAPolicyOfItsOwnOriginOnly_andNoHstsOverPlainHttp() throws Exception {
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            TestHttp.Reply page = new TestHttp(server.baseUri()).get("/", null);

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self';"
                    + " connect-src 'self' ws://127.0.0.1:" + server.port() + "; media-src 'self' blob:;"
                    + " object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'");
            assertThat(page.raw().headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void theWebAppHasNoInlineScriptOrStyleThatThePolicyWouldBlock() throws Exception {
        Path root = webAppRoot();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(file -> file.toString().endsWith(".html") || file.toString().endsWith(".js")).toList();
        }
        assertThat(files).as("the web app's files").anyMatch(file -> file.endsWith("index.html"));
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String name = root.relativize(file).toString();
            if (name.endsWith(".html")) {
                assertThat(INLINE_SCRIPT.matcher(text).find()).as("inline <script> in %s", name).isFalse();
                assertThat(INLINE_HANDLER.matcher(text).find()).as("on... attribute in %s", name).isFalse();
            }
            assertThat(STYLE_ATTRIBUTE.matcher(text).find()).as("inline style in %s", name).isFalse();
            assertThat(DYNAMIC_CODE.matcher(text).find()).as("eval or new Function in %s", name).isFalse();
        }
    }

    /** The web app's files, from the webapp module's sources (the tests run in the server module's directory). */
    private static Path webAppRoot() {
        Path root = Path.of("..", "webapp", "src", "main", "resources", StaticFiles.CLASSPATH_ROOT).normalize();
        assertThat(root).as("the web app's sources").isDirectory();
        return root;
    }
}
