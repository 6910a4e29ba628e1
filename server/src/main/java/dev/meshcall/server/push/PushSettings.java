package dev.meshcall.server.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a node sends Web Push ({@code --vapid-*}, {@code --push-*}): the VAPID key pair (or {@code null}: the one kept
 * in the data directory, {@link VapidKeyFile}), the contact the push services see ({@code sub}), the time one push
 * may take, how many may wait, how many subscriptions one user may keep, the messages' {@code TTL}, and whether
 * plain-HTTP endpoints are allowed (tests only). Immutable; the private key never appears in {@link #toString()}.
 */
public final class PushSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_QUEUE = 1000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 10;
    /** About as long as a call rings: a push that arrives later than that is of no use. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    /** The subject used when none is given and no {@code --public-url} is {@code https}. */
    public static final String FALLBACK_SUBJECT = "mailto:meshcall@localhost";

    private static final PushSettings DEFAULTS = new PushSettings(null, null, DEFAULT_TIMEOUT, DEFAULT_QUEUE,
            DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_TTL, false);

    private final VapidKeys keys;
    private final String subject;
    private final Duration timeout;
    private final int queue;
    private final int maxSubscriptionsPerUser;
    private final Duration ttl;
    private final boolean allowHttpEndpoints;

    private PushSettings(VapidKeys keys, String subject, Duration timeout, int queue, int maxSubscriptionsPerUser,
            Duration ttl, boolean allowHttpEndpoints) {
        this.keys = keys;
        this.subject = subject;
        this.timeout = positive(timeout, "the push timeout");
        this.ttl = positive(ttl, "the push TTL");
        if (queue < 1 || maxSubscriptionsPerUser < 1) {
            throw new IllegalArgumentException("the push queue and the subscriptions per user must be at least 1, not "
                    + queue + " and " + maxSubscriptionsPerUser);
        }
        this.queue = queue;
        this.maxSubscriptionsPerUser = maxSubscriptionsPerUser;
        this.allowHttpEndpoints = allowHttpEndpoints;
    }

    public static PushSettings defaults() {
        return DEFAULTS;
    }

    /** The operator's key pair, or {@code null} for the one kept in the data directory. */
    public VapidKeys keys() {
        return keys;
    }

    /** The {@code sub} claim as given, or {@code null} for {@link #subjectFor}'s default. */
    public String subject() {
        return subject;
    }

    /**
     * The {@code sub} claim to use: the one given, else the first {@code https} public URL, else
     * {@value #FALLBACK_SUBJECT} (which push services may refuse).
     */
    public String subjectFor(List<URI> publicUrls) {
        if (subject != null) {
            return subject;
        }
        for (URI url : publicUrls) {
            if ("https".equalsIgnoreCase(url.getScheme())) {
                return "https://" + url.getRawAuthority();
            }
        }
        return FALLBACK_SUBJECT;
    }

    /** Connect and response time of one push. */
    public Duration timeout() {
        return timeout;
    }

    /** Pushes that may wait to be sent; more are dropped and counted. */
    public int queue() {
        return queue;
    }

    /** Subscriptions one user may keep; a new one past it evicts their oldest. */
    public int maxSubscriptionsPerUser() {
        return maxSubscriptionsPerUser;
    }

    /** The {@code TTL} header: how long a push service keeps a message it cannot deliver yet. */
    public Duration ttl() {
        return ttl;
    }

    /** Whether {@code http:} endpoints are accepted besides {@code https:} (tests only). */
    public boolean allowHttpEndpoints() {
        return allowHttpEndpoints;
    }

    public PushSettings withKeys(VapidKeys value) {
        return new PushSettings(value, subject, timeout, queue, maxSubscriptionsPerUser, ttl, allowHttpEndpoints);
    }

    /**
     * @throws IllegalArgumentException when it is not a {@code mailto:} address or an {@code https:} URL
     */
    public PushSettings withSubject(String value) {
        return new PushSettings(keys, checkSubject(value), timeout, queue, maxSubscriptionsPerUser, ttl,
                allowHttpEndpoints);
    }

    public PushSettings withTimeout(Duration value) {
        return new PushSettings(keys, subject, value, queue, maxSubscriptionsPerUser, ttl, allowHttpEndpoints);
    }

    public PushSettings withQueue(int value) {
        return new PushSettings(keys, subject, timeout, value, maxSubscriptionsPerUser, ttl, allowHttpEndpoints);
    }

    public PushSettings withMaxSubscriptionsPerUser(int value) {
        return new PushSettings(keys, subject, timeout, queue, value, ttl, allowHttpEndpoints);
    }

    public PushSettings withTtl(Duration value) {
        return new PushSettings(keys, subject, timeout, queue, maxSubscriptionsPerUser, value, allowHttpEndpoints);
    }

    public PushSettings withAllowHttpEndpoints(boolean value) {
        return new PushSettings(keys, subject, timeout, queue, maxSubscriptionsPerUser, ttl, value);
    }

    @Override
    public String toString() {
        return "PushSettings[keys=" + (keys == null ? "data directory" : keys) + ", subject=" + subject
                + ", timeout=" + timeout + ", queue=" + queue + ", maxSubscriptionsPerUser=" + maxSubscriptionsPerUser
                + ", ttl=" + ttl + ", allowHttpEndpoints=" + allowHttpEndpoints + "]";
    }

    private static String checkSubject(String value) {
        String text = value.trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean mailto = scheme.equals("mailto") && uri.getSchemeSpecificPart().matches("[^@\\s]+@[^@\\s]+");
            boolean https = scheme.equals("https") && uri.getHost() != null;
            if (mailto || https) {
                return text;
            }
        } catch (URISyntaxException e) {
            // Said below.
        }
        throw new IllegalArgumentException("the push subject must be a mailto: address or an https: URL (RFC 8292),"
                + " such as mailto:admin@example.org, not '" + value + "'");
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }
}
