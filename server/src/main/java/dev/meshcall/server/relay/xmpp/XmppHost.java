package dev.meshcall.server.relay.xmpp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One host of the XMPP service, where a node connects its users: a name or address and its client-to-server port.
 * A service may have several (the members of an ejabberd cluster); {@link XmppHosts} says which to try first.
 *
 * @param host a DNS name or an IP address (an IPv6 one without brackets)
 * @param port the client-to-server port, 1 to 65535
 */
public record XmppHost(String host, int port) {

    public XmppHost {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c == ',')) {
            throw new IllegalArgumentException("XMPP host must be a name or an address, not '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("XMPP port must be 1 to 65535, not " + port);
        }
    }

    /**
     * Parses a comma-separated list of {@code HOST}, {@code HOST:PORT} or {@code [IPv6]:PORT} entries; an entry
     * without a port gets {@code defaultPort}.
     *
     * @throws IllegalArgumentException naming the bad entry, an empty list, or an entry given twice
     */
    public static List<XmppHost> parseList(String value, int defaultPort) {
        List<XmppHost> hosts = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            hosts.add(parse(entry.trim(), defaultPort));
        }
        if (new LinkedHashSet<>(hosts).size() != hosts.size()) {
            throw new IllegalArgumentException("XMPP hosts must differ, not '" + value + "'");
        }
        return List.copyOf(hosts);
    }

    private static XmppHost parse(String entry, int defaultPort) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("XMPP host list has an empty entry: give HOST or HOST:PORT, separated"
                    + " by commas");
        }
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || close + 1 < entry.length() && entry.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("XMPP host '" + entry + "' must be [IPv6] or [IPv6]:PORT");
            }
            host = entry.substring(1, close);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }  // else a name, an IPv4 address, or a bare IPv6 address (several colons): no port
        if (port == null) {
            return new XmppHost(host, defaultPort);
        }
        try {
            return new XmppHost(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("XMPP port must be a number from 1 to 65535, not '" + port + "' in '"
                    + entry + "'", e);
        }
    }

    /** {@code host:port}, or {@code [v6]:port}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
