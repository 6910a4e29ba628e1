package dev.meshcall.server.ws;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.LocalRelay;
import dev.meshcall.server.relay.SessionRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * What the server does with a browser's text before relaying it, as one call for fuzzers: the decoder, the codec
 * round trip (a decoded frame must encode and decode to itself), and the router with its signal rules and session
 * checks, users 1 to 4 online and 5 offline. Only {@link ProtocolException} may come out of {@link #feed}.
 */
final class FrameFuzzTarget {
    private final JacksonFrameDecoder decoder = new JacksonFrameDecoder();
    private final LocalRelay relay = new LocalRelay();
    private final SignalRouter router = new SignalRouter(relay, new SessionRegistry(Duration.ofHours(2),
            Clock.systemUTC()), id -> id >= 1 && id <= 5, TrafficBudgets.defaults());
    private int decoded;
    private int routed;

    private final Endpoint[] senders = new Endpoint[2];

    FrameFuzzTarget() {
        for (int user = 1; user <= 4; user++) {
            Endpoint endpoint = endpoint(user);
            relay.register(endpoint);
            relay.register(endpoint(user));  // a second page, for copies of the user's own accept/reject
            if (user <= senders.length) {
                senders[user - 1] = endpoint;
            }
        }
    }

    private static Endpoint endpoint(int id) {
        return new Endpoint() {
            @Override
            public int userId() {
                return id;
            }

            @Override
            public void send(Frame frame) {
                FrameCodec.encode(frame);
            }
        };
    }

    /**
     * Feeds one input.
     *
     * @throws ProtocolException when the server refuses it, as it may; anything else is a finding
     */
    void feed(String input) {
        Frame frame = decoder.decode(input);
        decoded++;
        Frame again = decoder.decode(FrameCodec.encode(frame));
        if (!again.equals(frame)) {
            throw new IllegalStateException("decode(encode(frame)) differs: " + frame + " vs " + again);
        }
        if (frame.op() == Op.SIGNAL && frame.to() != null) {
            routed++;
            for (Endpoint sender : senders) {
                try {
                    router.route(sender, frame.to(), frame.signal(), input.length());
                } catch (ProtocolException expected) {
                    // refused, as it may be
                }
            }
        }
    }

    /** Inputs that decoded to a valid frame. */
    int decoded() {
        return decoded;
    }

    /** Inputs that were signals and went to the router. */
    int routed() {
        return routed;
    }
}
