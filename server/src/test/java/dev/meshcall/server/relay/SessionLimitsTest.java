package dev.meshcall.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.Poll;
import dev.meshcall.server.auth.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the session table (issue 12, item 2): only delivered sessions are registered, unanswered ones are
 * forgotten soon after the answer timeout, open sessions are capped per user and in all, and forgetting takes only
 * what is due.
 */
class SessionLimitsTest {
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock();

    private SessionRegistry registry(int perUser, int total) {
        return registry(perUser, total, 100);
    }

    private SessionRegistry registry(int perUser, int total, int ringing) {
        return new SessionRegistry(Duration.ofHours(2), new SessionLimits(ANSWER, GRACE, perUser, total, ringing),
                clock);
    }

    private static Signal call(String session, int caller, Integer... opponents) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(opponents)).sdp("v=0").build();
    }

    private static Signal answer(SignalType type, String session) {
        Signal.Builder builder = Signal.builder(type, session);
        if (type == SignalType.ACCEPT) {
            builder.callType(CallType.VIDEO).sdp("v=0");
        }
        return builder.build();
    }

    private static ProtocolException refusal(SessionRegistry sessions, int from, int to, Signal signal) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class,
                () -> sessions.admit(from, to, signal).settle(true));
        assertThat(error).as("%s from %d to %d is refused", signal, from, to).isNotNull();
        return error;
    }

    @Test
    void aFirstCallThatWasNotDeliveredRegistersNothing() {
        SessionRegistry sessions = registry(2, 100);
        for (int i = 0; i < 50; i++) {
            SessionAdmission admission = sessions.admit(1, 2, call("offline-" + i, 1, 2));
            assertThat(admission.startedSession()).isTrue();
            admission.settle(false);
        }

        assertThat(sessions.size()).isZero();
        assertThat(sessions.isKnown("offline-0")).isFalse();
        assertThatCode(() -> sessions.admit(3, 4, call("offline-0", 3, 4)).settle(true))
                .as("the id is free for anyone, and the per-user limit of 2 was never used up")
                .doesNotThrowAnyException();
        assertThatCode(() -> sessions.admit(1, 2, call("next", 1, 2)).settle(true)).doesNotThrowAnyException();
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void anUnansweredSessionIsForgottenAfterTheAnswerTimeoutAndGrace_evenWhileTheCallerRedials() {
        SessionRegistry sessions = registry(10, 100);
        sessions.admit(1, 2, call("unanswered", 1, 2)).settle(true);
        sessions.admit(3, 4, call("answered", 3, 4)).settle(true);
        sessions.admit(4, 3, answer(SignalType.ACCEPT, "answered")).settle(true);
        for (int redial = 0; redial < 17; redial++) {
            clock.advance(Duration.ofSeconds(5));
            sessions.admit(1, 2, call("unanswered", 1, 2)).settle(true);
        }
        clock.advance(ANSWER.plus(GRACE).minusSeconds(85).minusMillis(1));
        assertThat(sessions.expireDue()).isZero();
        assertThat(sessions.size()).isEqualTo(2);

        clock.advance(Duration.ofMillis(1));

        assertThat(sessions.expireDue()).as("only the unanswered one").isEqualTo(1);
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.isKnown("unanswered")).isFalse();
        assertThat(sessions.isKnown("answered")).isTrue();
        assertThat(refusal(sessions, 2, 1, answer(SignalType.ACCEPT, "unanswered")).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aUserMayHaveOnlySoManySessionsOpen_andEndingOneMakesRoom() {
        SessionRegistry sessions = registry(3, 100);
        for (int i = 0; i < 3; i++) {
            sessions.admit(1, 2 + i, call("s" + i, 1, 2 + i)).settle(true);
        }

        ProtocolException error = refusal(sessions, 1, 9, call("s3", 1, 9));
        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("user 1 has 3 call sessions open, the limit"
                + " (--max-sessions-per-user 3); hang up one first");
        assertThatCode(() -> sessions.admit(1, 2, call("s0", 1, 2)).settle(true))
                .as("re-dialling an open session is no new session").doesNotThrowAnyException();
        assertThatCode(() -> sessions.admit(7, 1, call("other", 7, 1)).settle(true))
                .as("others may still call the user").doesNotThrowAnyException();

        sessions.admit(1, 2, answer(SignalType.HANG_UP, "s0")).settle(true);

        assertThatCode(() -> sessions.admit(1, 9, call("s3", 1, 9)).settle(true))
                .as("a session the user hung up leaves room").doesNotThrowAnyException();
    }

    @Test
    void theNodeHoldsOnlySoManySessionsInAll() {
        SessionRegistry sessions = registry(10, 4);
        for (int user = 1; user <= 4; user++) {
            sessions.admit(user, 100, call("s" + user, user, 100)).settle(true);
        }

        ProtocolException error = refusal(sessions, 5, 100, call("s5", 5, 100));
        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.getMessage()).isEqualTo("the server holds 4 call sessions, its limit (--max-sessions 4);"
                + " try again later");

        clock.advance(ANSWER.plus(GRACE));
        sessions.expireDue();
        assertThatCode(() -> sessions.admit(5, 100, call("s5", 5, 100)).settle(true)).doesNotThrowAnyException();
    }

    @Test
    void onlySoManyCallsRingAUserAtOnce_andAnAnswerOrTheCallersHangUpMakesRoom() {
        SessionRegistry sessions = registry(10, 100, 2);
        sessions.admit(1, 9, call("a", 1, 9)).settle(true);
        sessions.admit(2, 9, call("b", 2, 9, 8)).settle(true);

        ProtocolException error = refusal(sessions, 3, 9, call("c", 3, 9));
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(error.getMessage()).isEqualTo("user 9 has 2 calls ringing, the limit (--max-ringing-per-user 2);"
                + " try again later");
        assertThat(refusal(sessions, 3, 8, call("c", 3, 8, 9)).code()).as("any callee counts")
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThatCode(() -> sessions.admit(3, 8, call("d", 3, 8)).settle(true)).doesNotThrowAnyException();

        sessions.admit(9, 1, answer(SignalType.ACCEPT, "a")).settle(true);
        assertThatCode(() -> sessions.admit(3, 9, call("c", 3, 9)).settle(true)).as("an accepted call rings no more")
                .doesNotThrowAnyException();
        sessions.admit(2, 9, answer(SignalType.HANG_UP, "b")).settle(true);
        assertThatCode(() -> sessions.admit(4, 9, call("e", 4, 9)).settle(true))
                .as("a call its caller hung up rings no more").doesNotThrowAnyException();
    }

    @Test
    void forgettingTakesOnlyWhatIsDue() {
        SessionRegistry sessions = registry(10, 100_000);
        for (int user = 1; user <= 2_000; user++) {
            sessions.admit(user, 0, call("answered-" + user, user, 0)).settle(true);
            sessions.admit(0, user, answer(SignalType.ACCEPT, "answered-" + user)).settle(true);
        }
        for (int user = 1; user <= 10; user++) {
            sessions.admit(user, 5_000, call("unanswered-" + user, user, 5_000)).settle(true);
        }
        assertThat(sessions.queued()).isEqualTo(2_010);
        clock.advance(ANSWER.plus(GRACE));

        assertThat(sessions.expireDue()).isEqualTo(10);

        assertThat(sessions.queued()).as("the answered sessions' entries were not touched").isEqualTo(2_000);
        assertThat(sessions.size()).isEqualTo(2_000);
    }

    @Test
    void theExpiryThreadForgetsSessionsWithoutAnySignal() {
        SessionRegistry sessions = registry(10, 100);
        sessions.admit(1, 2, call("s", 1, 2)).settle(true);
        sessions.startExpiry(Duration.ofMillis(20));
        try {
            clock.advance(ANSWER.plus(GRACE));
            Poll.until("the unanswered session forgotten by the expiry thread", Duration.ofSeconds(5),
                    () -> sessions.size() == 0);
            assertThat(sessions.queued()).isZero();
        } finally {
            sessions.close();
        }
    }
}
