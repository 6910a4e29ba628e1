package dev.meshcall.server.ws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which page origins may open the signaling WebSocket (OWASP ASVS V4.4: a browser sends {@code Origin} with every
 * WebSocket handshake, and a page of another site must not ride on a user's session). With no allowlist, only the
 * server's own origin, the request's scheme and {@code Host}, is allowed; {@code "*"} allows any. Origins are
 * compared normalized: scheme and host in lower case, the default port made explicit.
 */
final class OriginPolicy {
    private final boolean any;
    private final Set<String> allowed;

    OriginPolicy(List<String> allowedOrigins) {
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
    boolean allows(String origin, String scheme, String hostAndPort) {
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
