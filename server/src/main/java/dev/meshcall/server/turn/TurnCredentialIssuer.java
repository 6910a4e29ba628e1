package dev.meshcall.server.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints {@link TurnCredential}s with the secret this node shares with the TURN server, as the TURN REST scheme says
 * (<a href="https://datatracker.ietf.org/doc/html/draft-uberti-behave-turn-rest-00">draft-uberti-behave-turn-rest</a>,
 * section 2.2): username {@code expiry:userId}, password {@code base64(HMAC-SHA1(secret, username))}. The TURN server
 * (coturn with {@code use-auth-secret} and the same {@code static-auth-secret}) computes the same password from the
 * username it is given and refuses the username once its expiry has passed, so no node and no TURN server keeps a
 * list of credentials, and a credential a browser leaks is worth nothing after the TTL. The TURN server then uses the
 * password as any long-term credential (<a href="https://www.rfc-editor.org/rfc/rfc5766#section-4">RFC 5766,
 * section 4</a>; <a href="https://www.rfc-editor.org/rfc/rfc5389#section-10.2">RFC 5389, section 10.2</a>).
 */
public final class TurnCredentialIssuer {
    private static final String HMAC_SHA1 = "HmacSHA1";

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param secret coturn's {@code static-auth-secret}; its UTF-8 bytes are the HMAC key, as coturn takes them
     * @param ttl    how long each credential is valid, at least a second
     */
    public TurnCredentialIssuer(String secret, Duration ttl, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a TURN secret is needed to mint credentials");
        }
        if (ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("a TURN credential's TTL must be at least a second, not " + ttl);
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
        this.ttl = Duration.ofSeconds(ttl.getSeconds());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long each credential is valid, in whole seconds. */
    public Duration ttl() {
        return ttl;
    }

    /** A credential for the user, valid for {@link #ttl()} from now. */
    public TurnCredential issue(int userId) {
        if (userId < 1) {
            throw new IllegalArgumentException("user ids start at 1, not " + userId);
        }
        Instant expires = Instant.ofEpochSecond(clock.instant().getEpochSecond()).plus(ttl);
        String username = expires.getEpochSecond() + ":" + userId;
        return new TurnCredential(username, password(username), expires);
    }

    private String password(String username) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + HMAC_SHA1, e);
        }
    }

    @Override
    public String toString() {
        return "TurnCredentialIssuer[ttl=" + ttl + "]";
    }
}
