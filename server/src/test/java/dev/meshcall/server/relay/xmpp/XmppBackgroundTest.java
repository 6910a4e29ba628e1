package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the relay's threads while a watchdog round runs: the round's work never meets a stopped pool. */
class XmppBackgroundTest {

    @Test
    void aRoundUnderWayWhenClosingHandsItsWorkOverWithoutARefusal() throws Exception {
        XmppBackground background = new XmppBackground();
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch neverOpened = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        background.every(Duration.ofMillis(1), () -> {
            inRound.countDown();
            try {
                // still under way when close() comes, until close() interrupts it (bounded should it not)
                neverOpened.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // close() interrupts the round; it goes on to hand work over
            }
            try {
                background.execute(() -> { });
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        assertThat(inRound.await(5, TimeUnit.SECONDS)).as("a round started").isTrue();

        background.close();

        assertThat(failures).as("work handed over by the last round").isEmpty();
    }

    @Test
    void workHandedOverAfterCloseIsDropped() {
        XmppBackground background = new XmppBackground();
        background.close();

        background.execute(() -> { });
        background.later(1, () -> { });
    }
}
