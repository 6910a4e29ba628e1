package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.auth.SocketAuth;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.Relay;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One browser's WebSocket ({@code docs/protocol.md}, "WebSocket"): waits for the {@code auth} frame (closing with
 * 1008 when it is missing, wrong or late), then answers {@code ready}, registers with the relay and handles
 * {@code signal} and {@code ping} frames. A bad frame after auth gets an {@code error} frame naming the cause and
 * the frame's {@code ref}; the connection stays open. Frames arrive on the channel's I/O thread, one at a time;
 * nothing here blocks. Incoming messages are read with a hard limit (no more than 64 KiB is ever held for one, even
 * when it comes in fragments), and outgoing frames that the browser does not read are capped: a socket with more
 * than {@code maxPendingBytes} waiting is closed as too slow.
 */
public final class SignalingConnection extends AbstractReceiveListener implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingConnection.class);
    /** RFC 6455 close codes. */
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    private static final long CLOSE_GRACE_MILLIS = 2000;
    /** Most frames fit in this; a bigger one grows the buffer (candidates ~200 bytes, an SDP several KiB). */
    private static final int INITIAL_MESSAGE_BYTES = 512;
    /** Frames per second a connection may send on average, and in one burst. */
    private static final int RATE_PER_SECOND = 50;
    private static final int BURST = 200;
    /** Refused frames in a row after which the connection is closed with 1008. */
    private static final int ABUSE_LIMIT = 50;

    private final WebSocketChannel channel;
    private final JacksonFrameDecoder decoder;
    private final SocketAuthenticator authenticator;
    private final Relay relay;
    private final SignalRouter router;
    private final Connections connections;
    private final int maxPendingBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile String token;
    private volatile int userId;
    private volatile boolean authenticated;
    /** The auth frame came and is being checked (in XMPP mode that can take a login). I/O thread only. */
    private boolean authenticating;
    private volatile boolean closing;
    private XnioExecutor.Key authTimer;
    private final Object sendLock = new Object();
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    /** Frames to send after {@code ready}; {@code null} once it is sent. Guarded by {@link #sendLock}. */
    private List<Frame> beforeReady = new ArrayList<>();
    private final RateLimiter rateLimiter = new RateLimiter(RATE_PER_SECOND, BURST, System.nanoTime());

    SignalingConnection(WebSocketChannel channel, JacksonFrameDecoder decoder, SocketAuthenticator authenticator,
            Relay relay, SignalRouter router, Connections connections, int maxPendingBytes) {
        this.channel = channel;
        this.maxPendingBytes = maxPendingBytes;
        this.decoder = decoder;
        this.authenticator = authenticator;
        this.relay = relay;
        this.router = router;
        this.connections = connections;
    }

    /** Starts listening; closes with 1008 unless a valid {@code auth} frame comes within {@code authTimeout}. */
    void start(Duration authTimeout) {
        connections.add(this);
        channel.addCloseTask(closed -> onClosed());
        authTimer = channel.getIoThread().executeAfter(() -> {
            if (!authenticated && !authenticating) {
                close(POLICY_VIOLATION, "no auth frame within " + authTimeout.toMillis() + " ms");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.getReceiveSetter().set(this);
        channel.resumeReceives();
    }

    @Override
    public int userId() {
        return userId;
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    /** Whether this socket authenticated with a token {@code revoked} matches. */
    boolean tokenMatches(Predicate<String> revoked) {
        String own = token;
        return own != null && revoked.test(own);
    }

    /** Bytes handed to Undertow for this socket and not yet written to the network. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    /**
     * Sends a frame. Frames for this user that arrive between its registration with the relay and its
     * {@code ready} frame are held back and sent right after {@code ready}, so {@code ready} is always first.
     */
    @Override
    public void send(Frame frame) {
        if (frame.op() == Op.ERROR) {
            connections.errorSent(frame.code());
        }
        synchronized (sendLock) {
            if (beforeReady != null) {
                beforeReady.add(frame);
                return;
            }
        }
        write(frame);
    }

    private void write(Frame frame) {
        if (closing || !channel.isOpen()) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("to user {}: {} frame", userId, frame.op().wireName());
        }
        String text = FrameCodec.encode(frame);
        long size = utf8Length(text);
        long pending = pendingBytes.addAndGet(size);
        if (pending > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            tooSlow(pending - size);
            return;
        }
        WebSockets.sendText(text, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                pendingBytes.addAndGet(-size);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                pendingBytes.addAndGet(-size);
            }
        });
    }

    /**
     * The browser does not read what it is sent (or its network cannot take it): the frames would pile up in server
     * memory, so the socket goes. The close frame queues behind the unread data; the socket is dropped after the
     * grace time either way.
     */
    private void tooSlow(long pending) {
        if (closing) {
            return;
        }
        connections.countSlowConsumer();
        LOG.warn("closing the WebSocket of user {}: {} bytes wait to be written, over the limit of {}", userId,
                pending, maxPendingBytes);
        close(POLICY_VIOLATION, "too slow: " + pending + " bytes unread");
    }

    /** Sends a close frame, then drops the socket if the browser does not answer it in time. */
    void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        LOG.debug("closing connection of user {}: {} {}", userId, code, reason);
        channel.getIoThread().executeAfter(() -> IoUtils.safeClose(channel), 2 * CLOSE_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
        WebSockets.sendClose(code, reason, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                ch.getIoThread().executeAfter(() -> IoUtils.safeClose(ch), CLOSE_GRACE_MILLIS,
                        TimeUnit.MILLISECONDS);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                IoUtils.safeClose(ch);
            }
        });
    }

    /**
     * Reads a text message with a hard limit instead of Undertow's {@code BufferedTextMessage}, whose limit is not
     * checked on data that arrives after the first read (so a message sent in fragments was buffered whole).
     */
    @Override
    protected void onText(WebSocketChannel ch, StreamSourceFrameChannel message) {
        new MessageReader(message, true).handleEvent(message);
    }

    /** Binary messages are never part of the protocol: counted against the limit, never held. */
    @Override
    protected void onBinary(WebSocketChannel ch, StreamSourceFrameChannel message) {
        new MessageReader(message, false).handleEvent(message);
    }

    /**
     * Reads one incoming message (all its fragments) as data arrives, holding at most
     * {@link Limits#MAX_FRAME_BYTES} of it; past that it stops reading and closes the socket with 1009, so a
     * message of any size costs the server no more than the limit.
     */
    private final class MessageReader implements ChannelListener<StreamSourceFrameChannel> {
        private final StreamSourceFrameChannel message;
        private final boolean text;
        /** The message's bytes so far (grown as they come, never past the limit). */
        private byte[] bytes;
        private long size;
        private boolean done;

        MessageReader(StreamSourceFrameChannel message, boolean text) {
            this.message = message;
            this.text = text;
            this.bytes = text ? new byte[INITIAL_MESSAGE_BYTES] : null;
        }

        @Override
        public void handleEvent(StreamSourceFrameChannel ch) {
            if (done) {
                return;
            }
            PooledByteBuffer pooled = channel.getBufferPool().allocate();
            try {
                ByteBuffer buffer = pooled.getBuffer();
                while (true) {
                    buffer.clear();
                    int read = message.read(buffer);
                    if (read == -1) {
                        done = true;
                        finished();
                        return;
                    }
                    if (read == 0) {
                        message.getReadSetter().set(this);
                        message.resumeReads();
                        return;
                    }
                    size += read;
                    if (size > Limits.MAX_FRAME_BYTES) {
                        done = true;
                        message.suspendReads();
                        close(MESSAGE_TOO_BIG, "message over the limit of " + Limits.MAX_FRAME_BYTES + " bytes");
                        return;
                    }
                    if (text) {
                        buffer.flip();
                        if (size > bytes.length) {
                            bytes = Arrays.copyOf(bytes, (int) Math.min(Limits.MAX_FRAME_BYTES,
                                    Math.max(size, 2L * bytes.length)));
                        }
                        buffer.get(bytes, (int) size - read, read);
                    }
                }
            } catch (IOException e) {
                done = true;
                onError(channel, e);
            } finally {
                pooled.close();
            }
        }

        private void finished() {
            if (text) {
                onMessage(new String(bytes, 0, (int) size, StandardCharsets.UTF_8));
            } else {
                onBinaryMessage();
            }
        }
    }

    private void onMessage(String text) {
        if (closing) {
            return;
        }
        if (authenticating) {
            send(Frame.error(ErrorCode.BAD_REQUEST, "still checking the auth frame; send frames after ready", null));
            return;
        }
        if (!authenticated) {
            authenticate(text);
            return;
        }
        if (!rateLimiter.tryAcquire(System.nanoTime())) {
            if (rateLimiter.refusedInARow() >= ABUSE_LIMIT) {
                close(POLICY_VIOLATION, "over the frame rate " + ABUSE_LIMIT + " times in a row");
            } else {
                send(Frame.error(ErrorCode.RATE_LIMITED, "over " + RATE_PER_SECOND + " frames/s (bursts of " + BURST
                        + "); this frame was dropped", null));
            }
            return;
        }
        String ref = null;
        try {
            Object tree = decoder.parse(text);
            ref = refOf(tree);
            handle(FrameCodec.fromTree(tree));
        } catch (ProtocolException e) {
            LOG.debug("user {} sent a bad frame: {}", userId, e.getMessage());
            send(Frame.error(e.code(), e.getMessage(), ref));
        } catch (RuntimeException e) {
            LOG.error("failed on a frame from user {}", userId, e);
            send(Frame.error(ErrorCode.UNAVAILABLE, "the server failed on this frame; try again", ref));
        }
    }

    private void onBinaryMessage() {
        if (closing) {
            return;
        }
        if (!authenticated) {
            close(POLICY_VIOLATION, "first frame must be a text auth frame, not binary");
            return;
        }
        send(Frame.error(ErrorCode.BAD_REQUEST, "binary frames are not part of the protocol; send JSON text", null));
    }

    /**
     * A failed read lands here, including Undertow's own protocol errors (such as invalid UTF-8, 1007) after it has
     * queued a close frame; its default closes the socket at once, which can drop that frame, so give the browser
     * the grace time to read it.
     */
    @Override
    protected void onError(WebSocketChannel ch, Throwable error) {
        LOG.debug("WebSocket of user {} failed: {}", userId, error.toString());
        closing = true;
        if (ch.isCloseFrameSent()) {
            ch.getIoThread().executeAfter(() -> IoUtils.safeClose(ch), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            IoUtils.safeClose(ch);
        }
    }

    private void authenticate(String text) {
        Frame frame;
        try {
            frame = decoder.decode(text);
        } catch (ProtocolException e) {
            close(POLICY_VIOLATION, truncate("first frame must be auth: " + e.getMessage()));
            return;
        }
        if (frame.op() != Op.AUTH) {
            close(POLICY_VIOLATION, "first frame must be auth, not " + frame.op().wireName());
            return;
        }
        if (authTimer != null) {
            authTimer.remove();
        }
        authenticating = true;
        String presented = frame.token();
        CompletionStage<SocketAuth> verdict;
        try {
            verdict = authenticator.authenticate(presented, channel.getWorker());
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);  // refused in finishAuth, like a stage that fails later
        }
        verdict.whenComplete((auth, error) -> {
            if (Thread.currentThread() == channel.getIoThread()) {
                finishAuth(presented, auth, error);
            } else {
                channel.getIoThread().execute(() -> finishAuth(presented, auth, error));
            }
        });
    }

    private void finishAuth(String presented, SocketAuth auth, Throwable error) {
        authenticating = false;
        if (error != null) {
            LOG.error("checking a WebSocket's token failed", error);
            auth = SocketAuth.refused(SocketAuth.TRY_AGAIN_LATER, "the server failed to check the token; try again");
        }
        if (closing || !channel.isOpen()) {
            return;
        }
        if (!auth.accepted()) {
            close(auth.closeCode(), truncate(auth.reason()));
            return;
        }
        userId = auth.userId();
        token = presented;
        authenticated = true;
        LOG.debug("user {} authenticated a WebSocket", userId);
        // Register first, so that the browser can be signalled as soon as it sees ready; hold what arrives
        // meanwhile. No lock of ours is held while calling the relay, which calls other connections' send().
        relay.register(this);
        synchronized (sendLock) {
            write(Frame.ready(userId));
            for (Frame early : beforeReady) {
                write(early);
            }
            beforeReady = null;
        }
    }

    /**
     * Answers a ping once the relay's service answers for this user ({@code chat.pingWithTimeout}): at once with the
     * in-process relay; over XMPP it pings the service, on a worker thread since that blocks. No answer in time is
     * an {@code unavailable} error naming the ping, so the browser need not wait out its own timeout.
     */
    private void ping(String id) {
        channel.getWorker().execute(() -> {
            if (relay.ping(userId, PING_TIMEOUT)) {
                send(Frame.pong(id));
            } else {
                send(Frame.error(ErrorCode.UNAVAILABLE, "the signaling service did not answer the ping", id));
            }
        });
    }

    private void handle(Frame frame) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("from user {}: {} frame", userId, frame.op().wireName());
        }
        switch (frame.op()) {
            case SIGNAL:
                if (frame.to() == null) {
                    throw new ProtocolException(ErrorCode.BAD_REQUEST, "from",
                            "a browser's signal names its recipient in 'to'; 'from' is set by the server");
                }
                router.route(this, frame.to(), frame.signal());
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

    private void onClosed() {
        closing = true;
        if (authTimer != null) {
            authTimer.remove();
        }
        if (authenticated) {
            relay.unregister(this);
        }
        connections.remove(this);
    }

    private static String refOf(Object tree) {
        if (tree instanceof Map<?, ?> map && map.get("ref") instanceof String ref
                && ref.length() <= Limits.MAX_SHORT_STRING_CHARS) {
            return ref;
        }
        return null;
    }

    /** The UTF-8 length of a frame's text. */
    private static int utf8Length(String text) {
        return text.length() + countNonAscii(text);
    }

    /** Extra UTF-8 bytes beyond one per char: 1 for U+0080..U+07FF and each surrogate, 2 for the rest. */
    private static int countNonAscii(String text) {
        int extra = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x800 && !Character.isSurrogate(c)) {
                extra += 2;
            } else if (c >= 0x80) {
                extra += 1;
            }
        }
        return extra;
    }

    /** A close reason must fit in a control frame: 123 bytes. */
    private static String truncate(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 117) + "...";
    }
}
