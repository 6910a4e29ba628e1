package dev.meshcall.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Session tokens: 32 random bytes, base64url, held in memory only (a restart signs everyone out, which is fine for
 * a calling app), each expiring after a fixed time and revocable by logout. Tokens travel only in request bodies,
 * {@code Authorization} headers and the WebSocket's first frame, never in URLs, and are never logged.
 */
public final class TokenService {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> revocationListeners = new CopyOnWriteArrayList<>();
    private final Duration lifetime;
    private final Clock clock;

    private record Grant(int userId, Instant expires) {
    }

    public TokenService(Duration lifetime, Clock clock) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, not " + lifetime);
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issues a new token for the user. */
    public String issue(int userId) {
        purgeExpired();
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(userId, clock.instant().plus(lifetime)));
        return token;
    }

    /** The user a token belongs to, or empty when the token is unknown, expired or revoked. */
    public OptionalInt resolve(String token) {
        if (token == null) {
            return OptionalInt.empty();
        }
        Grant grant = grants.get(token);
        if (grant == null) {
            return OptionalInt.empty();
        }
        if (!clock.instant().isBefore(grant.expires())) {
            grants.remove(token, grant);
            return OptionalInt.empty();
        }
        return OptionalInt.of(grant.userId());
    }

    /** Revokes a token and tells the revocation listeners; returns whether it was valid. */
    public boolean revoke(String token) {
        if (token == null || grants.remove(token) == null) {
            return false;
        }
        for (Consumer<String> listener : revocationListeners) {
            listener.accept(token);
        }
        return true;
    }

    /** Adds a listener told of every revoked token (to close what was opened with it, such as WebSockets). */
    public void addRevocationListener(Consumer<String> listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** How many tokens are held (expired ones may linger until the next issue). */
    public int size() {
        return grants.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        grants.values().removeIf(grant -> !now.isBefore(grant.expires()));
    }
}
