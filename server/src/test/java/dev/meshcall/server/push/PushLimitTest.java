package dev.meshcall.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.server.Poll;
import dev.meshcall.server.ws.OfflineCallNotifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one {@link PushLimit} of a node, as {@link WebPush} wires it: a recipient's new calls are counted once, whether
 * a call is pushed through this node's subscriptions and asked of the other nodes at once (XMPP mode), or asked of
 * this node by another node; a re-dial of a ringing call costs nothing; a {@code hangUp} cancels here and at the
 * peers. Stand-ins for the subscriptions (the callee has one on this node; the dispatcher only reads it) and for the
 * other nodes. The limit's clock is the real one: these tests take far less than the
 * {@value PushLimit#SECONDS_PER_PUSH} seconds a token takes to come back.
 */
class PushLimitTest {
    private static final int ALICE = 1;
    private static final int BOB = 2;
    private static final int CAROL = 3;

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final StandInSubscriptions subscriptions = new StandInSubscriptions(BOB);
    private final StandInPeers peers = new StandInPeers();
    private WebPush push;

    @AfterEach
    void close() {
        if (push != null) {
            push.close();
        }
    }

    private OfflineCallNotifier node(PushPeers others) {
        push = new WebPush(subscriptions, VapidKeys.generate(), PushSettings.FALLBACK_SUBJECT, PushSettings.defaults(),
                id -> "User " + id, Duration.ofMinutes(1), others, metrics, Clock.systemUTC());
        return push.notifier();
    }

    private double limited() {
        return metrics.counter("meshcall.push.dropped", "reason", "recipient_rate").count();
    }

    @Test
    void aRecipientsNewCallsAreCountedOnce_whetherRungHereAndAskedOfThePeers_orAskedByAPeer() {
        OfflineCallNotifier rungHere = node(peers);
        OfflineCallNotifier askedByAPeer = peers.answering;

        for (int i = 0; i < 3; i++) {
            assertThat(rungHere.offlineCall(ALICE, BOB, "here-" + i, CallType.VIDEO)).as("call here-%d", i).isTrue();
        }
        for (int i = 0; i < PushLimit.BURST - 3; i++) {
            assertThat(askedByAPeer.offlineCall(CAROL, BOB, "asked-" + i, CallType.AUDIO)).as("call asked-%d", i)
                    .isTrue();
        }
        assertThat(rungHere.offlineCall(ALICE, BOB, "here-3", CallType.VIDEO)).as("one more new call, rung here")
                .isFalse();
        assertThat(askedByAPeer.offlineCall(CAROL, BOB, "asked-2", CallType.AUDIO))
                .as("one more new call, asked by a peer").isFalse();
        assertThat(limited()).isEqualTo(2);

        assertThat(rungHere.offlineCall(ALICE, BOB, "here-0", CallType.VIDEO)).as("a re-dial").isTrue();
        assertThat(askedByAPeer.offlineCall(CAROL, BOB, "asked-0", CallType.AUDIO)).as("a peer asking again").isTrue();
        assertThat(rungHere.offlineCall(ALICE, CAROL, "to-carol", CallType.VIDEO)).as("another recipient").isTrue();
        assertThat(peers.askedToRing).containsExactly("here-0", "here-1", "here-2", "to-carol");
        Poll.until("the " + PushLimit.BURST + " calls let through are pushed to bob's subscription",
                Duration.ofSeconds(5), () -> subscriptions.reads.get() == PushLimit.BURST);
    }

    @Test
    void withoutPeersTheNodesOwnPushesAreLimited() {
        OfflineCallNotifier rungHere = node(PushPeers.NONE);

        for (int i = 0; i < PushLimit.BURST; i++) {
            assertThat(rungHere.offlineCall(ALICE, BOB, "here-" + i, CallType.VIDEO)).as("call here-%d", i).isTrue();
        }
        assertThat(rungHere.offlineCall(ALICE, BOB, "here-0", CallType.VIDEO)).as("a re-dial").isTrue();
        assertThat(rungHere.offlineCall(ALICE, BOB, "here-" + PushLimit.BURST, CallType.VIDEO)).isFalse();
        assertThat(rungHere.offlineCall(ALICE, CAROL, "to-carol", CallType.VIDEO))
                .as("nobody to push to: no subscription of carol here, no peers").isFalse();
        assertThat(limited()).isEqualTo(1);
    }

    @Test
    void theCallersHangUpCancelsHereAndAtThePeers_once() {
        OfflineCallNotifier rungHere = node(peers);
        rungHere.offlineCall(ALICE, BOB, "s", CallType.VIDEO);

        rungHere.offlineHangUp(CAROL, BOB, "s");
        assertThat(peers.askedToCancel).as("another caller's hangUp").isEmpty();
        rungHere.offlineHangUp(ALICE, BOB, "s");
        rungHere.offlineHangUp(ALICE, BOB, "s");

        assertThat(peers.askedToCancel).containsExactly("s");
        Poll.until("the call and its cancellation are pushed to bob's subscription", Duration.ofSeconds(5),
                () -> subscriptions.reads.get() == 2);
        assertThat(rungHere.offlineCall(ALICE, BOB, "s", CallType.VIDEO)).as("a re-dial after the hangUp").isTrue();
        assertThat(peers.askedToRing).as("rings again, as a new call").containsExactly("s", "s");
    }

    /** One user has a subscription; reading it (the dispatcher does, once per push) is counted, and finds nothing. */
    private static final class StandInSubscriptions implements PushSubscriptions {
        final AtomicInteger reads = new AtomicInteger();
        private final int subscribed;

        StandInSubscriptions(int subscribed) {
            this.subscribed = subscribed;
        }

        @Override
        public boolean hasAny(int userId) {
            return userId == subscribed;
        }

        @Override
        public List<PushSubscription> of(int userId) {
            reads.incrementAndGet();
            return List.of();
        }

        @Override
        public boolean save(PushSubscription subscription, int maxPerUser) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(int userId, String endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteEndpoint(String endpoint) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    /** The other nodes: the requests they get, and what this node answers theirs with. */
    private static final class StandInPeers implements PushPeers {
        final List<String> askedToRing = new CopyOnWriteArrayList<>();
        final List<String> askedToCancel = new CopyOnWriteArrayList<>();
        OfflineCallNotifier answering;

        @Override
        public boolean askToRing(int callerId, int recipientId, String sessionId, CallType callType) {
            askedToRing.add(sessionId);
            return true;
        }

        @Override
        public void askToCancel(int callerId, int recipientId, String sessionId) {
            askedToCancel.add(sessionId);
        }

        @Override
        public void answerWith(OfflineCallNotifier own) {
            answering = own;
        }
    }
}
