package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.meshcall.client.rtc.IceConnectionState;
import dev.meshcall.client.signaling.CallSignal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call state machine between two users over fake peer connections and an in-memory switchboard. */
class CallSessionTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final Map<Integer, Phone> switchboard = new HashMap<>();
    private Phone alice;
    private Phone bob;

    @BeforeEach
    void setUp() {
        alice = new Phone(56, clock, switchboard, new VideoChatConfig());
        bob = new Phone(76, clock, switchboard, new VideoChatConfig());
    }

    @Test
    void aCallRingsOnceWithTheExtensionAndConnectsWhenAccepted() {
        CallSession outgoing = alice.call(bob, Map.of("name", "Alice"));
        clock.runDue();

        assertThat(bob.events).containsExactly("call from 56");
        assertThat(bob.lastExtension).isEqualTo(Map.of("name", "Alice"));
        CallSession incoming = bob.lastIncoming;
        assertThat(incoming.id()).isEqualTo(outgoing.id());
        assertThat(incoming.callType()).isEqualTo(1);
        assertThat(incoming.state()).isEqualTo(SessionState.NEW);

        incoming.setLocalStream("camera-of-76");
        incoming.accept(Map.of("mood", "happy"));
        clock.runDue();

        assertThat(alice.events).containsExactly("accept from 76");
        assertThat(alice.lastExtension).isEqualTo(Map.of("mood", "happy"));
        assertThat(bob.connection().remoteSdp).isEqualTo("offer-from-56");
        assertThat(bob.connection().localStream).isEqualTo("camera-of-76");
        assertThat(alice.connection().remoteSdp).isEqualTo("answer-from-76");
        assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(incoming.state()).isEqualTo(SessionState.ACTIVE);

        alice.connection().ice(IceConnectionState.CHECKING);
        alice.connection().ice(IceConnectionState.CONNECTED);
        alice.connection().events.onRemoteStream("stream-1");
        alice.connection().events.onRemoteStream("stream-1");

        assertThat(alice.events).containsExactly("accept from 76", "76 CONNECTING", "76 CONNECTED",
                "stream from 76");
        assertThat(outgoing.connectionStateFor(76)).isEqualTo(SessionConnectionState.CONNECTED);
    }

    @Test
    void aRingingCallHasTheOfferAppliedButSendsNothingUntilAccepted() {
        alice.call(bob, Map.of());
        clock.runDue();

        assertThat(bob.connection().remoteSdp).isEqualTo("offer-from-56");
        assertThat(bob.connection().localSdp).isNull();
        assertThat(bob.connection().localStream).isNull();
        assertThat(bob.sent).isEmpty();

        bob.lastIncoming.setLocalStream("camera-of-76");
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        assertThat(bob.connection().localStream).isEqualTo("camera-of-76");
        assertThat(bob.connection().localSdp).isEqualTo("answer-from-76");
    }

    @Test
    void reDialsEveryDialingIntervalUntilAnsweredWithTheGrowingSdp() {
        alice.call(bob, Map.of());
        clock.runDue();
        alice.connection().localSdp = "offer-from-56 with candidates";

        clock.advance(5000);
        clock.advance(5000);

        assertThat(alice.sentOf(CallSignal.CALL)).isEqualTo(3);
        assertThat(bob.events).containsExactly("call from 56");

        assertThat(alice.sent.get(alice.sent.size() - 1).sdp()).isEqualTo("offer-from-56 with candidates");
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        assertThat(bob.connection().remoteSdp).as("the offer applied while ringing").isEqualTo("offer-from-56");

        clock.advance(30000);
        assertThat(alice.sentOf(CallSignal.CALL)).isEqualTo(3);
    }

    @Test
    void noAnswerWithinTheAnswerIntervalTellsTheCallerAndStopsTheRinging() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();

        clock.advance(59_999);
        assertThat(alice.events).isEmpty();
        clock.advance(1);

        assertThat(alice.events).containsExactly("no answer from 76", "closed " + outgoing.id());
        assertThat(bob.events).containsExactly("call from 56", "stop from 56", "closed " + outgoing.id());
        assertThat(alice.connection().closed).isTrue();
        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void rejectReachesTheCallerWithTheExtensionAndClosesBothSessions() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();

        bob.lastIncoming.reject(Map.of("reason", "in a meeting"));
        clock.runDue();

        assertThat(alice.events).containsExactly("reject from 76", "closed " + outgoing.id());
        assertThat(alice.lastExtension).asInstanceOf(MAP).containsEntry("reason", "in a meeting");
        assertThat(bob.events).containsExactly("call from 56", "closed " + outgoing.id());
        assertThat(bob.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
        assertThat(bob.connection().closed).isTrue();
        assertThat(bob.connection().localStream).as("nothing sent before accepting").isNull();
    }

    @Test
    void aReDialThatCrossesARejectIsAnsweredWithTheRejectAgain() {
        alice.call(bob, Map.of());
        clock.runDue();
        bob.online = false;
        switchboard.get(56).online = false;
        bob.lastIncoming.reject(Map.of("reason", "no"));
        alice.online = true;
        bob.online = true;

        clock.advance(5000);

        assertThat(bob.sentOf(CallSignal.REJECT)).isEqualTo(2);
        assertThat(alice.events).startsWith("reject from 76");
        assertThat(alice.lastExtension).asInstanceOf(MAP).containsEntry("reason", "no");
    }

    @Test
    void cancellingWhileRingingStopsTheRinging() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();

        outgoing.stop(Map.of("why", "misdial"));
        clock.runDue();

        assertThat(bob.events).containsExactly("call from 56", "stop from 56", "closed " + outgoing.id());
        assertThat(bob.lastExtension).asInstanceOf(MAP).containsEntry("why", "misdial");
        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
        clock.advance(120_000);
        assertThat(alice.sentOf(CallSignal.CALL)).isEqualTo(1);
    }

    @Test
    void aClosedSessionStopsItsLocalMediaBeforeTheAppHearsItClosed() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.accept();
        clock.runDue();
        assertThat(alice.stoppedStreams).isEmpty();
        assertThat(bob.stoppedStreams).isEmpty();

        outgoing.stop(Map.of());
        clock.runDue();

        assertThat(alice.stoppedWhenClosed).containsExactly("camera-of-56");
        assertThat(bob.stoppedWhenClosed).containsExactly("camera-of-76");
        assertThat(alice.stoppedStreams).containsExactly("camera-of-56");
        assertThat(bob.stoppedStreams).containsExactly("camera-of-76");
    }

    @Test
    void aRejectedCallStopsTheMediaTheCalleeTookForItAndTheCallersToo() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.setLocalStream("preview-of-76");

        bob.lastIncoming.reject(Map.of());
        clock.runDue();

        assertThat(bob.stoppedStreams).containsExactly("preview-of-76");
        assertThat(alice.stoppedStreams).containsExactly("camera-of-56");
        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void aSessionWithoutLocalMediaStopsNothing() {
        alice.call(bob, Map.of());
        clock.runDue();

        bob.lastIncoming.reject(Map.of());
        clock.runDue();

        assertThat(bob.stoppedStreams).isEmpty();
    }

    @Test
    void hangingUpAnActiveCallClosesBothSides() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        bob.connection().ice(IceConnectionState.CONNECTED);

        outgoing.stop(Map.of("bye", true));
        clock.runDue();

        assertThat(bob.events).containsSubsequence("stop from 56", "56 CLOSED", "closed " + outgoing.id());
        assertThat(bob.lastExtension).asInstanceOf(MAP).containsEntry("bye", true);
        assertThat(bob.connection().closed).isTrue();
        assertThat(alice.connection().closed).isTrue();
        assertThat(alice.chat.sessions()).isEmpty();
        assertThat(bob.chat.sessions()).isEmpty();
    }

    @Test
    void threeCallsInARowBetweenTheSameTwoUsers() {
        for (int round = 1; round <= 3; round++) {
            CallSession outgoing = alice.call(bob, Map.of("round", round));
            clock.runDue();
            assertThat(bob.lastIncoming.id()).isEqualTo(outgoing.id());
            bob.lastIncoming.accept(Map.of());
            clock.runDue();
            assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);
            bob.lastIncoming.stop(Map.of());
            clock.runDue();
            assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
        }
        assertThat(bob.events.stream().filter(e -> e.startsWith("call from"))).hasSize(3);
    }

    @Test
    void theCallersCandidatesWaitForTheAnswer_andLeaveInOneBatch_thenTrickle() {
        alice.call(bob, Map.of());
        clock.runDue();
        alice.connection().gather("candidate:1");
        alice.connection().gather("candidate:2");
        clock.runDue();

        assertThat(alice.sentOf(CallSignal.ICE_CANDIDATES)).as("none while Bob rings").isZero();

        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        assertThat(alice.sentOf(CallSignal.ICE_CANDIDATES)).as("one batch after the answer").isEqualTo(1);
        assertThat(bob.connection().addedCandidates).containsExactly("candidate:1", "candidate:2");

        bob.connection().gather("candidate:3");
        clock.runDue();
        assertThat(alice.connection().addedCandidates).containsExactly("candidate:3");
    }

    @Test
    void aPeerThatStaysDisconnectedIsReleasedAfterTheDisconnectInterval() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        alice.connection().ice(IceConnectionState.CONNECTED);
        bob.connection().ice(IceConnectionState.CONNECTED);
        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(20_000);
        alice.connection().ice(IceConnectionState.CONNECTED);
        clock.advance(30_000);
        assertThat(outgoing.state()).isEqualTo(SessionState.ACTIVE);

        alice.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(30_000);

        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
        assertThat(alice.errors).anySatisfy(e -> assertThat(e).contains("stayed DISCONNECTED"));
        assertThat(bob.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void muteStateTravelsOnEveryLink_andTheOtherSideHearsEachChangeOnce() {
        CallSession outgoing = alice.call(bob, Map.of());
        outgoing.setMuted("audio", true);
        clock.runDue();
        assertThat(alice.connection().sentMuteStates).as("the link to Bob hears it")
                .containsExactly("true,false");
        bob.lastIncoming.accept(Map.of());
        clock.runDue();

        outgoing.setMuted("video", true);
        assertThat(alice.connection().sentMuteStates).last().isEqualTo("true,true");
        bob.connection().events.onRemoteMuteState(true, false);
        bob.connection().events.onRemoteMuteState(true, false);
        bob.connection().events.onRemoteMuteState(false, true);

        assertThat(bob.events).filteredOn(e -> e.contains("muted")).containsExactly("56 muted audio",
                "56 unmuted audio", "56 muted video");
    }

    @Test
    void aStatsReportIsAskedForEveryIntervalWhileConnected_andReachesTheApp() {
        Phone carol = new Phone(90, clock, switchboard, new VideoChatConfig().statsReportTimeInterval(2));
        carol.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        carol.connection().ice(IceConnectionState.CONNECTED);

        clock.advance(4_000);
        assertThat(carol.connection().statsReportRequests).as("two intervals").isEqualTo(2);
        carol.connection().events.onStatsReport("report-1");
        assertThat(carol.events).contains("stats from 76: report-1");
        assertThat(bob.connection().statsReportRequests).as("off by default").isZero();

        carol.connection().ice(IceConnectionState.DISCONNECTED);
        clock.advance(4_000);
        assertThat(carol.connection().statsReportRequests).as("none while disconnected").isEqualTo(2);
    }

    @Test
    void noCandidateLeavesBeforeTheAnswer_forTheSeedsClientsDropThemWhileTheyRing() {
        alice.call(bob, Map.of());
        clock.runDue();
        alice.connection().events.onIceCandidate("alice-host");
        clock.runDue();
        assertThat(alice.sent).as("while ringing only the call (and its re-dials) leave")
                .allSatisfy(s -> assertThat(s.type()).isEqualTo(CallSignal.CALL));

        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        alice.connection().events.onIceCandidate("alice-reflexive");
        clock.runDue();

        assertThat(alice.sent).filteredOn(s -> s.type().equals(CallSignal.ICE_CANDIDATES))
                .extracting(s -> List.of(s.iceCandidates()))
                .containsExactly(List.of("alice-host"), List.of("alice-reflexive"));
    }

    @Test
    void theBandwidthCapOfTheCallAppliesOnceConnected() {
        alice.call(bob, Map.of("maxBandwidth", 256L));
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();

        alice.connection().ice(IceConnectionState.CONNECTED);
        bob.connection().ice(IceConnectionState.CONNECTED);

        assertThat(alice.connection().maxBandwidth).as("the caller's video").isEqualTo(256);
        assertThat(bob.connection().maxBandwidth).as("the callee's video: the cap travels in userInfo")
                .isEqualTo(256);
    }

    @Test
    void aFailedOfferEndsThatPeerAndSaysWhy() {
        CallSession session = alice.chat.createNewSession(new int[] {76}, 2, 0);
        session.call(Map.of(), 0);
        alice.connection().failNext = "OperationError: boom";
        clock.runDue();

        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(alice.errors).anySatisfy(e -> assertThat(e).contains("cannot create the offer for user 76")
                .contains("OperationError: boom"));
    }

    @Test
    void theOfferTravelsTheMomentItExistsWhileItIsAppliedHere() {
        CallSession session = alice.chat.createNewSession(new int[] {76}, 1, 0);
        session.setLocalStream("camera-of-56");
        session.call(Map.of(), 0);
        alice.connection().holdLocalDescription = true;
        clock.runDue();

        assertThat(alice.connection().localSdp).isNull();
        assertThat(alice.sentOf(CallSignal.CALL)).isEqualTo(1);
        assertThat(bob.events).containsExactly("call from 56");
        assertThat(bob.connection().remoteSdp).isEqualTo("offer-from-56");
    }

    @Test
    void anOfferThatCannotBeAppliedHereEndsThatPeerOnBothSidesAndSaysWhy() {
        CallSession session = alice.call(bob, Map.of());
        alice.connection().failApply = "InvalidModificationError: bad offer";
        clock.runDue();

        assertThat(session.state()).isEqualTo(SessionState.CLOSED);
        assertThat(alice.errors).anySatisfy(e -> assertThat(e)
                .endsWith(": cannot apply the offer to user 76: InvalidModificationError: bad offer"));
        assertThat(bob.events).containsExactly("call from 56", "stop from 56", "closed " + session.id());
    }

    @Test
    void aFailedAnswerEndsThePeerOnBothSidesAndSaysWhy() {
        alice.call(bob, Map.of());
        clock.runDue();
        bob.connection().failNext = "OperationError: no answer";
        bob.lastIncoming.accept(Map.of());
        clock.runDue();

        assertThat(bob.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
        assertThat(bob.errors).anySatisfy(e -> assertThat(e)
                .endsWith(": cannot create the answer for user 56: OperationError: no answer"));
    }

    @Test
    void aRemoteAnswerThatCannotBeAppliedEndsThatPeerAndSaysWhy() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        alice.connection().failNext = "InvalidAccessError: bad answer";
        bob.lastIncoming.accept(Map.of());
        clock.runDue();

        assertThat(outgoing.state()).isEqualTo(SessionState.CLOSED);
        assertThat(alice.errors).anySatisfy(e -> assertThat(e)
                .endsWith(": cannot apply the answer of user 76: InvalidAccessError: bad answer"));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        alice.chat.addListener(new CallListener() {
            @Override
            public void onAcceptCall(CallSession session, int userId, Object extension) {
                throw new IllegalStateException("app bug");
            }
        });
        CallListener late = new CallListener() {
            @Override
            public void onAcceptCall(CallSession session, int userId, Object extension) {
                alice.events.add("late listener");
            }
        };
        alice.chat.addListener(late);
        alice.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();

        assertThat(alice.events).contains("accept from 76", "late listener");
        assertThat(alice.errors).anySatisfy(e -> assertThat(e).contains("onAcceptCall listener threw: app bug"));

        alice.chat.removeListener(late);
        bob.lastIncoming.stop(Map.of());
        clock.runDue();
        alice.events.clear();
        alice.call(bob, Map.of());
        clock.runDue();
        bob.lastIncoming.accept(Map.of());
        clock.runDue();
        assertThat(alice.events).doesNotContain("late listener");
    }

    @Test
    void wrongMovesAreRefusedNamingTheCause() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        CallSession incoming = bob.lastIncoming;

        assertThatThrownBy(() -> outgoing.call(Map.of(), 0)).hasMessageContaining("cannot call")
                .hasMessageContaining("is ACTIVE");
        assertThatThrownBy(() -> outgoing.accept(Map.of())).hasMessageContaining("cannot accept");
        assertThatThrownBy(() -> incoming.call(Map.of(), 0)).hasMessageContaining("was started by user 56");

        incoming.reject(Map.of());
        assertThatThrownBy(() -> incoming.accept(Map.of())).hasMessageContaining("is CLOSED");
        assertThatThrownBy(() -> incoming.stop(Map.of())).hasMessageContaining("cannot stop")
                .hasMessageContaining("CLOSED");
    }

    @Test
    void createNewSessionRefusesBadCalleeLists() {
        assertThatThrownBy(() -> alice.chat.createNewSession(new int[] {56}, 1, 0))
                .hasMessageContaining("must not contain the current user 56");
        assertThatThrownBy(() -> alice.chat.createNewSession(new int[] {}, 1, 0))
                .hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> alice.chat.createNewSession(new int[] {1, 2, 3, 4}, 1, 0))
                .hasMessageContaining("1 to 3");
        assertThatThrownBy(() -> alice.chat.createNewSession(new int[] {2, 2}, 1, 0))
                .hasMessageContaining("twice");
    }

    @Test
    void anAnswerFromAnotherDeviceOfTheSameUserStopsTheRingingHereWithoutAWordToTheCaller() {
        CallSession outgoing = alice.call(bob, Map.of());
        clock.runDue();
        CallSession ringing = bob.lastIncoming;
        int sentBefore = bob.sent.size();

        bob.chat.onSignal(76, new CallSignal(CallSignal.ACCEPT, outgoing.id())
                .callType(1).callerId(56).opponentsIds(new int[] {76}).sdp("answer"));

        assertThat(ringing.state()).isEqualTo(SessionState.CLOSED);
        assertThat(bob.events).containsExactly("call from 56", "closed " + outgoing.id());
        assertThat(bob.sent).hasSize(sentBefore);
        assertThat(bob.connection().closed).isTrue();

        bob.chat.onSignal(56, new CallSignal(CallSignal.CALL, outgoing.id())
                .callType(1).callerId(56).opponentsIds(new int[] {76}).sdp("offer"));
        assertThat(bob.events).as("a late re-dial does not ring again").hasSize(2);
        assertThat(bob.sent).hasSize(sentBefore);
    }

    @Test
    void aCallThatDoesNotNameItsSenderAsCallerIsIgnored() {
        bob.chat.onSignal(99, new CallSignal(CallSignal.CALL, "s").callType(1)
                .callerId(56).opponentsIds(new int[] {76}).sdp("x"));

        assertThat(bob.events).isEmpty();
        assertThat(bob.errors).anySatisfy(e -> assertThat(e).contains("ignoring call from user 99"));
    }
}
