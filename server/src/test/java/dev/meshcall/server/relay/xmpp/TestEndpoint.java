package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Op;
import dev.meshcall.server.relay.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket as the relay sees it: records what it is sent, so a test can wait for the next frame. */
final class TestEndpoint implements Endpoint {
    private final int userId;
    private final Map<Op, BlockingQueue<Frame>> frames = new ConcurrentHashMap<>();

    /** A page of {@code userId} (password {@code pw-ID}) logged in to {@code relay} and registered there. */
    static TestEndpoint signedIn(XmppRelay relay, int userId) throws XmppLoginException {
        relay.login(userId, "pw-" + userId);
        TestEndpoint endpoint = new TestEndpoint(userId);
        relay.register(endpoint);
        return endpoint;
    }

    TestEndpoint(int userId) {
        this.userId = userId;
    }

    @Override
    public int userId() {
        return userId;
    }

    @Override
    public void send(Frame frame) {
        queue(frame.op()).add(frame);
    }

    private BlockingQueue<Frame> queue(Op op) {
        return frames.computeIfAbsent(op, o -> new LinkedBlockingQueue<>());
    }

    /**
     * The next frame of this op (frames of other ops wait for their own call), waiting at most 10 s: a node that has
     * just logged in again may take seconds to send what it held on a loaded machine.
     */
    Frame next(Op op) {
        try {
            Frame frame = queue(op).poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("user " + userId + " got no " + op.wireName() + " frame within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that no signal frame arrives within {@code wait}. */
    void expectNoSignal(Duration wait) {
        try {
            Frame frame = queue(Op.SIGNAL).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("unexpected signal").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
