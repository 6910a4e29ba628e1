package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * One network outage in the middle of a call between two participants, and the time until media flows again: every
 * UDP packet dropped ({@link UdpCut}), or the TURN server paused, for a while; both sides see the link go DISCONNECTED
 * and video stop; then the network is back and video flows again on both sides. Used by {@code NetworkRecoveryIT},
 * {@code TurnCallIT} and benchmark P3.
 *
 * <p><b>Flowing</b>, not a first frame: after a short outage the first frame decoded may be one sent before it,
 * arriving late, and the picture may then stand still for seconds while the receiver waits for a decodable one. So
 * the time measured runs to the start of the first stretch of {@link #FLOWING_FOR} in which neither side goes
 * {@link #FREEZE} without a newly decoded frame.
 *
 * <p>Neither side may send video while the path is lost: the SDK holds it once nothing has arrived for half a
 * second, so that no seconds-old video is resent when the path comes back
 * ({@code docs/js-api.md}, "Network changes"). {@link #udpCut(Participant, Participant, Duration, boolean)} checks it
 * from each side's DISCONNECTED (6–7 s in) to the end of the outage, by its outbound {@code framesSent} standing
 * still.
 */
public final class MediaOutage {
    /** How long media may take to come back before the outage counts as not recovered. */
    public static final Duration RECOVERY = Duration.ofSeconds(30);

    /** A wait this long for the next decoded frame is a freeze (15 fps video decodes one every 67 ms). */
    public static final Duration FREEZE = Duration.ofMillis(500);
    /** How long video must go on without a freeze to count as flowing again. */
    public static final Duration FLOWING_FOR = Duration.ofSeconds(2);

    private MediaOutage() {
    }

    /**
     * Cuts UDP for {@code length} in the middle of the call between {@code a} and {@code b}, and returns the
     * milliseconds from the network coming back to video flowing again on both sides.
     */
    public static double udpCut(Participant a, Participant b, Duration length) {
        return udpCut(a, b, length, false);
    }

    /** {@link #udpCut(Participant, Participant, Duration)}, also checking that both held their video when asked. */
    public static double udpCut(Participant a, Participant b, Duration length, boolean videoHeld) {
        return during(a, b, length, videoHeld, () -> {
            UdpCut cut = UdpCut.start();
            return cut::close;
        });
    }

    /**
     * Pauses {@code coturn} (SIGSTOP) for {@code length} in the middle of a relay-only call between {@code a} and
     * {@code b}, and returns the milliseconds from its SIGCONT to video flowing again on both sides.
     */
    public static double turnPaused(Participant a, Participant b, Duration length, Coturn coturn) {
        return during(a, b, length, false, () -> {
            coturn.pause();
            return coturn::resume;
        });
    }

    /** The outage {@code fault} makes (its {@code close} ends it), {@code length} long. */
    private static double during(Participant a, Participant b, Duration length, boolean videoHeld, Fault fault) {
        a.clearEvents();
        b.clearEvents();
        long restoredAt;
        long frozen;
        long start = System.nanoTime();
        try (Ending outage = fault.start()) {
            for (Participant[] pair : new Participant[][] {{a, b}, {b, a}}) {
                pair[0].waitForEvent("onSessionConnectionStateChangedListener", e -> e.state()
                        == ConnectionState.DISCONNECTED.value() && pair[1].account().idText().equals(e.userId()));
            }
            frozen = b.inboundVideoFramesDecoded(a);
            long aSent = a.stats(b).outboundVideoFramesSent();
            long bSent = b.stats(a).outboundVideoFramesSent();
            Poll.until("the rest of the " + length.toSeconds() + " s outage", length.plusSeconds(5),
                    () -> System.nanoTime() - start >= length.toNanos());
            assertThat(b.inboundVideoFramesDecoded(a)).as("no video through the outage").isEqualTo(frozen);
            if (videoHeld) {
                assertThat(a.stats(b).outboundVideoFramesSent()).as("%s holds its video while the path is lost", a)
                        .isEqualTo(aSent);
                assertThat(b.stats(a).outboundVideoFramesSent()).as("%s holds its video while the path is lost", b)
                        .isEqualTo(bSent);
            }
        }
        restoredAt = System.nanoTime();
        Flow aFromB = new Flow(a.inboundVideoFramesDecoded(b));
        Flow bFromA = new Flow(b.inboundVideoFramesDecoded(a));
        double[] flowingFrom = {Double.NaN};
        Poll.until("video flowing again on both sides (no " + FREEZE.toMillis() + " ms freeze for "
                + FLOWING_FOR.toSeconds() + " s)", RECOVERY, () -> {
            long aFrames = a.inboundVideoFramesDecoded(b);
            long bFrames = b.inboundVideoFramesDecoded(a);
            double now = (System.nanoTime() - restoredAt) / 1e6;
            aFromB.sample(aFrames, now);
            bFromA.sample(bFrames, now);
            flowingFrom[0] = Math.max(aFromB.streakStart, bFromA.streakStart);
            return now - flowingFrom[0] >= FLOWING_FOR.toMillis();
        });
        return flowingFrom[0];
    }

    /**
     * One side's decoded video as sampled: when its current stretch without a freeze began ({@code NaN} while
     * frozen).
     */
    private static final class Flow {
        private long frames;
        private double lastRise = Double.NaN;
        private double streakStart = Double.NaN;

        Flow(long frames) {
            this.frames = frames;
        }

        /** Takes a reading of {@code count} frames decoded, {@code at} ms after the network came back. */
        void sample(long count, double at) {
            if (count > frames) {
                frames = count;
                if (Double.isNaN(streakStart)) {
                    streakStart = at;
                }
                lastRise = at;
            } else if (!Double.isNaN(lastRise) && at - lastRise > FREEZE.toMillis()) {
                streakStart = Double.NaN;
            }
        }
    }

    /** Starts an outage. */
    @FunctionalInterface
    private interface Fault {
        Ending start();
    }

    /** Ends an outage. */
    @FunctionalInterface
    private interface Ending extends AutoCloseable {
        @Override
        void close();
    }
}
