package dev.meshcall.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.auth.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SessionRegistryTest {
    private final MutableClock clock = new MutableClock();
    private final SessionRegistry sessions = new SessionRegistry(Duration.ofHours(2), clock);

    private static Signal call(String session, int caller, Integer... opponents) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(opponents)).sdp("v=0").build();
    }

    private static Signal of(SignalType type, String session) {
        Signal.Builder builder = Signal.builder(type, session);
        if (type == SignalType.ACCEPT) {
            builder.callType(CallType.VIDEO).sdp("v=0");
        } else if (type == SignalType.ICE_CANDIDATES) {
            builder.iceCandidates(List.of(new IceCandidate("candidate:1", "0", 0)));
        }
        return builder.build();
    }

    /** A signal of session {@code session} that says who is in it, as the SDK sends every signal. */
    private static Signal naming(SignalType type, String session, int caller, Integer... opponents) {
        Signal.Builder builder = Signal.builder(type, session).callerId(caller).opponentsIds(List.of(opponents));
        if (type == SignalType.ICE_RESTART) {
            builder.sdp("v=0");
        }
        return builder.build();
    }

    /** Admits a signal that the relay then delivers. */
    private void deliver(int from, int to, Signal signal) {
        sessions.admit(from, to, signal).settle(true);
    }

    private void assertAllowed(int from, int to, Signal signal) {
        assertThatCode(() -> deliver(from, to, signal)).as("%s from %d to %d", signal, from, to)
                .doesNotThrowAnyException();
    }

    private void assertForbidden(int from, int to, Signal signal, String message) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> deliver(from, to, signal));
        assertThat(error).as("%s from %d to %d", signal, from, to).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(error.getMessage()).isEqualTo(message);
    }

    /**
     * Session "s": user 1 calls 2, 3 and 4 (a mesh of four). Then one signal, and what the registry says about it:
     * {@code null} when it passes, else the message of its {@code forbidden}.
     */
    static Stream<Arguments> inAMeshOfFour() {
        String notAMember = " is not a member of session s";
        return Stream.of(
                Arguments.of("the initiator dials the next callee", 1, 3, call("s", 1, 2, 3, 4), null),
                Arguments.of("the initiator re-dials, opponents in another order", 1, 2, call("s", 1, 4, 3, 2), null),
                Arguments.of("a callee offers to a lower callee (mesh)", 3, 2, call("s", 1, 2, 3, 4), null),
                Arguments.of("the highest callee offers to the lowest", 4, 2, call("s", 1, 2, 3, 4), null),
                Arguments.of("a callee accepts the initiator", 2, 1, of(SignalType.ACCEPT, "s"), null),
                Arguments.of("a callee accepts another callee's mesh call", 2, 3, of(SignalType.ACCEPT, "s"), null),
                Arguments.of("callees trickle candidates to each other", 3, 4, of(SignalType.ICE_CANDIDATES, "s"),
                        null),
                Arguments.of("a callee rejects another callee", 4, 3, of(SignalType.REJECT, "s"), null),
                Arguments.of("a callee hangs up on another callee", 2, 4, of(SignalType.HANG_UP, "s"), null),
                Arguments.of("a non-member calls a member, naming the initiator", 5, 2, call("s", 1, 2, 3, 4),
                        "user 5" + notAMember),
                Arguments.of("a non-member calls a member, naming itself", 5, 2, call("s", 5, 2, 3, 4),
                        "user 5" + notAMember),
                Arguments.of("a callee names itself as caller", 3, 2, call("s", 3, 1, 2, 4),
                        "a call of session s must name its initiator 1 as callerID, not 3"),
                Arguments.of("a callee names another callee as caller", 4, 2, call("s", 3, 1, 2, 4),
                        "a call of session s must name its initiator 1 as callerID, not 3"),
                Arguments.of("a callee swaps a member for a fifth person", 3, 2, call("s", 1, 2, 3, 5),
                        "session s has members [1, 2, 3, 4] (initiator 1): opponentsIDs cannot change"),
                Arguments.of("the initiator re-dials with fewer opponents", 1, 2, call("s", 1, 2, 3),
                        "session s has members [1, 2, 3, 4] (initiator 1): opponentsIDs cannot change"),
                Arguments.of("the initiator calls a fifth person", 1, 5, call("s", 1, 2, 3, 5),
                        "user 5" + notAMember),
                Arguments.of("a non-member hangs up on a member", 5, 1, of(SignalType.HANG_UP, "s"),
                        "user 5" + notAMember),
                Arguments.of("a member sends candidates to a non-member", 2, 5, of(SignalType.ICE_CANDIDATES, "s"),
                        "user 5" + notAMember),
                Arguments.of("a callee starts a new session naming someone else as caller", 2, 3,
                        call("other", 1, 2, 3), "session other is not known, and only its initiator can start it:"
                                + " callerID 1 is not the sender 2"),
                Arguments.of("a hangUp for a session nobody called", 1, 2, of(SignalType.HANG_UP, "other"),
                        "user 1 is not a member of session other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inAMeshOfFour")
    void decidesWhoMaySignalWhomInAMesh(String what, int from, int to, Signal signal, String refusal) {
        deliver(1, 2, call("s", 1, 2, 3, 4));

        if (refusal == null) {
            assertAllowed(from, to, signal);
        } else {
            assertForbidden(from, to, signal, refusal);
        }
    }

    @Test
    void aSessionNeverGrowsPastItsFirstCall() {
        deliver(1, 2, call("s", 1, 2, 3));

        assertForbidden(1, 4, call("s", 1, 2, 3, 4), "user 4 is not a member of session s");
        assertForbidden(1, 2, call("s", 1, 2, 3, 4),
                "session s has members [1, 2, 3] (initiator 1): opponentsIDs cannot change");
        assertForbidden(3, 2, call("s", 1, 2, 4),
                "session s has members [1, 2, 3] (initiator 1): opponentsIDs cannot change");
        assertForbidden(4, 2, call("s", 1, 2, 3), "user 4 is not a member of session s");
        assertAllowed(3, 2, call("s", 1, 3, 2));
    }

    @Test
    void aRefusedFirstCallLeavesTheIdFree() {
        assertForbidden(2, 3, call("s", 1, 2, 3), "session s is not known, and only its initiator can start it:"
                + " callerID 1 is not the sender 2");
        assertThat(sessions.isKnown("s")).isFalse();

        assertAllowed(1, 2, call("s", 1, 2, 3));
        assertAllowed(3, 2, call("s", 1, 2, 3));
    }

    @Test
    void everyMembersGoodbyeToEveryPeerPasses_thenTheSessionIsForgotten() {
        deliver(1, 2, call("s", 1, 2, 3));
        deliver(3, 2, call("s", 1, 2, 3));
        for (int from = 1; from <= 3; from++) {
            for (int to = 1; to <= 3; to++) {
                if (from != to) {
                    assertAllowed(from, to, of(SignalType.HANG_UP, "s"));
                }
            }
        }
        assertThat(sessions.size()).as("over: no longer counted as active").isZero();
        assertThat(sessions.isKnown("s")).isTrue();
        assertAllowed(2, 1, of(SignalType.REJECT, "s"));
        assertForbidden(1, 2, call("s", 1, 2, 3), "session s is over: every member has sent hangUp or reject");
        assertForbidden(2, 3, of(SignalType.ICE_CANDIDATES, "s"),
                "session s is over: every member has sent hangUp or reject");

        clock.advance(SessionRegistry.OVER_LINGER);

        assertThat(sessions.isKnown("s")).isFalse();
        assertAllowed(4, 5, call("s", 4, 5));
    }

    /**
     * A call with one person left in it is over for the metric and the limits (the seed's SDK does not answer a
     * hang-up with one of its own), but that person's signals still pass for {@link SessionRegistry#OVER_LINGER}.
     */
    @Test
    void aSessionWithOneMemberLeftInItIsNoLongerInProgress_itsSignalsPassForTheLinger_thenItIsForgotten() {
        deliver(1, 2, call("s", 1, 2, 3));
        deliver(2, 1, of(SignalType.ACCEPT, "s"));
        deliver(2, 1, of(SignalType.HANG_UP, "s"));
        assertThat(sessions.size()).as("1 and 3 are still in it").isEqualTo(1);

        deliver(3, 1, of(SignalType.HANG_UP, "s"));
        assertThat(sessions.size()).isZero();
        clock.advance(SessionRegistry.OVER_LINGER.minusSeconds(1));

        assertAllowed(1, 3, call("s", 1, 2, 3));
        assertAllowed(1, 3, of(SignalType.ICE_CANDIDATES, "s"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.isKnown("s")).isFalse();
    }

    @Test
    void forgetsAnIdleSessionSoItsIdCanBeCalledAgain() {
        deliver(1, 2, call("s", 1, 2));
        clock.advance(Duration.ofSeconds(50));
        deliver(2, 1, of(SignalType.ACCEPT, "s"));
        clock.advance(Duration.ofHours(1));
        deliver(2, 1, of(SignalType.ICE_CANDIDATES, "s"));
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(sessions.isKnown("s")).isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(sessions.isKnown("s")).isFalse();
        assertAllowed(3, 4, call("s", 3, 4));
    }

    @Test
    void sweepsIdleSessionsNobodyTouches() {
        deliver(1, 2, call("old", 1, 2));
        deliver(2, 1, of(SignalType.ACCEPT, "old"));
        clock.advance(Duration.ofHours(3));

        deliver(3, 4, call("new", 3, 4));
        assertThat(sessions.expireDue()).isEqualTo(1);

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void aSessionThisNodeLostIsTakenUpAgainFromASignalThatNamesItsMembersAndOnlyBetweenThem() {
        // The node restarted mid-call: Ann (1) and Bob (2) are still talking in session "s" (1 called 2 and 3).
        assertAllowed(1, 2, naming(SignalType.ICE_RESTART, "s", 1, 2, 3));
        assertThat(sessions.size()).isEqualTo(1);
        assertAllowed(2, 1, of(SignalType.ICE_CANDIDATES, "s"));
        assertAllowed(3, 2, call("s", 1, 2, 3));
        assertForbidden(4, 1, naming(SignalType.HANG_UP, "s", 1, 2, 3), "user 4 is not a member of session s");
        assertForbidden(2, 1, call("s", 2, 1, 3),
                "a call of session s must name its initiator 1 as callerID, not 2");
        assertAllowed(2, 1, naming(SignalType.HANG_UP, "s", 1, 2, 3));
    }

    @Test
    void aSignalNamingMembersCannotOpenASessionForSomeoneElse() {
        assertForbidden(4, 2, naming(SignalType.HANG_UP, "t", 1, 2, 3), "user 4 is not a member of session t");
        assertForbidden(1, 4, naming(SignalType.ICE_RESTART, "t", 1, 2, 3), "user 1 is not a member of session t");
        assertForbidden(1, 2, naming(SignalType.HANG_UP, "t", 1, 1, 2), "user 1 is not a member of session t");
        assertThat(sessions.size()).isZero();
    }

    /** {@code POST /api/calls/reject}: a callee without a session object declines; the server knows the rest. */
    @Test
    void aCalleesRejectIsBuiltFromTheCallThisNodeSaw_andAdmittedLikeItsOwn() {
        deliver(1, 2, Signal.builder(SignalType.CALL, "s").callType(CallType.AUDIO).callerId(1)
                .opponentsIds(List.of(3, 2)).sdp("v=0").build());

        Signal reject = sessions.rejectBy(2, "s", "web");

        assertThat(reject).isEqualTo(Signal.builder(SignalType.REJECT, "s").callType(CallType.AUDIO).callerId(1)
                .opponentsIds(List.of(3, 2)).platform("web").build());
        assertAllowed(2, 1, reject);
        assertAllowed(2, 3, reject);
        assertForbidden(2, 4, reject, "user 4 is not a member of session s");
    }

    @Test
    void onlyACalleeOfASessionThisNodeKnowsGetsAReject() {
        deliver(1, 2, call("s", 1, 2));
        sessions.admit(5, 6, call("delivering", 5, 6));  // its first call is still on its way

        assertRejectRefused(3, "s", "user 3 is not a member of session s");
        assertRejectRefused(1, "s", "user 1 started session s: its initiator leaves it with hangUp, not reject");
        assertRejectRefused(2, "unknown", "user 2 is not a member of session unknown");
        assertRejectRefused(6, "delivering", "user 6 is not a member of session delivering");
        clock.advance(Duration.ofHours(3));
        assertRejectRefused(2, "s", "user 2 is not a member of session s");
    }

    private void assertRejectRefused(int userId, String session, String message) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class,
                () -> sessions.rejectBy(userId, session, null));
        assertThat(error).as("user %d rejects %s", userId, session).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(error.getMessage()).isEqualTo(message);
    }
}
