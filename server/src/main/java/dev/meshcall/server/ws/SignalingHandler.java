package dev.meshcall.server.ws;

import dev.meshcall.protocol.Frame;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.relay.Relay;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * The {@code /ws} endpoint: upgrades the handshake and gives each socket its own {@link SignalingConnection}. The
 * handshake's checks (origin, connection rate) are handlers that wrap {@link #httpHandler()}:
 * {@link dev.meshcall.server.http.OriginCheck}, {@link ConnectRate}.
 */
public final class SignalingHandler implements WebSocketConnectionCallback {
    private final JacksonFrameDecoder decoder = new JacksonFrameDecoder();
    private final SocketAuthenticator authenticator;
    private final Relay relay;
    private final SignalRouter router;
    private final Connections connections;
    private final Duration authTimeout;
    private final int maxPendingBytes;
    private final IntFunction<Frame> readyFrames;

    /**
     * @param authenticator decides whom each socket's token belongs to
     * @param authTimeout how long a new socket may take to send its {@code auth} frame
     * @param maxPendingBytes bytes that may wait to be written to one socket before it is closed as too slow
     * @param readyFrames the {@code ready} frame for a user whose token was accepted (with its STUN/TURN servers)
     */
    public SignalingHandler(SocketAuthenticator authenticator, Relay relay, SignalRouter router,
            Connections connections, Duration authTimeout, int maxPendingBytes, IntFunction<Frame> readyFrames) {
        this.authenticator = authenticator;
        this.relay = relay;
        this.router = router;
        this.connections = connections;
        this.authTimeout = authTimeout;
        this.maxPendingBytes = maxPendingBytes;
        this.readyFrames = readyFrames;
    }

    /** The Undertow handler that performs the upgrade. */
    public HttpHandler httpHandler() {
        return Handlers.websocket(this);
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        new SignalingConnection(channel, decoder, authenticator, relay, router, connections, maxPendingBytes,
                readyFrames).start(authTimeout);
    }
}
