package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * One network outage in the middle of a call between two participants, and the time until media flows again: every
 * UDP packet dropped ({@link UdpCut}) for a while, both sides seeing the link go DISCONNECTED and video stop, then
 * the network back and video decoded again on both sides. Used by {@code NetworkRecoveryIT} and by benchmark P3.
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
        a.clearEvents();
        b.clearEvents();
        long restoredAt;
        try (UdpCut cut = UdpCut.start()) {
            long cutAt = System.nanoTime();
            for (Participant[] pair : new Participant[][] {{a, b}, {b, a}}) {
                pair[0].waitForEvent("onSessionConnectionStateChangedListener", e -> e.state()
                        == ConnectionState.DISCONNECTED.value() && pair[1].account().idText().equals(e.userId()));
            }
            long frozen = b.inboundVideoFramesDecoded(a);
            Poll.until("the rest of the " + length.toSeconds() + " s cut", length.plusSeconds(5),
                    () -> System.nanoTime() - cutAt >= length.toNanos());
            assertThat(b.inboundVideoFramesDecoded(a)).as("no video through the cut").isEqualTo(frozen);
            cut.close();
            restoredAt = System.nanoTime();
        }
        long aFrames = a.inboundVideoFramesDecoded(b);
        long bFrames = b.inboundVideoFramesDecoded(a);
        Poll.until("video decoded again on both sides", RECOVERY,
                () -> a.inboundVideoFramesDecoded(b) > aFrames && b.inboundVideoFramesDecoded(a) > bFrames);
        return (System.nanoTime() - restoredAt) / 1e6;
    }
}
