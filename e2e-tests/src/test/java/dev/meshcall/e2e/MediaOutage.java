package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * One network outage in the middle of a call between two participants, and the time until media flows again: every
 * UDP packet dropped ({@link UdpCut}), or the TURN server paused, for a while; both sides see the link go DISCONNECTED
 * and video stop; then the network is back and video is decoded again on both sides. Used by
 * {@code NetworkRecoveryIT}, {@code TurnCallIT} and benchmark P3.
 */
public final class MediaOutage {
    /** How long media may take to come back before the outage counts as not recovered. */
    public static final Duration RECOVERY = Duration.ofSeconds(30);

    private MediaOutage() {
    }

    /**
     * Cuts UDP for {@code length} in the middle of the call between {@code a} and {@code b}, and returns the
     * milliseconds from the network coming back to video decoded again on both sides.
     */
    public static double udpCut(Participant a, Participant b, Duration length) {
        return during(a, b, length, () -> {
            UdpCut cut = UdpCut.start();
            return cut::close;
        });
    }

    /**
     * Pauses {@code coturn} (SIGSTOP) for {@code length} in the middle of a relay-only call between {@code a} and
     * {@code b}, and returns the milliseconds from its SIGCONT to video decoded again on both sides.
     */
    public static double turnPaused(Participant a, Participant b, Duration length, Coturn coturn) {
        return during(a, b, length, () -> {
            coturn.pause();
            return coturn::resume;
        });
    }

    /** The outage {@code fault} makes (its {@code close} ends it), {@code length} long. */
    private static double during(Participant a, Participant b, Duration length, Fault fault) {
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
            Poll.until("the rest of the " + length.toSeconds() + " s outage", length.plusSeconds(5),
                    () -> System.nanoTime() - start >= length.toNanos());
            assertThat(b.inboundVideoFramesDecoded(a)).as("no video through the outage").isEqualTo(frozen);
        }
        restoredAt = System.nanoTime();
        long aFrames = a.inboundVideoFramesDecoded(b);
        long bFrames = b.inboundVideoFramesDecoded(a);
        Poll.until("video decoded again on both sides", RECOVERY,
                () -> a.inboundVideoFramesDecoded(b) > aFrames && b.inboundVideoFramesDecoded(a) > bFrames);
        return (System.nanoTime() - restoredAt) / 1e6;
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
