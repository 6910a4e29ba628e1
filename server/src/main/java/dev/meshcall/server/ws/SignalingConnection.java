package dev.meshcall.server.ws;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Limits;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.auth.SocketAuth;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.logging.RateLimitedLog;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.Relay;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * One browser's WebSocket ({@code docs/protocol.md}, "WebSocket"): waits for the {@code auth} frame (closing with
 * 1008 when it is missing, wrong or late), then answers {@code ready}, registers with the relay and hands the
 * frames that follow to its {@link FrameDispatcher}. Where the socket is in that life is one
 * {@link ConnectionPhase}, moved only by its checked transition. Frames arrive on the channel's I/O thread, one at a
 * time; nothing here blocks. Incoming messages are read with a hard limit by {@link BoundedMessageReader} (no more
 * than 64 KiB is ever held for one, even when it comes in fragments), and outgoing frames that the browser does not
 * read are capped: a socket with more than {@code maxPendingBytes} waiting is closed as too slow.
 */
public final class SignalingConnection extends AbstractReceiveListener implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingConnection.class);
    /** RFC 6455 close codes. */
    static final int POLICY_VIOLATION = 1008;
    static final int MESSAGE_TOO_BIG = 1009;
    private static final long CLOSE_GRACE_MILLIS = 2000;
    /** Sockets that do not read are the client's doing: one line a minute. */
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, Duration.ofMinutes(1));

    private final WebSocketChannel channel;
    private final JacksonFrameDecoder decoder;
    private final SocketAuthenticator authenticator;
    private final Relay relay;
    private final FrameDispatcher dispatcher;
    private final Connections connections;
    private final int maxPendingBytes;
    /** The {@code ready} frame for the accepted user. */
    private final IntFunction<Frame> readyFrames;
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Set once the socket closed and gave what it still had waiting back to the server-wide count. */
    private volatile boolean pendingReleased;
    /** Changed only by {@link #advance} and {@link #close}, each through {@link ConnectionPhase#moveTo}. */
    private final AtomicReference<ConnectionPhase> phase = new AtomicReference<>(ConnectionPhase.CONNECTING);
    /** Who the accepted token says this is; {@code null} until the token is accepted, then kept through closing. */
    private volatile Identity identity;
    private XnioExecutor.Key authTimer;
    private final Object sendLock = new Object();
    /** Frames to send after {@code ready}; {@code null} once it is sent. Guarded by {@link #sendLock}. */
    private List<Frame> beforeReady = new ArrayList<>();
    /** Frames other threads sent, in their order, waiting for this channel's I/O thread ({@link #send}). */
    private final Queue<Frame> outbox = new ConcurrentLinkedQueue<>();
    /** Whether a task that empties {@link #outbox} is queued to the I/O thread and has not started yet. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    /** Where the reader hands each whole message, or says why there is none. */
    private final BoundedMessageReader.Sink reading = new BoundedMessageReader.Sink() {
        @Override
        public void text(String message) {
            onMessage(message);
        }

        @Override
        public void binary() {
            onBinaryMessage();
        }

        @Override
        public void tooLarge(int limit) {
            close(MESSAGE_TOO_BIG, "message over the limit of " + limit + " bytes");
        }

        @Override
        public void failed(IOException error) {
            onError(channel, error);
        }
    };

    /** The user an accepted token names, and the token (to close the socket when that token is revoked). */
    private record Identity(int userId, String token) {
        @Override
        public String toString() {
            return "Identity[userId=" + userId + "]";
        }
    }

    SignalingConnection(WebSocketChannel channel, JacksonFrameDecoder decoder, SocketAuthenticator authenticator,
            Relay relay, SignalRouter router, Connections connections, int maxPendingBytes,
            IntFunction<Frame> readyFrames) {
        this.channel = channel;
        this.readyFrames = readyFrames;
        this.maxPendingBytes = maxPendingBytes;
        this.decoder = decoder;
        this.authenticator = authenticator;
        this.relay = relay;
        this.connections = connections;
        this.dispatcher = new FrameDispatcher(this, decoder, router, relay, channel.getWorker());
    }

    /** Starts listening; closes with 1008 unless a valid {@code auth} frame comes within {@code authTimeout}. */
    void start(Duration authTimeout) {
        connections.add(this);
        channel.addCloseTask(closed -> onClosed());
        authTimer = channel.getIoThread().executeAfter(() -> {
            if (phase.get() == ConnectionPhase.CONNECTING) {
                close(POLICY_VIOLATION, "no auth frame within " + authTimeout.toMillis() + " ms");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
        channel.getReceiveSetter().set(this);
        channel.resumeReceives();
    }

    @Override
    public int userId() {
        Identity known = identity;
        return known == null ? 0 : known.userId();
    }

    /** Whether a token was accepted for this socket (it stays so while the socket closes). */
    boolean isAuthenticated() {
        return identity != null;
    }

    /** Whether this socket authenticated with a token {@code revoked} matches. */
    boolean tokenMatches(Predicate<String> revoked) {
        Identity known = identity;
        return known != null && revoked.test(known.token());
    }

    /** Bytes handed to Undertow for this socket and not yet written to the network. */
    long pendingBytes() {
        return pendingBytes.get();
    }

    /**
     * Moves from {@code from} to {@code next} (a move the table allows, or {@link ConnectionPhase#moveTo} throws),
     * unless another thread moved the connection on meanwhile: then it stays where that left it (closing).
     *
     * @return whether the move was made
     */
    private boolean advance(ConnectionPhase from, ConnectionPhase next) {
        return phase.compareAndSet(from, from.moveTo(next));
    }

    /**
     * Moves to {@code CLOSING}, which every phase may; returns the phase before (already closing: a no-op). What the
     * socket still has waiting leaves the server-wide count then: it is dropped within the close grace time, and
     * must not make the server close other sockets meanwhile.
     */
    private ConnectionPhase moveToClosing() {
        ConnectionPhase before = phase.getAndUpdate(current -> current.moveTo(ConnectionPhase.CLOSING));
        releasePending();
        return before;
    }

    /** Takes what this socket has waiting out of the server-wide count, once; later completions leave it alone. */
    private void releasePending() {
        if (!pendingReleased) {
            pendingReleased = true;
            connections.written(pendingBytes.get());
        }
    }

    boolean isClosing() {
        return phase.get() == ConnectionPhase.CLOSING;
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
        if (Thread.currentThread() == channel.getIoThread()) {
            if (!outbox.isEmpty()) {
                drainOutbox();  // what others queued before goes first
            }
            write(frame);
            return;
        }
        outbox.add(frame);
        if (drainQueued.compareAndSet(false, true)) {
            onOwnIoThread(this::drainOutbox);
        }
    }

    /**
     * Writes what other threads sent meanwhile. One task takes every frame queued by the time it runs, so a busy
     * recipient costs its I/O thread one wake-up per batch rather than one per frame. The flag is cleared before the
     * queue is read: a frame added after the last read queues a new task.
     */
    private void drainOutbox() {
        drainQueued.set(false);
        for (Frame frame = outbox.poll(); frame != null; frame = outbox.poll()) {
            write(frame);
        }
    }

    /**
     * Runs {@code action} on this channel's I/O thread: at once when already there, else queued to it. Another
     * thread must not write to or close this channel itself: Undertow runs a channel's close listeners while holding
     * the channel's lock, and ours call the relay, whose presence fan-out (under the relay's lock) sends to other
     * channels; a foreign thread taking this channel's lock while holding the relay's deadlocked the two.
     */
    private void onOwnIoThread(Runnable action) {
        if (Thread.currentThread() == channel.getIoThread()) {
            action.run();
            return;
        }
        try {
            channel.getIoThread().execute(action);
        } catch (RejectedExecutionException e) {
            LOG.debug("not sent to user {}: the server is stopping", userId());
        }
    }

    private void write(Frame frame) {
        if (isClosing() || !channel.isOpen()) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("to user {}: {} frame", userId(), frame.op().wireName());
        }
        String text = FrameCodec.encode(frame);
        long size = utf8Length(text);
        long pending = pendingBytes.addAndGet(size);
        if (pending > maxPendingBytes) {
            pendingBytes.addAndGet(-size);
            tooSlow(pending - size);
            return;
        }
        connections.reserve(size);
        if (isClosing()) {
            written(size);  // this socket had the most waiting across the server, and was closed for it
            return;
        }
        WebSockets.sendText(text, channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ch, Void context) {
                written(size);
            }

            @Override
            public void onError(WebSocketChannel ch, Void context, Throwable error) {
                written(size);
            }
        });
    }

    private void written(long size) {
        pendingBytes.addAndGet(-size);
        if (!pendingReleased) {
            connections.written(size);
        }
    }

    /**
     * The browser does not read what it is sent (or its network cannot take it): the frames would pile up in server
     * memory, so the socket goes. The close frame queues behind the unread data; the socket is dropped after the
     * grace time either way.
     */
    private void tooSlow(long pending) {
        closeAsTooSlow(pending + " bytes wait to be written, over the limit of " + maxPendingBytes);
    }

    /** Closes the socket because it does not read what it is sent; {@code why} goes to the log. */
    void closeAsTooSlow(String why) {
        if (Thread.currentThread() != channel.getIoThread()) {
            onOwnIoThread(() -> closeAsTooSlow(why));
            return;
        }
        if (isClosing()) {
            return;
        }
        connections.countSlowConsumer();
        long unread = pendingBytes.get();
        WARNINGS.warn("WebSocket too slow", "closing the WebSocket of user {} with {} bytes unread: {}", userId(),
                unread, why);
        close(POLICY_VIOLATION, "too slow: " + unread + " bytes unread");
    }

    /** Sends a close frame, then drops the socket if the browser does not answer it in time. */
    void close(int code, String reason) {
        if (Thread.currentThread() != channel.getIoThread()) {
            onOwnIoThread(() -> close(code, reason));
            return;
        }
        if (moveToClosing() == ConnectionPhase.CLOSING) {
            return;
        }
        LOG.debug("closing connection of user {}: {} {}", userId(), code, reason);
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

    /** Reads a text message with a hard limit ({@link BoundedMessageReader}). */
    @Override
    protected void onText(WebSocketChannel ch, StreamSourceFrameChannel message) {
        BoundedMessageReader.readText(message, channel.getBufferPool(), Limits.MAX_FRAME_BYTES, reading);
    }

    /** Binary messages are never part of the protocol: counted against the limit, never held. */
    @Override
    protected void onBinary(WebSocketChannel ch, StreamSourceFrameChannel message) {
        BoundedMessageReader.readBinary(message, channel.getBufferPool(), Limits.MAX_FRAME_BYTES, reading);
    }

    private void onMessage(String text) {
        switch (phase.get()) {
            case CONNECTING:
                authenticate(text);
                return;
            case AUTHENTICATING:
                send(Frame.error(ErrorCode.BAD_REQUEST, "still checking the auth frame; send frames after ready",
                        null));
                return;
            case READY:
                dispatcher.dispatch(text);
                return;
            default:
                return;  // closing: nothing more is read
        }
    }

    private void onBinaryMessage() {
        switch (phase.get()) {
            case READY:
                send(Frame.error(ErrorCode.BAD_REQUEST, "binary frames are not part of the protocol; send JSON text",
                        null));
                return;
            case CLOSING:
                return;
            default:
                close(POLICY_VIOLATION, "first frame must be a text auth frame, not binary");
        }
    }

    /**
     * A failed read lands here, including Undertow's own protocol errors (such as invalid UTF-8, 1007) after it has
     * queued a close frame; its default closes the socket at once, which can drop that frame, so give the browser
     * the grace time to read it.
     */
    @Override
    protected void onError(WebSocketChannel ch, Throwable error) {
        LOG.debug("WebSocket of user {} failed: {}", userId(), error.toString());
        moveToClosing();
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
        if (!advance(ConnectionPhase.CONNECTING, ConnectionPhase.AUTHENTICATING)) {
            return;  // closed meanwhile
        }
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
        if (error != null) {
            LOG.error("checking a WebSocket's token failed", error);
            auth = SocketAuth.refused(SocketAuth.TRY_AGAIN_LATER, "the server failed to check the token; try again");
        }
        if (isClosing() || !channel.isOpen()) {
            return;
        }
        if (!auth.accepted()) {
            close(auth.closeCode(), truncate(auth.reason()));
            return;
        }
        int userId = auth.userId();
        String tooMany = connections.addSocketOf(userId);
        if (tooMany != null) {
            close(POLICY_VIOLATION, truncate(tooMany));
            return;
        }
        if (!advance(ConnectionPhase.AUTHENTICATING, ConnectionPhase.READY)) {
            connections.removeSocketOf(userId);
            return;  // closed meanwhile by another thread: not registered, so onClosed has nothing to unregister
        }
        identity = new Identity(userId, presented);
        LOG.debug("user {} authenticated a WebSocket", userId);
        // Register first, so that the browser can be signalled as soon as it sees ready; hold what arrives
        // meanwhile. No lock of ours is held while calling the relay, which calls other connections' send().
        relay.register(this);
        synchronized (sendLock) {
            write(readyFrames.apply(userId));
            for (Frame early : beforeReady) {
                write(early);
            }
            beforeReady = null;
        }
    }

    private void onClosed() {
        moveToClosing();
        if (authTimer != null) {
            authTimer.remove();
        }
        if (isAuthenticated()) {
            relay.unregister(this);
            connections.removeSocketOf(userId());
        }
        releasePending();  // frames still queued may never report back
        connections.remove(this);
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
