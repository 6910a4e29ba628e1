package dev.meshcall.server.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The names under which this server is reached, as a request's {@code Host} must name one of them. A page of
 * {@code http://evil.example} whose name the attacker re-points at this server (DNS rebinding) sends
 * {@code Host: evil.example}, and its own origin would pass a check that takes "own" from the request; so the names
 * come from configuration ({@code --public-url}), or by default are the addresses of this machine that a browser can
 * only reach by that address itself: {@code localhost} and IP literals, none of which a foreign page can re-point.
 */
public final class PublicHosts {
    private final Set<String> hosts;
    /** The ports each host may be reached at; for the defaults, the bound port (known once listening). */
    private final List<Entry> entries;

    private record Entry(String host, IntSupplier port, boolean defaultPort) {
    }

    private PublicHosts(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(entry -> names.add(entry.host()));
        this.hosts = Set.copyOf(names);
    }

    /** The hosts and ports of {@code --public-url}'s URLs ({@code https://meet.example.org}: port 443). */
    public static PublicHosts of(Collection<URI> urls) {
        List<Entry> entries = new ArrayList<>();
        for (URI url : urls) {
            int port = url.getPort();
            boolean defaultPort = port == -1;
            int effective = defaultPort ? ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80) : port;
            entries.add(new Entry(hostOf(url.getHost()), () -> effective, defaultPort || effective == 80
                    || effective == 443));
        }
        return new PublicHosts(entries);
    }

    /** {@code hosts} (names or IP literals) at the port {@code port} tells (the bound one). */
    public static PublicHosts local(Collection<String> hosts, IntSupplier port) {
        List<Entry> entries = new ArrayList<>();
        for (String host : hosts) {
            entries.add(new Entry(hostOf(host), port, false));
        }
        return new PublicHosts(entries);
    }

    /**
     * Whether a {@code Host} header names this server: one of its hosts at its port. A {@code Host} without a port is
     * taken for a URL without one (a browser leaves out 80 and 443, and a TLS-terminating proxy may pass that on).
     */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        String host = value;
        int port = -1;
        if (colon > value.lastIndexOf(']')) {
            host = value.substring(0, colon);
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        host = hostOf(host);
        for (Entry entry : entries) {
            if (entry.host().equals(host) && (port == -1 ? entry.defaultPort() : entry.port().getAsInt() == port)) {
                return true;
            }
        }
        return false;
    }

    /** The names, for messages: {@code localhost, 127.0.0.1}. */
    public String shown() {
        return String.join(", ", hosts);
    }

    private static String hostOf(String host) {
        return host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    }
}
