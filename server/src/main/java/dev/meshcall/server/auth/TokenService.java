package dev.meshcall.server.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Session tokens. A token is a {@link Grant} sealed by a {@link TokenSeal}: its random id, the user, its expiry and
 * an optional secret the node needs to act for the user (in XMPP mode the user's XMPP password, so that any node
 * holding the seal's key can log the user in to the service again). Nothing is stored per token; what is revoked
 * is remembered by id until it would have expired anyway. With a per-process key (the default) a restart signs
 * everyone out; nodes given one shared secret accept each other's tokens.
 *
 * <p>Tokens travel only in request bodies, {@code Authorization} headers and the WebSocket's first frame, never in
 * URLs, and are never logged.
 */
public final class TokenService {
    private static final byte VERSION = 1;
    private static final int ID_BYTES = 16;
    private static final int HEADER_BYTES = 1 + ID_BYTES + Integer.BYTES + Long.BYTES;

    private final SecureRandom random = new SecureRandom();
    private final TokenSeal seal;
    /** Revoked token ids and when the token would have expired. */
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<Grant>> revocationListeners = new CopyOnWriteArrayList<>();
    private final Duration lifetime;
    private final Clock clock;

    /**
     * What a valid token grants.
     *
     * @param token   the token itself (to find what was opened with it)
     * @param id      its random id, the key of revocations
     * @param secret  what the node needs to act for the user ({@code ""} when nothing); never printed
     */
    public record Grant(String token, String id, int userId, Instant expires, String secret) {
        public Grant {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expires, "expires");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Grant[id=" + id + ", userId=" + userId + ", expires=" + expires + "]";
        }
    }

    /** Tokens valid only in this process. */
    public TokenService(Duration lifetime, Clock clock) {
        this(lifetime, clock, TokenSeal.random());
    }

    /** Tokens that every holder of {@code seal}'s key accepts. */
    public TokenService(Duration lifetime, Clock clock, TokenSeal seal) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, not " + lifetime);
        }
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seal = Objects.requireNonNull(seal, "seal");
    }

    /** Issues a new token for the user. */
    public String issue(int userId) {
        return issue(userId, "");
    }

    /** Issues a new token for the user that carries {@code secret}, sealed, to whichever node opens it. */
    public String issue(int userId, String secret) {
        purgeRevoked();
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(HEADER_BYTES + secretBytes.length)
                .put(VERSION)
                .put(id)
                .putInt(userId)
                .putLong(clock.instant().plus(lifetime).getEpochSecond())
                .put(secretBytes);
        return seal.seal(plain.array());
    }

    /** What the token grants, or empty when it is unknown, altered, expired or revoked. */
    public Optional<Grant> grant(String token) {
        Optional<byte[]> opened = open(token);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer plain = ByteBuffer.wrap(opened.get());
        plain.get();
        byte[] idBytes = new byte[ID_BYTES];
        plain.get(idBytes);
        int userId = plain.getInt();
        Instant expires = Instant.ofEpochSecond(plain.getLong());
        String secret = new String(opened.get(), HEADER_BYTES, opened.get().length - HEADER_BYTES,
                StandardCharsets.UTF_8);
        String id = HexFormat.of().formatHex(idBytes);
        if (!clock.instant().isBefore(expires) || revoked.containsKey(id)) {
            return Optional.empty();
        }
        return Optional.of(new Grant(token, id, userId, expires, secret));
    }

    /** The user a token belongs to, or empty when the token is unknown, expired or revoked. */
    public OptionalInt resolve(String token) {
        return grant(token).map(g -> OptionalInt.of(g.userId())).orElse(OptionalInt.empty());
    }

    /** Revokes a token and tells the revocation listeners; returns whether it was valid. */
    public boolean revoke(String token) {
        Optional<Grant> grant = grant(token);
        if (grant.isEmpty() || !revokeHere(grant.get())) {
            return false;
        }
        for (Consumer<Grant> listener : revocationListeners) {
            listener.accept(grant.get());
        }
        return true;
    }

    /**
     * Remembers a revocation learned elsewhere (another node, shared storage) without telling the listeners; returns
     * whether it is new here.
     */
    public boolean revokeHere(Grant grant) {
        return revokeHere(grant.id(), grant.expires());
    }

    /**
     * Remembers that the token with {@code id} is revoked, as another node said; returns whether it is new here.
     */
    public boolean revokeHere(String id, Instant expires) {
        return revoked.putIfAbsent(id, expires) == null;
    }

    /** The id of a token this node's key sealed, expired or revoked or not; empty for anything else. */
    public Optional<String> idOf(String token) {
        return open(token).map(plain -> HexFormat.of().formatHex(plain, 1, 1 + ID_BYTES));
    }

    /** The grant's bytes sealed in {@code token} by this node's key, when they have this version's layout. */
    private Optional<byte[]> open(String token) {
        return seal.open(token).filter(plain -> plain.length >= HEADER_BYTES && plain[0] == VERSION);
    }

    /** Adds a listener told of every token revoked here (to close what was opened with it, such as WebSockets). */
    public void addRevocationListener(Consumer<Grant> listener) {
        revocationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** How many revocations are remembered (those of expired tokens may linger until the next issue). */
    public int revokedCount() {
        return revoked.size();
    }

    private void purgeRevoked() {
        Instant now = clock.instant();
        revoked.values().removeIf(expires -> !now.isBefore(expires));
    }
}
