package dev.meshcall.server.ws;

import dev.meshcall.server.SecurityConfig;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.http.HttpErrors;
import dev.meshcall.server.relay.Relay;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint: refuses a handshake from a page of a foreign origin (403) or from an address opening
 * sockets too fast (429), before any upgrade; upgrades the rest and gives each socket its own
 * {@link SignalingConnection}.
 */
public final class SignalingHandler implements WebSocketConnectionCallback {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingHandler.class);
    private static final int MAX_ORIGIN_IN_MESSAGE = 100;

    private final JacksonFrameDecoder decoder = new JacksonFrameDecoder();
    private final SocketAuthenticator authenticator;
    private final Relay relay;
    private final SignalRouter router;
    private final Connections connections;
    private final Duration authTimeout;
    private final OriginPolicy origins;
    private final ConnectLimiter connectLimiter;
    private final int maxPendingBytes;

    /**
     * @param authenticator decides whom each socket's token belongs to
     * @param authTimeout how long a new socket may take to send its {@code auth} frame
     * @param security the origin allowlist and the limits
     */
    public SignalingHandler(SocketAuthenticator authenticator, Relay relay, SignalRouter router,
            Connections connections, Duration authTimeout, SecurityConfig security) {
        this.authenticator = authenticator;
        this.relay = relay;
        this.router = router;
        this.connections = connections;
        this.authTimeout = authTimeout;
        this.origins = new OriginPolicy(security.allowedOrigins());
        this.connectLimiter = new ConnectLimiter(security.wsConnectsPerSecond());
        this.maxPendingBytes = security.maxPendingBytes();
    }

    /** The Undertow handler that checks the handshake and performs the upgrade. */
    public HttpHandler httpHandler() {
        HttpHandler upgrade = Handlers.websocket(this);
        return exchange -> {
            if (admit(exchange)) {
                upgrade.handleRequest(exchange);
            }
        };
    }

    /**
     * A request without {@code Origin} is not from a browser page (browsers always send it on a WebSocket
     * handshake), so no page can be riding on a user's session through it; it is admitted and must still
     * authenticate with a token like any socket.
     */
    private boolean admit(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !origins.allows(origin, exchange.getRequestScheme(), exchange.getHostAndPort())) {
            String shown = origin.length() > MAX_ORIGIN_IN_MESSAGE ? origin.substring(0, MAX_ORIGIN_IN_MESSAGE)
                    + "..." : origin;
            LOG.debug("refused a WebSocket handshake from origin '{}' (not allowed)", shown);
            HttpErrors.send(exchange, 403, "forbidden", "origin '" + shown + "' may not open this WebSocket;"
                    + " see --allowed-origins");
            return false;
        }
        InetSocketAddress source = exchange.getSourceAddress();
        if (source != null && source.getAddress() != null
                && !connectLimiter.tryAcquire(source.getAddress(), System.nanoTime())) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            HttpErrors.send(exchange, 429, "rate_limited", "too many new WebSocket connections from this address;"
                    + " retry in a second");
            return false;
        }
        return true;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        new SignalingConnection(channel, decoder, authenticator, relay, router, connections, maxPendingBytes)
                .start(authTimeout);
    }
}
