package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.auth.TokenSeal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the XMPP service is and how the bridge talks to it: the hosts and ports of its client (c2s) listeners (one,
 * or several members of a cluster: {@link XmppHosts}), the XMPP domain, the application id of the seed's JIDs
 * ({@code userId-appId@domain}), the TLS mode, and the bridge's own timings and bounds (with production defaults).
 *
 * @param hosts             where the service takes client connections, in the order to try them; at least one
 * @param reconnectDelay    fixed pause between reconnection attempts (Smack's own is a random 2–14 s)
 * @param loginTimeout      how long connecting or logging in may take; a connection connected but not logged in
 *                          for longer is dropped and made again by the watchdog
 * @param sendBuffer        most signals held per user while its XMPP connection is not logged in; beyond, the
 *                          sender gets {@code unavailable}
 * @param bufferMaxAge      how long a held signal stays deliverable; older ones are answered with
 *                          {@code unavailable} instead of being sent late
 * @param idleTimeout       how long a signed-in user's XMPP session lives without any open WebSocket
 * @param tokenSecret       the secret all nodes share to accept each other's login tokens, or {@code null}: tokens
 *                          then work only on the node that issued them (never printed)
 */
public record XmppSettings(List<XmppHost> hosts, String domain, String appId, Tls tls, Duration reconnectDelay,
        Duration loginTimeout, int sendBuffer, Duration bufferMaxAge, Duration idleTimeout, String tokenSecret) {

    /** The default c2s port. */
    public static final int DEFAULT_PORT = 5222;

    /** How the connection to the XMPP service is protected. */
    public enum Tls {
        /** STARTTLS is required (production default). */
        REQUIRED,
        /** STARTTLS when the service offers it. */
        IF_POSSIBLE,
        /** Never TLS: only for a service on loopback, such as in tests. */
        DISABLED;

        /** Parses {@code required}, {@code if-possible} or {@code disabled}. */
        public static Tls parse(String value) {
            String normalized = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            switch (normalized) {
                case "required":
                    return REQUIRED;
                case "if-possible":
                    return IF_POSSIBLE;
                case "disabled":
                    return DISABLED;
                default:
                    throw new IllegalArgumentException("TLS mode must be required, if-possible or disabled, not '"
                            + value + "'");
            }
        }
    }

    public XmppSettings {
        Objects.requireNonNull(hosts, "hosts");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one XMPP host is needed");
        }
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(tls, "tls");
        if (appId.isEmpty() || !appId.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("XMPP app id must be letters and digits, not '" + appId + "'");
        }
        if (tokenSecret != null && tokenSecret.length() < TokenSeal.MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the token secret must be at least " + TokenSeal.MIN_SECRET_CHARS
                    + " characters (for example from: openssl rand -base64 32)");
        }
        if (sendBuffer < 1) {
            throw new IllegalArgumentException("sendBuffer must be at least 1, not " + sendBuffer);
        }
    }

    /** Settings for a service on one host. */
    public XmppSettings(String host, int port, String domain, String appId, Tls tls, Duration reconnectDelay,
            Duration loginTimeout, int sendBuffer, Duration bufferMaxAge, Duration idleTimeout, String tokenSecret) {
        this(List.of(new XmppHost(host, port)), domain, appId, tls, reconnectDelay, loginTimeout, sendBuffer,
                bufferMaxAge, idleTimeout, tokenSecret);
    }

    /** Settings with the default timings: reconnect every 1 s, 5 s to log in, 256 held signals for 30 s each. */
    public static XmppSettings of(String host, int port, String domain, String appId, Tls tls) {
        return of(List.of(new XmppHost(host, port)), domain, appId, tls);
    }

    /** Settings for a service on several hosts (a cluster), with the default timings. */
    public static XmppSettings of(List<XmppHost> hosts, String domain, String appId, Tls tls) {
        return new XmppSettings(hosts, domain, appId, tls, Duration.ofSeconds(1), Duration.ofSeconds(5), 256,
                Duration.ofSeconds(30), Duration.ofMinutes(2), null);
    }

    /** The first host's name or address. */
    public String host() {
        return hosts.get(0).host();
    }

    /** The first host's port. */
    public int port() {
        return hosts.get(0).port();
    }

    /** The hosts as {@code host:port} separated by commas, for messages. */
    public String hostsText() {
        return String.join(",", hosts.stream().map(XmppHost::toString).toList());
    }

    public XmppSettings withReconnectDelay(Duration value) {
        return new XmppSettings(hosts, domain, appId, tls, value, loginTimeout, sendBuffer, bufferMaxAge,
                idleTimeout, tokenSecret);
    }

    public XmppSettings withIdleTimeout(Duration value) {
        return new XmppSettings(hosts, domain, appId, tls, reconnectDelay, loginTimeout, sendBuffer,
                bufferMaxAge, value, tokenSecret);
    }

    public XmppSettings withTokenSecret(String value) {
        return new XmppSettings(hosts, domain, appId, tls, reconnectDelay, loginTimeout, sendBuffer,
                bufferMaxAge, idleTimeout, value);
    }

    /** The seal of this node's login tokens: shared by every node given the same secret, else this node's own. */
    public TokenSeal tokenSeal() {
        return tokenSecret == null ? TokenSeal.random() : TokenSeal.shared(tokenSecret);
    }

    @Override
    public String toString() {
        return "XmppSettings[" + hostsText() + ", domain=" + domain + ", appId=" + appId + ", tls=" + tls
                + ", tokenSecret=" + (tokenSecret == null ? "none" : "set") + "]";
    }
}
