package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Serves the web app and the SDK: first from the optional web root directory (to add or replace pages without
 * rebuilding), then from the classpath folder {@value #CLASSPATH_ROOT} that the webapp and client jars fill.
 * {@code /} means {@code /index.html}. Paths with {@code ..}, {@code .}, backslashes or control characters are
 * refused before any lookup, and a web-root file must really lie inside the web root (symlinks are resolved), so
 * nothing outside either root can be read. Every response says {@code Cache-Control: no-cache}, since the files
 * change with every build, and carries an entity tag, so that a browser revalidating a file it has gets 304 and no
 * body. Text files go gzip-compressed to clients that accept it ({@link ServedFile}): {@code meshcall.js} is about a
 * third of its size on the wire. A classpath file is read, hashed and compressed once, on its first request: the jars
 * cannot change while the server runs. A web-root file is read on every request, so an edit is served at once.
 */
public final class StaticFiles implements HttpHandler {
    /** The classpath folder the webapp and client jars put their files in. */
    public static final String CLASSPATH_ROOT = "meshcall-static/";

    /** How many bytes of gzip forms are kept; past it they are made afresh (web-root files edited often). */
    static final long MAX_GZIP_CACHE_BYTES = 16L << 20;

    private final Path webRoot;
    private final ClassLoader classLoader;
    private final GzipCache gzipCache = new GzipCache(MAX_GZIP_CACHE_BYTES);
    /** The classpath files served so far, by relative path; only files that exist, so its size is the jars'. */
    private final ConcurrentMap<String, ServedFile> classpathFiles = new ConcurrentHashMap<>();

    /** @param webRoot a directory served before the built-in files, or {@code null} */
    public StaticFiles(Path webRoot) {
        this.webRoot = webRoot == null ? null : realPath(webRoot);
        this.classLoader = StaticFiles.class.getClassLoader();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        boolean head = Methods.HEAD.equals(exchange.getRequestMethod());
        if (!head && !Methods.GET.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            JsonExchange.sendError(exchange, 405, "method_not_allowed", "static files take GET or HEAD");
            return;
        }
        String relative = relativePath(exchange.getRelativePath());
        Optional<ServedFile> found = relative == null ? Optional.empty() : served(relative);
        if (found.isEmpty()) {
            JsonExchange.sendError(exchange, 404, "not_found", "no file at " + exchange.getRequestPath());
            return;
        }
        String type = ContentTypes.of(relative);
        ServedFile file = found.get();
        boolean gzip = file.gzip() != null
                && HttpNegotiation.acceptsGzip(exchange.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
        byte[] bytes = gzip ? file.gzip() : file.identity();
        String etag = gzip ? file.gzipEtag() : file.etag();
        exchange.getResponseHeaders().put(Headers.ETAG, etag);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        if (file.gzip() != null) {
            exchange.getResponseHeaders().put(Headers.VARY, Headers.ACCEPT_ENCODING_STRING);
        }
        if (HttpNegotiation.matches(exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), etag)) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        if (gzip) {
            exchange.getResponseHeaders().put(Headers.CONTENT_ENCODING, "gzip");
        }
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        // The call page holds the camera and microphone: no framing by other sites (clickjacking), and no URL
        // leaks to other origins.
        exchange.getResponseHeaders().put(Headers.X_FRAME_OPTIONS, "DENY");
        exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer");
        exchange.getResponseHeaders().put(Headers.CONTENT_SECURITY_POLICY, contentSecurityPolicy(exchange));
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        }
    }

    /**
     * What the page may load (CSP Level 3): only this server's own scripts, styles and connections, so that an
     * injected {@code <script>} or inline handler never runs. The page has no inline script or style; its views set
     * CSS custom properties through the CSSOM, which the policy allows. The WebSocket's own origin is named as well,
     * for browsers whose {@code 'self'} does not yet cover {@code ws:}/{@code wss:}. Media may also come from
     * {@code blob:} URLs, which only the page's own script can make: a call recording played back in the page.
     */
    static String contentSecurityPolicy(HttpServerExchange exchange) {
        String webSocket = ("https".equals(exchange.getRequestScheme()) ? "wss://" : "ws://")
                + exchange.getHostAndPort();
        return "default-src 'self'; connect-src 'self' " + webSocket + "; media-src 'self' blob:; object-src 'none';"
                + " base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The request path as a safe relative file path, or {@code null} when it could point outside the roots.
     * Package-private for tests.
     */
    static String relativePath(String requestPath) {
        String path = requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
        if (path.isEmpty() || path.endsWith("/")) {
            path = path + "index.html";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return null;
            }
        }
        return path;
    }

    /**
     * The file at the safe relative path {@code relative}: from the web root, read now; else from the classpath, read
     * once. Package-private for tests.
     */
    Optional<ServedFile> served(String relative) throws IOException {
        String type = ContentTypes.of(relative);
        if (webRoot != null) {
            Path file = webRoot.resolve(relative).normalize();
            if (file.startsWith(webRoot) && Files.isRegularFile(file)
                    && realPath(file).startsWith(webRoot)) {
                return Optional.of(ServedFile.of(Files.readAllBytes(file), type, gzipCache));
            }
        }
        ServedFile known = classpathFiles.get(relative);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ServedFile> read = classpathContent(relative).map(bytes -> ServedFile.of(bytes, type, gzipCache));
        read.ifPresent(file -> classpathFiles.putIfAbsent(relative, file));
        return read;
    }

    private Optional<byte[]> classpathContent(String relative) throws IOException {
        URL resource = classLoader.getResource(CLASSPATH_ROOT + relative);
        if (resource == null || isDirectory(resource)) {
            return Optional.empty();
        }
        try (InputStream in = resource.openStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isDirectory(URL resource) throws IOException {
        if ("file".equals(resource.getProtocol())) {
            try {
                return Files.isDirectory(Path.of(resource.toURI()));
            } catch (URISyntaxException e) {
                return true;
            }
        }
        URLConnection connection = resource.openConnection();
        if (connection instanceof JarURLConnection jar) {
            return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
        }
        return false;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("web root " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
