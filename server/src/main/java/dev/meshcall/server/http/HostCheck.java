package dev.meshcall.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the REST API and the WebSocket handshake: a request whose {@code Host} is not one of the
 * {@link PublicHosts} gets 421 {@code misdirected} (400 {@code bad_request} when it names no host at all) before
 * anything else, so that a page of another name pointed at this server (DNS rebinding) can neither call the API nor
 * pass the origin check as the server's "own" origin. Nothing is read, so it may run on an I/O thread.
 */
public final class HostCheck implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HostCheck.class);
    private static final int MAX_HOST_IN_MESSAGE = 100;

    private final PublicHosts hosts;
    private final HttpHandler next;

    public HostCheck(PublicHosts hosts, HttpHandler next) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || host.isBlank()) {
            JsonExchange.sendError(exchange, 400, "bad_request", "the request names no Host; this server answers as "
                    + hosts.shown());
            return;
        }
        if (!hosts.allows(host)) {
            String shown = host.length() > MAX_HOST_IN_MESSAGE ? host.substring(0, MAX_HOST_IN_MESSAGE) + "..." : host;
            LOG.debug("refused a request for host '{}'", shown);
            JsonExchange.sendError(exchange, 421, "misdirected", "this server answers as " + hosts.shown()
                    + ", not as '" + shown + "'; see --public-url");
            return;
        }
        next.handleRequest(exchange);
    }
}
