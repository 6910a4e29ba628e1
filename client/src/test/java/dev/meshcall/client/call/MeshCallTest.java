package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.meshcall.client.rtc.IceConnectionState;
import dev.meshcall.client.signaling.CallSignal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group calls, glare, busy and answering on another device, between up to four users over fake peer connections and
 * an in-memory switchboard (signals arrive on the next turn of the clock, as over the server).
 */
class MeshCallTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final Map<Integer, Phone> switchboard = new HashMap<>();
    private Phone ann;
    private Phone bob;
    private Phone cat;
    private Phone dan;

    @BeforeEach
    void setUp() {
        // the initiator's id sits between the callees', so the callee rule (higher id offers) is not the id order
        // The fake links never report CONNECTED, so the deadline for connecting (IceRestartTest) is set beyond these
        // timelines of ringing and answering.
        ann = new Phone(25, clock, switchboard, longConnectDeadline());
        bob = new Phone(10, clock, switchboard, longConnectDeadline());
        cat = new Phone(30, clock, switchboard, longConnectDeadline());
        dan = new Phone(40, clock, switchboard, longConnectDeadline());
    }

    @Test
    void fourPeopleLinkEveryPairWithOneOfferEachAndHearOfEveryOther() {
        CallSession session = ann.callAll(bob, cat, dan);
        clock.runDue();
        for (Phone callee : List.of(bob, cat, dan)) {
            assertThat(callee.events).containsExactly("call from 25");
            callee.accept();
            clock.runDue();
        }

        List<Phone> all = List.of(ann, bob, cat, dan);
        for (Phone x : all) {
            for (Phone y : all) {
                if (x == y) {
                    continue;
                }
                Phone offerer = MeshPlan.offers(x.userId, y.userId, 25) ? x : y;
                assertThat(x.connectionTo(y.userId).remoteSdp).as("%s's remote description from %s", x.userId,
                        y.userId).isEqualTo(offerer == x ? "answer-from-" + y.userId : "offer-from-" + y.userId);
                assertThat(x.connections.stream().filter(c -> ((PeerSession) c.events).userId == y.userId))
                        .as("%s's connections to %s", x.userId, y.userId).hasSize(1);
                assertThat(x.connectionTo(y.userId).localStream).isEqualTo("camera-of-" + x.userId);
            }
        }
        for (Phone x : all) {
            for (FakePeerConnection c : x.connections) {
                c.ice(IceConnectionState.CONNECTED);
                c.events.onRemoteStream("stream");
            }
            for (Phone y : all) {
                if (x != y) {
                    assertThat(x.events).as("%s's events", x.userId)
                            .containsOnlyOnce("stream from " + y.userId, y.userId + " CONNECTED");
                    if (y != ann) {
                        assertThat(x.events).as("%s's events", x.userId).containsOnlyOnce("accept from " + y.userId);
                    }
                }
            }
        }
        assertThat(session.connectionStateFor(40)).isEqualTo(SessionConnectionState.CONNECTED);
        assertThat(all).allSatisfy(p -> assertThat(p.errors).isEmpty());
        assertThat(cat.sent.stream().filter(s -> s.type().equals(CallSignal.CALL)))
                .as("Cat (30) offers to Bob (10) only").singleElement()
                .satisfies(s -> assertThat(s.callerId()).isEqualTo(25));
    }

    @Test
    void theLowerCalleeAcceptingSecondLinksAtOnceWithoutWaitingForAReDial() {
        ann.callAll(bob, cat);
        clock.runDue();
        cat.accept();
        clock.runDue();
        assertThat(bob.connectionTo(30).remoteSdp).as("Cat's offer, kept while Bob rings").isEqualTo("offer-from-30");
        assertThat(bob.connectionTo(30).localSdp).as("nothing sent before Bob accepts").isNull();

        clock.advance(2000);
        bob.accept();
        clock.runDue();

        assertThat(cat.connectionTo(10).remoteSdp).isEqualTo("answer-from-10");
        assertThat(bob.events).contains("accept from 30");
        assertThat(cat.events).contains("accept from 10");
    }

    @Test
    void theCallersMediaIsReportedOnlyOnceTheCalleeAccepts() {
        ann.callAll(bob);
        clock.runDue();
        bob.connectionTo(25).events.onRemoteStream("ann's media");
        assertThat(bob.events).containsExactly("call from 25");

        bob.accept();
        bob.connectionTo(25).events.onRemoteStream("ann's media");

        assertThat(bob.events).containsOnlyOnce("stream from 25");
    }

    @Test
    void theHigherCalleeAcceptingSecondOffersAtOnce() {
        ann.callAll(bob, cat);
        clock.runDue();
        bob.accept();
        clock.runDue();
        clock.advance(2000);

        cat.accept();
        clock.runDue();

        assertThat(cat.connectionTo(10).remoteSdp).isEqualTo("answer-from-10");
        assertThat(bob.connectionTo(30).remoteSdp).isEqualTo("offer-from-30");
    }

    @Test
    void aRingingCalleePreparesItsOfferToALowerCalleeAndSendsItTheMomentItAccepts_withTheCandidatesGathered() {
        ann.callAll(bob, cat);
        clock.runDue();
        FakePeerConnection prepared = cat.connectionTo(10);
        prepared.events.onIceCandidate("cat-host-candidate");
        clock.advance(10_000);

        assertThat(prepared.reserved).as("senders reserved before Cat chose media").isTrue();
        assertThat(prepared.localSdp).as("the offer is made and applied while Cat rings").isEqualTo("offer-from-30");
        assertThat(cat.sent).as("nothing leaves before Cat accepts: no offer, no candidate").isEmpty();
        assertThat(bob.connections).as("Bob only has Ann's offer").hasSize(1);

        bob.accept();
        clock.runDue();
        cat.accept();

        assertThat(cat.sent).as("the offer left during accept, before any browser work")
                .anySatisfy(s -> assertThat(s.type()).isEqualTo(CallSignal.CALL));
        assertThat(prepared.localStream).as("Cat's camera fills the reserved senders").isEqualTo("camera-of-30");
        clock.runDue();
        assertThat(cat.sent).as("then the candidates gathered while it rang, once, after Bob's answer")
                .filteredOn(s -> s.type().equals(CallSignal.ICE_CANDIDATES))
                .allSatisfy(s -> assertThat(s.iceCandidates()).containsExactly("cat-host-candidate"))
                .hasSize(1);
        assertThat(cat.connectionTo(10)).as("no second connection").isSameAs(prepared);
        assertThat(prepared.remoteSdp).isEqualTo("answer-from-10");
        assertThat(bob.connectionTo(30).remoteSdp).isEqualTo("offer-from-30");
        assertThat(cat.events).contains("accept from 10");
        assertThat(bob.events).contains("accept from 30");

        prepared.events.onIceCandidate("cat-reflexive-candidate");
        clock.runDue();
        assertThat(cat.sentOf(CallSignal.ICE_CANDIDATES)).as("later candidates trickle, once").isEqualTo(2);
    }

    @Test
    void aPreparedOfferThatNeverLeftIsDroppedWithoutAWord_whenTheCallStopsRinging() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        bob.accept();
        clock.runDue();
        FakePeerConnection prepared = cat.connectionTo(10);

        cat.lastIncoming.reject(Map.of());
        clock.runDue();
        assertThat(prepared.closed).isTrue();
        assertThat(cat.sent).extracting(CallSignal::type).containsOnly(CallSignal.REJECT);
        assertThat(bob.connections).as("Bob never got Cat's offer").hasSize(1);
        assertThat(annSession.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aPreparedOfferIsClosedSilentlyWhenTheCallerWithdraws() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        FakePeerConnection prepared = cat.connectionTo(10);

        annSession.stop(Map.of());
        clock.runDue();

        assertThat(prepared.closed).isTrue();
        assertThat(cat.sentOf(CallSignal.CALL)).isZero();
        assertThat(cat.sentOf(CallSignal.ICE_CANDIDATES)).isZero();
        assertThat(cat.errors).isEmpty();
    }

    @Test
    void anAudioCallReservesAVideoSenderToo_soThatAScreenCanBeSentLaterWithoutANewOffer() {
        CallSession session = ann.chat.createNewSession(new int[] {bob.userId, cat.userId}, CallSession.AUDIO, 0);
        session.setLocalStream("microphone-of-25");
        session.call(Map.of(), 0);
        clock.runDue();

        assertThat(ann.connectionTo(10).reserved).as("the caller's offer").isTrue();
        assertThat(cat.connectionTo(10).reserved).as("a ringing callee's prepared offer").isTrue();
        assertThat(cat.connectionTo(10).reservedVideo).as("its video not in the stream of an audio call").isFalse();
    }

    @Test
    void aNewTrackGoesOnEveryLinkWithoutANewOffer() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        bob.accept();
        clock.runDue();
        cat.accept();
        clock.runDue();
        long callsBefore = ann.sentOf(CallSignal.CALL);

        annSession.replaceTrack("video", "screen-of-25");
        clock.runDue();

        assertThat(ann.connections).as("Ann's links to Bob and Cat").hasSize(2)
                .allSatisfy(c -> assertThat(c.replacedTracks).containsExactly("video:screen-of-25"));
        assertThat(ann.sentOf(CallSignal.CALL)).as("no new offer").isEqualTo(callsBefore);
        assertThat(ann.sentOf(CallSignal.ICE_RESTART)).isZero();
    }

    @Test
    void theInitiatorLeavingLeavesTheOthersTalking() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        CallSession bobSession = bob.accept();
        clock.runDue();
        CallSession catSession = cat.accept();
        clock.runDue();

        annSession.stop(Map.of("bye", 1));
        clock.runDue();

        assertThat(annSession.state()).isEqualTo(SessionState.CLOSED);
        assertThat(annSession.closeReason()).isEqualTo(CloseReason.STOPPED);
        assertThat(bob.events).contains("stop from 25");
        assertThat(bobSession.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(catSession.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(bob.connectionTo(30).closed).isFalse();
        assertThat(bob.connectionTo(25).closed).isTrue();

        catSession.stop(Map.of());
        clock.runDue();
        assertThat(bobSession.state()).as("Bob's last link closed").isEqualTo(SessionState.CLOSED);
        assertThat(bobSession.closeReason()).isEqualTo(CloseReason.ENDED);
        assertThat(bob.events).endsWith("stop from 30", "closed " + annSession.id());
    }

    @Test
    void aCalleeWhoRejectsIsDroppedByEveryoneAndTheCallGoesOn() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        CallSession bobSession = bob.accept();
        clock.runDue();

        cat.lastIncoming.reject(Map.of("reason", "busy day"));
        clock.runDue();

        assertThat(ann.events).contains("reject from 30");
        assertThat(bob.events).contains("reject from 30");
        assertThat(bob.lastExtension).asInstanceOf(MAP).containsEntry("reason", "busy day");
        assertThat(annSession.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(bobSession.state()).isEqualTo(SessionState.ACTIVE);
        clock.advance(120_000);
        assertThat(bob.events).doesNotContain("no answer from 30");
        assertThat(bobSession.state()).isEqualTo(SessionState.ACTIVE);
    }

    private static VideoChatConfig longConnectDeadline() {
        return new VideoChatConfig().disconnectTimeInterval(3600);
    }

    @Test
    void aCalleeWhoNeverAnswersIsGivenUpByTheCallerAndByTheCalleesWaitingForIt() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        CallSession bobSession = bob.accept();
        clock.runDue();

        clock.advance(60_000);
        assertThat(ann.events).contains("no answer from 30");
        assertThat(cat.events).contains("stop from 25");
        assertThat(cat.lastIncoming.state()).as("Cat stops ringing").isEqualTo(SessionState.CLOSED);

        clock.advance(5_000);
        assertThat(bob.events).as("Bob waited for Cat's offer").contains("no answer from 30");
        assertThat(annSession.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(bobSession.state()).isEqualTo(SessionState.ACTIVE);
    }

    @Test
    void aCallerWithdrawingAGroupCallStopsEveryRingingCallee() {
        CallSession annSession = ann.callAll(bob, cat);
        clock.runDue();
        cat.accept();
        clock.runDue();

        annSession.stop(Map.of());
        clock.runDue();

        assertThat(bob.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
        assertThat(bob.lastIncoming.closeReason()).isEqualTo(CloseReason.ENDED);
        assertThat(cat.events).as("Bob declined Cat's offer as his call went away")
                .containsSubsequence("stop from 25", "reject from 10", "closed " + annSession.id());
        assertThat(cat.lastIncoming.state()).isEqualTo(SessionState.CLOSED);
    }

    @Test
    void glareLeavesOneSessionThatConnects_theHigherIdsSession() {
        CallSession annToCat = ann.callAll(cat);
        CallSession catToAnn = cat.callAll(ann);
        clock.runDue();

        assertThat(ann.chat.sessions()).containsExactly(annToCat);
        assertThat(cat.chat.sessions()).containsExactly(catToAnn);
        assertThat(annToCat.id()).as("Ann's session took Cat's id").isEqualTo(catToAnn.id());
        assertThat(annToCat.initiatorId()).isEqualTo(30);
        assertThat(annToCat.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(ann.connectionTo(30).remoteSdp).isEqualTo("offer-from-30");
        assertThat(cat.connectionTo(25).remoteSdp).isEqualTo("answer-from-25");
        assertThat(ann.events).containsExactly("accept from 30");
        assertThat(cat.events).containsExactly("accept from 25");
        assertThat(ann.errors).isEmpty();
        assertThat(cat.errors).isEmpty();
        clock.advance(10_000);
        assertThat(ann.events).containsExactly("accept from 30");
    }

    @Test
    void glareWhenTheHigherIdsCallAlreadyRingsHere_theLowerIdsNewCallJoinsIt() {
        CallSession catToAnn = cat.callAll(ann);
        clock.runDue();
        CallSession ringing = ann.lastIncoming;

        CallSession annToCat = ann.callAll(cat);
        clock.runDue();

        assertThat(ringing.closeReason()).isEqualTo(CloseReason.REPLACED);
        assertThat(annToCat.id()).isEqualTo(catToAnn.id());
        assertThat(cat.connectionTo(25).remoteSdp).isEqualTo("answer-from-25");
        assertThat(cat.events).containsExactly("accept from 25");
        assertThat(ann.events).containsExactly("call from 30", "closed " + catToAnn.id(), "accept from 30");
        assertThat(ann.sentOf(CallSignal.CALL)).isZero();
        assertThat(ann.chat.sessions()).containsExactly(annToCat);
    }

    @Test
    void glareWhenTheLowerIdsCallAlreadyRingsHere_theHigherIdsNewCallWins() {
        CallSession annToCat = ann.callAll(cat);
        clock.runDue();
        CallSession ringing = cat.lastIncoming;

        CallSession catToAnn = cat.callAll(ann);
        clock.runDue();

        assertThat(ringing.closeReason()).isEqualTo(CloseReason.REPLACED);
        assertThat(annToCat.id()).isEqualTo(catToAnn.id());
        assertThat(annToCat.initiatorId()).isEqualTo(30);
        assertThat(cat.connectionTo(25).remoteSdp).isEqualTo("answer-from-25");
        assertThat(cat.chat.sessions()).containsExactly(catToAnn);
        assertThat(ann.chat.sessions()).containsExactly(annToCat);
        assertThat(ann.errors).isEmpty();
        assertThat(cat.errors).isEmpty();
    }

    @Test
    void aCallToSomeoneInACallIsRejectedAsBusyWithoutRinging() {
        ann.callAll(bob);
        clock.runDue();
        bob.accept();
        clock.runDue();

        CallSession catToBob = cat.callAll(bob);
        clock.runDue();

        assertThat(cat.events).containsExactly("reject from 10", "closed " + catToBob.id());
        assertThat(cat.lastExtension).asInstanceOf(MAP).containsEntry("busy", true);
        assertThat(bob.events).doesNotContain("call from 30");
        clock.advance(5_000);
        assertThat(bob.events).doesNotContain("call from 30");
    }

    @Test
    void withoutAutoRejectABusyUserStillRings() {
        Phone eve = new Phone(50, clock, switchboard, new VideoChatConfig().autoRejectWhenBusy(false));
        ann.callAll(eve);
        clock.runDue();
        eve.accept();
        clock.runDue();

        cat.callAll(eve);
        clock.runDue();

        assertThat(eve.events).contains("call from 30");
    }

    @Test
    void acceptingOnAnotherDeviceStopsTheRingingHereAndSaysWhy() {
        CallSession session = ann.callAll(bob, cat);
        clock.runDue();
        CallSession ringing = bob.lastIncoming;

        bob.chat.onSignal(10, new CallSignal(CallSignal.ACCEPT, session.id()).callType(1).callerId(25)
                .opponentsIds(new int[] {10, 30}).sdp("answer"));

        assertThat(ringing.state()).isEqualTo(SessionState.CLOSED);
        assertThat(ringing.closeReason()).isEqualTo(CloseReason.ACCEPTED_ELSEWHERE);
    }

    @Test
    void anOfferFromTheWrongSideOfALinkIsRefusedNamingTheRule() {
        CallSession session = ann.callAll(bob, cat);
        clock.runDue();

        cat.chat.onSignal(10, new CallSignal(CallSignal.CALL, session.id()).callType(1).callerId(25)
                .opponentsIds(new int[] {10, 30}).sdp("offer-from-10"));

        assertThat(cat.errors).anySatisfy(e -> assertThat(e).contains("ignoring call from user 10")
                .contains("user 30 makes the offer on that link"));
    }

    @Test
    void anIceRestartWhileOurOfferIsOpenIsRefusedNamingBothStates() {
        CallSession session = ann.callAll(bob);
        clock.runDue();

        ann.chat.onSignal(10, new CallSignal(CallSignal.ICE_RESTART, session.id()).sdp("restart"));

        assertThat(ann.errors).anySatisfy(e -> assertThat(e).contains("ignoring iceRestart from user 10")
                .contains("CALLING").contains("have-local-offer"));
    }
}
