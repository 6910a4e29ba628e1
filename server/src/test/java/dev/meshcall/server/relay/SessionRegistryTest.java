package dev.meshcall.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.auth.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        }
        return builder.build();
    }

    private void assertForbidden(int from, int to, Signal signal) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, () -> sessions.admit(from, to, signal));
        assertThat(error).as("%s from %d to %d", signal, from, to).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(error.getMessage()).isEqualTo("not a member of session " + signal.sessionId());
    }

    @Test
    void learnsMembersFromTheFirstCall() {
        sessions.admit(1, 2, call("s", 1, 2, 3));

        assertThatCode(() -> sessions.admit(2, 1, of(SignalType.ACCEPT, "s"))).doesNotThrowAnyException();
        assertThatCode(() -> sessions.admit(2, 3, of(SignalType.ICE_RESTART, "s"))).doesNotThrowAnyException();
        assertForbidden(4, 1, of(SignalType.HANG_UP, "s"));
        assertForbidden(1, 4, of(SignalType.HANG_UP, "s"));
    }

    @Test
    void letsTheCallerRedialButNobodyElseReuseTheSession() {
        sessions.admit(1, 2, call("s", 1, 2));

        assertThatCode(() -> sessions.admit(1, 2, call("s", 1, 2))).doesNotThrowAnyException();
        assertForbidden(2, 1, call("s", 2, 1));
        assertForbidden(3, 2, call("s", 3, 2));
        assertForbidden(1, 3, call("s", 1, 3));
    }

    @Test
    void refusesSignalsForAnUnknownSession() {
        assertForbidden(1, 2, of(SignalType.HANG_UP, "never-called"));
    }

    @Test
    void forgetsASessionWhenEveryMemberHasLeft() {
        sessions.admit(1, 2, call("s", 1, 2, 3));
        sessions.admit(2, 1, of(SignalType.REJECT, "s"));
        sessions.admit(3, 1, of(SignalType.HANG_UP, "s"));
        assertThat(sessions.isKnown("s")).isTrue();

        sessions.admit(1, 3, of(SignalType.HANG_UP, "s"));

        assertThat(sessions.isKnown("s")).isFalse();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void forgetsAnIdleSessionSoItsIdCanBeCalledAgain() {
        sessions.admit(1, 2, call("s", 1, 2));
        clock.advance(Duration.ofHours(1));
        sessions.admit(2, 1, of(SignalType.ACCEPT, "s"));
        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(sessions.isKnown("s")).isTrue();

        clock.advance(Duration.ofSeconds(1));

        assertThat(sessions.isKnown("s")).isFalse();
        assertThatCode(() -> sessions.admit(3, 4, call("s", 3, 4))).doesNotThrowAnyException();
    }

    @Test
    void sweepsIdleSessionsNobodyTouches() {
        sessions.admit(1, 2, call("old", 1, 2));
        clock.advance(Duration.ofHours(3));

        sessions.admit(3, 4, call("new", 3, 4));

        assertThat(sessions.size()).isEqualTo(1);
    }
}
