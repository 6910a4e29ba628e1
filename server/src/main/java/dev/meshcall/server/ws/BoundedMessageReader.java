package dev.meshcall.server.ws;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.websockets.core.StreamSourceFrameChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xnio.ChannelListener;

/**
 * Reads one incoming WebSocket message (all its fragments) as data arrives, holding at most {@code limit} bytes of
 * it; past that it stops reading and says so, so a message of any size costs the server no more than the limit.
 * Used instead of Undertow's {@code BufferedTextMessage}, whose limit is not checked on data that arrives after the
 * first read (a message sent in fragments was buffered whole). A binary message is counted against the limit but
 * never held: it is not part of the protocol. Runs on the channel's I/O thread, one message at a time.
 */
final class BoundedMessageReader implements ChannelListener<StreamSourceFrameChannel> {
    /** Most frames fit in this; a bigger one grows the buffer (candidates ~200 bytes, an SDP several KiB). */
    private static final int INITIAL_MESSAGE_BYTES = 512;

    /** Told how the message ended; exactly one of these is called, once. */
    interface Sink {
        /** A whole text message, decoded as UTF-8. */
        void text(String message);

        /** A whole binary message (its bytes were not kept). */
        void binary();

        /** The message went over {@code limit} bytes; reading it stopped. */
        void tooLarge(int limit);

        /** Reading failed (including Undertow's own protocol errors). */
        void failed(IOException error);
    }

    private final StreamSourceFrameChannel message;
    private final ByteBufferPool pool;
    private final int limit;
    private final Sink sink;
    /** The text message's bytes so far (grown as they come, never past the limit); {@code null} for binary. */
    private byte[] bytes;
    private long size;
    private boolean done;

    private BoundedMessageReader(StreamSourceFrameChannel message, ByteBufferPool pool, boolean text, int limit,
            Sink sink) {
        this.message = message;
        this.pool = pool;
        this.limit = limit;
        this.sink = sink;
        this.bytes = text ? new byte[Math.min(INITIAL_MESSAGE_BYTES, limit)] : null;
    }

    /** Starts reading a text message; what is there now is read at once, the rest as it arrives. */
    static void readText(StreamSourceFrameChannel message, ByteBufferPool pool, int limit, Sink sink) {
        new BoundedMessageReader(message, pool, true, limit, sink).handleEvent(message);
    }

    /** Starts reading (and discarding) a binary message. */
    static void readBinary(StreamSourceFrameChannel message, ByteBufferPool pool, int limit, Sink sink) {
        new BoundedMessageReader(message, pool, false, limit, sink).handleEvent(message);
    }

    @Override
    public void handleEvent(StreamSourceFrameChannel ch) {
        if (done) {
            return;
        }
        PooledByteBuffer pooled = pool.allocate();
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
                if (size > limit) {
                    done = true;
                    message.suspendReads();
                    sink.tooLarge(limit);
                    return;
                }
                if (bytes != null) {
                    buffer.flip();
                    if (size > bytes.length) {
                        bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size, 2L * bytes.length)));
                    }
                    buffer.get(bytes, (int) size - read, read);
                }
            }
        } catch (IOException e) {
            done = true;
            sink.failed(e);
        } finally {
            pooled.close();
        }
    }

    private void finished() {
        if (bytes != null) {
            sink.text(new String(bytes, 0, (int) size, StandardCharsets.UTF_8));
        } else {
            sink.binary();
        }
    }
}
