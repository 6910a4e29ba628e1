package dev.meshcall.server.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code Authorization} header of a push request (RFC 8292 VAPID): {@code vapid t=<JWT>, k=<public key>}. The
 * JWT's header is {@code {"typ":"JWT","alg":"ES256"}}; its claims are {@code aud}, the push endpoint's origin,
 * {@code exp}, {@value #LIFETIME_HOURS} hours from now (the RFC allows at most 24), and {@code sub}, the operator's
 * contact ({@code mailto:} or {@code https:}); it is signed with ES256.
 */
final class VapidAuthorization {
    static final int LIFETIME_HOURS = 12;
    private static final String HEADER = Base64Url.encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"
            .getBytes(StandardCharsets.US_ASCII));

    private final VapidKeys keys;
    private final String subject;

    VapidAuthorization(VapidKeys keys, String subject) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** The header for a request to {@code endpoint} made at {@code now}. */
    String header(URI endpoint, Instant now) {
        long exp = now.plus(Duration.ofHours(LIFETIME_HOURS)).getEpochSecond();
        String claims = "{\"aud\":\"" + origin(endpoint) + "\",\"exp\":" + exp + ",\"sub\":\"" + json(subject)
                + "\"}";
        String signingInput = HEADER + "." + Base64Url.encode(claims.getBytes(StandardCharsets.UTF_8));
        String jwt = signingInput + "." + Base64Url.encode(keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        return "vapid t=" + jwt + ", k=" + keys.publicKeyText();
    }

    /** {@code scheme://host[:port]}, the port only when the URL names one. */
    static String origin(URI endpoint) {
        String host = endpoint.getHost();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + host
                + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    }

    /** The subject is checked to be a URL, but a quote or backslash must still not break the JSON. */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
