package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.client.rtc.IceConnectionState;
import dev.meshcall.client.signaling.CallSignal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Recovery from a network change between two users: who restarts ICE, when the automatic restart fires and
 * repeats, what the app sees, and when the link is given up.
 */
class IceRestartTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final Map<Integer, Phone> switchboard = new HashMap<>();
    private Phone alice;
    private Phone bob;
    private CallSession outgoing;

    /** Alice (56) calls Bob (76), Bob accepts, and both links connect: Alice made the offer. */
    private void connectedCall(VideoChatConfig config) {
        alice = new Phone(56, clock, switchboard, config);
        bob = new Phone(76, clock, switchboard, config);
        outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.accept();
        clock.runDue();
        alice.connection().ice(IceConnectionState.CONNECTED);
        bob.connection().ice(IceConnectionState.CONNECTED);
        alice.events.clear();
        bob.events.clear();
    }

    @Test
    void onlyTheSideThatOfferedTheLinkRestartsIt() {
        connectedCall(new VideoChatConfig());

        assertThat(outgoing.canInitiateIceRestart(76)).isTrue();
        assertThat(bob.lastIncoming.canInitiateIceRestart(56)).isFalse();
        assertThat(outgoing.canInitiateIceRestart(99)).isFalse();
        assertThatThrownBy(() -> bob.lastIncoming.iceRestart(56)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot restart ICE with user 56: user 56 made the offer, so restarts it");
        assertThatThrownBy(() -> outgoing.iceRestart(99)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("restart ICE with user 99").hasMessageContaining("has no such participant");
    }

    @Test
    void aCopyOfTheRestartOfferThatArrivesWhileOurAnswerIsBeingSetIsNotApplied() {
        connectedCall(new VideoChatConfig().autoIceRestart(false));
        bob.connection().holdLocalDescription = true;
        outgoing.iceRestart(76);
        clock.runDue();
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).as("the answer left, and is still being set")
                .isEqualTo(1);
        int set = bob.connection().remoteDescriptionsSet;

        CallSignal copy = alice.sent.stream().filter(s -> s.type().equals(CallSignal.ICE_RESTART)).findFirst()
                .orElseThrow();
        bob.chat.onSignal(56, copy);
        clock.runDue();

        assertThat(bob.connection().remoteDescriptionsSet).as("the copy is not applied").isEqualTo(set);
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).isEqualTo(1);
        assertThat(bob.errors).isEmpty();
        assertThat(bob.connection().closed).isFalse();
    }

    @Test
    void aManualRestartIsAnsweredAndAppliedOnBothSides() {
        VideoChatConfig manual = new VideoChatConfig().autoIceRestart(false);
        connectedCall(manual);

        outgoing.iceRestart(76);
        clock.runDue();

        assertThat(bob.connection().remoteSdp).isEqualTo("offer-from-56-restart");
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).isEqualTo(1);
        assertThat(alice.connection().remoteSdp).isEqualTo("answer-from-76");
        assertThat(alice.errors).isEmpty();
        assertThat(bob.errors).isEmpty();

        outgoing.iceRestart(76);
        clock.runDue();
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).as("a second restart once the first is done")
                .isEqualTo(2);
    }

    @Test
    void withAutomaticRestartOffNothingRestartsByItself() {
        connectedCall(new VideoChatConfig().autoIceRestart(false));

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(20_000);

        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isZero();
    }

    @Test
    void aLinkDisconnectedPastTheGraceRestartsAndTheAppSeesItGoDownAndComeBack() {
        connectedCall(new VideoChatConfig());

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        bob.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(PeerSession.RESTART_GRACE_MILLIS - 1);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("within the grace period").isZero();

        clock.advance(1);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(1);
        assertThat(alice.aliveChecks).as("signaling asked to prove it is alive").isEqualTo(1);
        assertThat(bob.sentOf(CallSignal.ICE_RESTART)).as("the answering side never restarts").isZero();
        assertThat(alice.connection().remoteSdp).isEqualTo("answer-from-76");

        alice.connection().ice(IceConnectionState.CHECKING);
        alice.connection().ice(IceConnectionState.CONNECTED);
        bob.connection().ice(IceConnectionState.CHECKING);
        bob.connection().ice(IceConnectionState.CONNECTED);
        clock.advance(60_000);

        assertThat(alice.events).containsExactly("76 DISCONNECTED", "76 CONNECTED");
        assertThat(bob.events).containsExactly("56 DISCONNECTED", "56 CONNECTED");
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("no restart once connected again").isEqualTo(1);
        assertThat(alice.connection().keyFrames).as("video on from a key frame, once the link is back").isEqualTo(1);
        assertThat(bob.connection().keyFrames).as("on both sides").isEqualTo(1);
        assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void onlyALinkThatComesBackAsksForAKeyFrame() {
        connectedCall(new VideoChatConfig());
        assertThat(alice.connection().keyFrames).as("a first connection starts from a key frame anyway").isZero();

        alice.connection().ice(IceConnectionState.COMPLETED);
        alice.connection().ice(IceConnectionState.CONNECTED);
        assertThat(alice.connection().keyFrames).as("connected to completed and back is no outage").isZero();

        alice.connection().ice(IceConnectionState.FAILED);
        alice.connection().ice(IceConnectionState.CHECKING);
        alice.connection().ice(IceConnectionState.CONNECTED);
        assertThat(alice.connection().keyFrames).as("failed, then a restart's checks, then back").isEqualTo(1);
    }

    @Test
    void aFailedLinkRestartsAtOnce() {
        connectedCall(new VideoChatConfig());

        alice.connection().ice(IceConnectionState.FAILED);
        clock.runDue();

        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(1);
    }

    @Test
    void anUnansweredRestartIsSentAgainWithAWaitThatDoublesUpToItsCap() {
        connectedCall(new VideoChatConfig());
        bob.online = false;

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        long start = clock.now();
        clock.advance(PeerSession.RESTART_GRACE_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(1);
        clock.advance(PeerSession.FIRST_RESTART_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(2);
        clock.advance(2 * PeerSession.FIRST_RESTART_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(3);
        clock.advance(PeerSession.MAX_RESTART_MILLIS);
        clock.advance(PeerSession.MAX_RESTART_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("capped at %d ms", PeerSession.MAX_RESTART_MILLIS)
                .isEqualTo(5);
        assertThat(alice.connections).as("the same connection, the same restart offer sent again").hasSize(1);
        assertThat(alice.sent.stream().filter(s -> s.type().equals(CallSignal.ICE_RESTART)).map(CallSignal::sdp))
                .containsOnly("offer-from-56-restart");

        bob.online = true;
        clock.advance(PeerSession.MAX_RESTART_MILLIS);
        assertThat(alice.connection().remoteSdp).as("the answer to a copy is applied").isEqualTo("answer-from-76");
        assertThat(clock.now() - start).isLessThan(30_000);
    }

    @Test
    void whileSignalingIsDownNoRestartIsSentAndItGoesOutTheMomentSignalingIsBack() {
        connectedCall(new VideoChatConfig());
        alice.signalingUp = false;

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(10_000);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isZero();
        assertThat(alice.aliveChecks).isGreaterThan(1);

        alice.signalingUp = true;
        alice.chat.onSignalingBack();
        clock.runDue();

        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(1);
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).isEqualTo(1);
    }

    @Test
    void aLinkDownForTheWholeDisconnectIntervalIsReportedFailedThenClosedOnBothSides() {
        connectedCall(new VideoChatConfig().disconnectTimeInterval(10));
        bob.online = false;

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(10_000);

        assertThat(alice.events).containsSubsequence("76 DISCONNECTED", "76 FAILED", "76 CLOSED");
        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
        assertThat(outgoing.closeReason()).isEqualTo(CloseReason.FAILED);
        assertThat(alice.errors).anySatisfy(e -> assertThat(e).contains("user 76 stayed DISCONNECTED for 10000 ms"));
        long restarts = alice.sentOf(CallSignal.ICE_RESTART);
        clock.advance(30_000);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("no restart after the release").isEqualTo(restarts);
    }

    @Test
    void aLinkThatNeverConnectsIsReleasedAfterTheDisconnectIntervalInsteadOfHanging() {
        alice = new Phone(56, clock, switchboard, new VideoChatConfig().disconnectTimeInterval(10));
        bob = new Phone(76, clock, switchboard, new VideoChatConfig().disconnectTimeInterval(10));
        outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.accept();
        clock.runDue();
        alice.connection().ice(IceConnectionState.CHECKING);
        bob.connection().ice(IceConnectionState.CHECKING);

        clock.advance(9_999);
        assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);
        clock.advance(1);

        assertThat(alice.events).containsSubsequence("76 CONNECTING", "76 FAILED", "76 CLOSED");
        assertThat(alice.errors).anySatisfy(e -> assertThat(e).contains("user 76 did not connect within 10000 ms"));
        assertThat(outgoing.closeReason()).isEqualTo(CloseReason.FAILED);
        assertThat(bob.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void aRestartAnswerNobodyWaitsForIsIgnored() {
        connectedCall(new VideoChatConfig().autoIceRestart(false));

        alice.chat.onSignal(76, outgoing.signal(CallSignal.ICE_RESTART_ACCEPT).sdp("late"));
        assertThat(alice.connection().remoteSdp).as("not applied: no restart is unanswered")
                .isEqualTo("answer-from-76");
        assertThat(alice.errors).isEmpty();
    }

    // ---- stalls: connected, but no media arrives ----

    /** The media bytes that arrived at Alice's end (she made the offer, so she watches them) become {@code bytes}. */
    private void aliceReceived(double bytes) {
        alice.connection().inboundBytes = bytes;
    }

    /** Media keeps arriving at Alice's end for {@code samples} readings. */
    private void mediaFlowsToAlice(int samples) {
        for (int i = 0; i < samples; i++) {
            alice.connection().inboundBytes += 1_000;
            clock.advance(PeerSession.SAMPLE_MILLIS);
        }
    }

    @Test
    void aConnectedLinkWhoseMediaStopsRestartsIceAfterTheGraceAndStopsOnceMediaFlowsAgain() {
        connectedCall(new VideoChatConfig());
        aliceReceived(5_000);
        clock.advance(PeerSession.SAMPLE_MILLIS);

        clock.advance(PeerSession.RESTART_GRACE_MILLIS - 1);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("within the grace period").isZero();
        clock.advance(1);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("no media for the grace period").isEqualTo(1);
        assertThat(alice.aliveChecks).as("signaling asked to prove it is alive").isEqualTo(1);
        assertThat(bob.sentOf(CallSignal.ICE_RESTART_ACCEPT)).isEqualTo(1);
        clock.advance(PeerSession.FIRST_RESTART_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("again while still stalled").isEqualTo(2);

        assertThat(alice.connection().keyFrames).as("not while stalled").isZero();
        mediaFlowsToAlice(1);
        long restarts = alice.sentOf(CallSignal.ICE_RESTART);
        mediaFlowsToAlice(10);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("media flows again: no more restarts").isEqualTo(restarts);
        assertThat(alice.connection().keyFrames).as("once, when media flows again").isEqualTo(1);
        assertThat(alice.events).as("the app hears nothing: the link stayed connected").isEmpty();
        assertThat(bob.events).isEmpty();
    }

    @Test
    void theAnsweringSideNeverRestartsForAStall() {
        connectedCall(new VideoChatConfig());
        bob.connection().inboundBytes = 5_000;

        clock.advance(20_000);

        assertThat(bob.connection().inboundBytesRequests).as("it watches, for its video hold").isGreaterThan(10);
        assertThat(bob.sentOf(CallSignal.ICE_RESTART)).as("only the offering side restarts").isZero();
    }

    // ---- video held while nothing arrives on the link ----

    /** Bytes keep arriving at both ends for {@code millis}. */
    private void bytesArriveAtBothEndsFor(int millis) {
        for (int at = 0; at < millis; at += PeerSession.SAMPLE_MILLIS) {
            for (FakePeerConnection link : List.of(alice.connection(), bob.connection())) {
                link.pathBytes += 100;
            }
            clock.advance(PeerSession.SAMPLE_MILLIS);
        }
    }

    @Test
    void bothSidesHoldTheirVideoWhileNothingArrivesAndSendItAgainWhenSomethingDoes() {
        connectedCall(new VideoChatConfig().autoIceRestart(false));
        bytesArriveAtBothEndsFor(PeerSession.SAMPLE_MILLIS);

        clock.advance(PeerSession.HOLD_VIDEO_MILLIS - 1);
        assertThat(alice.connection().videoHolds).as("within the hold period").isEmpty();
        clock.advance(PeerSession.SAMPLE_MILLIS);
        assertThat(alice.connection().videoHolds).as("nothing arrived for the hold period").containsExactly(true);
        assertThat(bob.connection().videoHolds).as("on both sides, restarts on or off").containsExactly(true);
        clock.advance(10_000);
        assertThat(alice.connection().videoHolds).as("held once").containsExactly(true);

        alice.connection().pathBytes = 1_200;
        clock.advance(PeerSession.SAMPLE_MILLIS);
        assertThat(alice.connection().videoHolds).as("sent again as soon as something arrives")
                .containsExactly(true, false);
        assertThat(bob.connection().videoHolds).as("each side by what reaches it").containsExactly(true);
        assertThat(alice.events).as("the app hears nothing of it").isEmpty();
    }

    @Test
    void aLinkOnWhichNothingEverArrivedIsNotHeld() {
        connectedCall(new VideoChatConfig());

        clock.advance(20_000);

        assertThat(alice.connection().videoHolds).isEmpty();
    }

    @Test
    void aLinkThatKeepsReceivingIsNeverHeld() {
        connectedCall(new VideoChatConfig());
        for (int i = 0; i < 40; i++) {
            alice.connection().pathBytes += 100;
            clock.advance(PeerSession.SAMPLE_MILLIS);
        }

        assertThat(alice.connection().videoHolds).isEmpty();
    }

    @Test
    void aClosedLinkIsNotHeldNorSentAgain() {
        connectedCall(new VideoChatConfig());
        bytesArriveAtBothEndsFor(PeerSession.SAMPLE_MILLIS);
        FakePeerConnection link = alice.connection();

        outgoing.stop(null);
        link.pathBytes = 2_000;
        clock.advance(20_000);

        assertThat(link.videoHolds).isEmpty();
    }

    @Test
    void aParticipantThatNeverSentMediaNeverLooksStalled() {
        connectedCall(new VideoChatConfig());

        clock.advance(20_000);

        assertThat(alice.connection().inboundBytesRequests).as("the link was watched").isGreaterThan(10);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isZero();
    }

    @Test
    void withAutomaticRestartOffNoStallIsLookedFor() {
        connectedCall(new VideoChatConfig().autoIceRestart(false));
        aliceReceived(5_000);

        clock.advance(20_000);

        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isZero();
    }

    @Test
    void aClosedLinkIsNoLongerWatched() {
        connectedCall(new VideoChatConfig());
        aliceReceived(5_000);
        clock.advance(2 * PeerSession.SAMPLE_MILLIS);
        int requests = alice.connection().inboundBytesRequests;
        assertThat(requests).isPositive();

        outgoing.stop(null);
        clock.advance(20_000);

        assertThat(alice.connection().inboundBytesRequests).isEqualTo(requests);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isZero();
    }

    @Test
    void aStallLongerThanTheDisconnectIntervalStopsTheRestartsButKeepsTheLink() {
        connectedCall(new VideoChatConfig().disconnectTimeInterval(10));
        aliceReceived(5_000);
        clock.advance(PeerSession.SAMPLE_MILLIS);

        clock.advance(10_000);
        long restarts = alice.sentOf(CallSignal.ICE_RESTART);
        assertThat(restarts).isGreaterThan(3);
        clock.advance(30_000);

        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("the other side is taken to send nothing")
                .isEqualTo(restarts);
        assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(alice.events).isEmpty();

        aliceReceived(6_000);
        clock.advance(PeerSession.SAMPLE_MILLIS);
        clock.advance(PeerSession.RESTART_GRACE_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("watched again once media came").isEqualTo(restarts + 1);
    }

    @Test
    void aLinkThatGoesDisconnectedWhileStalledKeepsOneRecovery() {
        connectedCall(new VideoChatConfig());
        aliceReceived(5_000);
        clock.advance(PeerSession.SAMPLE_MILLIS + PeerSession.RESTART_GRACE_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(1);

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(PeerSession.FIRST_RESTART_MILLIS);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).as("the stall's recovery goes on, not a second one")
                .isEqualTo(2);

        alice.connection().ice(IceConnectionState.CONNECTED);
        mediaFlowsToAlice(10);
        assertThat(alice.sentOf(CallSignal.ICE_RESTART)).isEqualTo(2);
        assertThat(alice.events).containsExactly("76 DISCONNECTED", "76 CONNECTED");
    }
}
