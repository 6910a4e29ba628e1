package dev.meshcall.server.turn;

import dev.meshcall.protocol.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The STUN and TURN servers a node hands to browsers ({@code --stun-url}, {@code --turn-url}), the secret it shares
 * with the TURN servers to mint their credentials ({@code MESHCALL_TURN_SECRET}) and how long a credential lasts
 * ({@code --turn-ttl}). With none configured, browsers get no servers: on loopback or one LAN, host candidates
 * connect without them. Immutable; the secret never appears in {@link #toString()}.
 */
public final class TurnSettings {
    /** How long a TURN credential is valid unless {@code --turn-ttl} says otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /**
     * The shortest secret accepted. A browser sees usernames and their passwords, so a short secret could be found
     * offline by trying HMACs; 16 characters is the floor, a random 32 or more is what to use.
     */
    public static final int MIN_SECRET_CHARS = 16;

    private static final TurnSettings NONE = new TurnSettings(List.of(), List.of(), null, DEFAULT_TTL);

    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final String secret;
    private final Duration ttl;

    private TurnSettings(List<String> stunUrls, List<String> turnUrls, String secret, Duration ttl) {
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.secret = secret;
        this.ttl = ttl;
    }

    /** No STUN and no TURN server: what a node on loopback or one LAN needs. */
    public static TurnSettings none() {
        return NONE;
    }

    /**
     * STUN servers only (no credentials involved).
     *
     * @throws IllegalArgumentException naming a URL that is not a STUN URL
     */
    public static TurnSettings stun(List<String> stunUrls) {
        return of(stunUrls, List.of(), null, DEFAULT_TTL);
    }

    /**
     * @param stunUrls {@code stun:} URLs, maybe none
     * @param turnUrls {@code turn:}/{@code turns:} URLs, maybe none; all of them share one credential, so they must
     *     be servers (or listeners of one server) that share {@code secret}
     * @param secret   the TURN servers' {@code static-auth-secret}; required with TURN URLs, refused without
     * @param ttl      how long a minted credential is valid, whole seconds, at least one
     * @throws IllegalArgumentException naming what is wrong (never the secret itself)
     */
    public static TurnSettings of(List<String> stunUrls, List<String> turnUrls, String secret, Duration ttl) {
        List<String> stun = new ArrayList<>();
        for (String url : stunUrls) {
            stun.add(IceUrls.stun(url));
        }
        List<String> turn = new ArrayList<>();
        for (String url : turnUrls) {
            turn.add(IceUrls.turn(url));
        }
        if (!turn.isEmpty() && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("TURN URLs need the TURN server's shared secret to mint credentials");
        }
        if (turn.isEmpty() && secret != null) {
            throw new IllegalArgumentException("a TURN secret is given, but no TURN URL to use it with");
        }
        if (secret != null && secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the TURN secret must be at least " + MIN_SECRET_CHARS
                    + " characters (a random 32 or more is better)");
        }
        if (ttl.isNegative() || ttl.getSeconds() < 1 || ttl.getNano() != 0 || ttl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the TURN credential TTL must be whole seconds, at least one, not "
                    + ttl);
        }
        if (stun.size() > Limits.MAX_ICE_SERVER_URLS || turn.size() > Limits.MAX_ICE_SERVER_URLS) {
            throw new IllegalArgumentException("at most " + Limits.MAX_ICE_SERVER_URLS + " STUN and "
                    + Limits.MAX_ICE_SERVER_URLS + " TURN URLs (the protocol's limit), not " + stun.size() + " and "
                    + turn.size());
        }
        return new TurnSettings(stun, turn, secret, ttl);
    }

    public List<String> stunUrls() {
        return stunUrls;
    }

    public List<String> turnUrls() {
        return turnUrls;
    }

    /** The shared secret, or {@code null} without TURN. Never log it. */
    public String secret() {
        return secret;
    }

    /** How long a minted credential is valid. */
    public Duration ttl() {
        return ttl;
    }

    /** Whether browsers get no server at all. */
    public boolean isEmpty() {
        return stunUrls.isEmpty() && turnUrls.isEmpty();
    }

    @Override
    public String toString() {
        return "TurnSettings[stun=" + stunUrls + ", turn=" + turnUrls + ", ttl=" + ttl + "]";
    }
}
