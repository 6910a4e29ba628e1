package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.relay.Relay;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the frames of one authenticated WebSocket ({@code docs/protocol.md}, "WebSocket" and "Limits"): holds
 * them to the connection's frame rate, decodes them and hands each op to what serves it — a {@code signal} to the
 * {@link SignalRouter}, a {@code ping} to the relay. A bad frame gets an {@code error} frame naming the cause and the
 * frame's {@code ref}; the connection stays open, unless it keeps going over the rate. Runs on the connection's I/O
 * thread and never blocks there: a ping that waits for the relay's service goes to a worker.
 */
final class FrameDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDispatcher.class);
    /** Frames per second a connection may send on average, and in one burst. */
    private static final int RATE_PER_SECOND = 50;
    private static final int BURST = 200;
    /** Refused frames in a row after which the connection is closed with 1008. */
    private static final int ABUSE_LIMIT = 50;
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final SignalingConnection connection;
    private final JacksonFrameDecoder decoder;
    private final SignalRouter router;
    private final Relay relay;
    private final Executor worker;
    private final RateLimiter rateLimiter = new RateLimiter(RATE_PER_SECOND, BURST, System.nanoTime());

    /**
     * @param connection the socket whose frames these are: errors and answers go back to it
     * @param worker where a blocking ping runs (the channel's worker pool)
     */
    FrameDispatcher(SignalingConnection connection, JacksonFrameDecoder decoder, SignalRouter router, Relay relay,
            Executor worker) {
        this.connection = connection;
        this.decoder = decoder;
        this.router = router;
        this.relay = relay;
        this.worker = worker;
    }

    /** One text message of the authenticated connection, as it came. */
    void dispatch(String text) {
        if (!rateLimiter.tryAcquire(System.nanoTime())) {
            if (rateLimiter.refusedInARow() >= ABUSE_LIMIT) {
                connection.close(SignalingConnection.POLICY_VIOLATION, "over the frame rate " + ABUSE_LIMIT
                        + " times in a row");
            } else {
                connection.send(Frame.error(ErrorCode.RATE_LIMITED, "over " + RATE_PER_SECOND + " frames/s (bursts of "
                        + BURST + "); this frame was dropped", null));
            }
            return;
        }
        String ref = null;
        try {
            Object tree = decoder.parse(text);
            ref = refOf(tree);
            handle(FrameCodec.fromTree(tree), text.length());
        } catch (ProtocolException e) {
            LOG.debug("user {} sent a bad frame: {}", connection.userId(), e.getMessage());
            connection.send(Frame.error(e.code(), e.getMessage(), ref));
        } catch (RuntimeException e) {
            LOG.error("failed on a frame from user {}", connection.userId(), e);
            connection.send(Frame.error(ErrorCode.UNAVAILABLE, "the server failed on this frame; try again", ref));
        }
    }

    /** {@code size}: the frame's length as received, what a signal weighs against the byte budgets. */
    private void handle(Frame frame, int size) {
        int userId = connection.userId();
        if (LOG.isDebugEnabled()) {
            LOG.debug("from user {}: {} frame", userId, frame.op().wireName());
        }
        switch (frame.op()) {
            case SIGNAL:
                if (frame.to() == null) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "from",
                            "a browser's signal names its recipient in 'to'; 'from' is set by the server");
                }
                router.route(connection, frame.to(), frame.signal(), size);
                return;
            case PING:
                ping(frame.id());
                return;
            case AUTH:
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "op",
                        "op 'auth' is allowed only as the first frame; this connection is already user " + userId);
            default:
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "op",
                        "op '" + frame.op().wireName() + "' is sent by the server, not by a browser");
        }
    }

    /**
     * Answers a ping once the relay's service answers for this user ({@code chat.pingWithTimeout}): at once with the
     * in-process relay; over XMPP it pings the service, on a worker thread since that blocks. No answer in time is
     * an {@code unavailable} error naming the ping, so the browser need not wait out its own timeout.
     */
    private void ping(String id) {
        worker.execute(() -> {
            if (relay.ping(connection.userId(), PING_TIMEOUT)) {
                connection.send(Frame.pong(id));
            } else {
                connection.send(Frame.error(ErrorCode.UNAVAILABLE, "the signaling service did not answer the ping",
                        id));
            }
        });
    }

    /** The frame's {@code ref}, when it has a usable one, to name the frame in an error about it. */
    private static String refOf(Object tree) {
        if (tree instanceof Map<?, ?> map && map.get("ref") instanceof String ref
                && ref.length() <= Limits.MAX_SHORT_STRING_CHARS) {
            return ref;
        }
        return null;
    }
}
