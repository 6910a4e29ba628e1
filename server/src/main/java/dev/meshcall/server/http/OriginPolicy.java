package dev.meshcall.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which page origins may open the signaling WebSocket and make state-changing REST calls (OWASP ASVS V4.4: a browser
 * sends {@code Origin} with every WebSocket handshake and every cross-site POST, and a page of another site must not
 * ride on a user's session or address). With no allowlist, only the
 * server's own origin, the request's scheme and {@code Host}, is allowed; {@code "*"} allows any. Origins are
 * compared normalized: scheme and host in lower case, the default port made explicit.
 */
public final class OriginPolicy {
    /** How much of a refused origin a message and a log line repeat (it is the client's text, of any length). */
    private static final int MAX_ORIGIN_IN_MESSAGE = 100;

    private final boolean any;
    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.any = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().filter(o -> !o.equals("*")).map(OriginPolicy::normalize)
                .filter(o -> o != null).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a handshake with this {@code Origin} header may proceed.
     *
     * @param scheme the request's scheme ({@code http} or {@code https})
     * @param hostAndPort the request's {@code Host}
     */
    public boolean allows(String origin, String scheme, String hostAndPort) {
        if (any) {
            return true;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return false;
        }
        if (allowed.isEmpty()) {
            return normalized.equals(normalize(scheme + "://" + hostAndPort));
        }
        return allowed.contains(normalized);
    }

    /** A refused origin as messages and logs repeat it: at most {@value #MAX_ORIGIN_IN_MESSAGE} characters. */
    public static String shown(String origin) {
        return origin.length() > MAX_ORIGIN_IN_MESSAGE ? origin.substring(0, MAX_ORIGIN_IN_MESSAGE) + "..." : origin;
    }

    /** {@code scheme://host:port} in lower case with the port made explicit, or {@code null} when not an origin. */
    static String normalize(String origin) {
        if (origin == null) {
            return null;
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port == -1) {
                port = switch (scheme) {
                    case "http", "ws" -> 80;
                    case "https", "wss" -> 443;
                    default -> -1;
                };
            }
            return port == -1 ? null : scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
