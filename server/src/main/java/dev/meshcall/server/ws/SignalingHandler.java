package dev.meshcall.server.ws;

import dev.meshcall.server.relay.Relay;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Function;

/** The {@code /ws} endpoint: upgrades the request and gives each socket its own {@link SignalingConnection}. */
public final class SignalingHandler implements WebSocketConnectionCallback {
    private final JacksonFrameDecoder decoder = new JacksonFrameDecoder();
    private final Function<String, OptionalInt> tokens;
    private final Relay relay;
    private final SignalRouter router;
    private final Connections connections;
    private final Duration authTimeout;

    /**
     * @param tokens resolves a token to its user without blocking
     * @param authTimeout how long a new socket may take to send its {@code auth} frame
     */
    public SignalingHandler(Function<String, OptionalInt> tokens, Relay relay, SignalRouter router,
            Connections connections, Duration authTimeout) {
        this.tokens = tokens;
        this.relay = relay;
        this.router = router;
        this.connections = connections;
        this.authTimeout = authTimeout;
    }

    /** The Undertow handler that performs the upgrade. */
    public HttpHandler httpHandler() {
        return Handlers.websocket(this);
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        new SignalingConnection(channel, decoder, tokens, relay, router, connections).start(authTimeout);
    }
}
