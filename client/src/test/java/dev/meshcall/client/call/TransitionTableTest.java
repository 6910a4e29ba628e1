package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.client.rtc.IceConnectionState;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transition tables, row by row. */
class TransitionTableTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "IDLE, CALLING, true", "IDLE, RINGING, true", "IDLE, ANSWERED, false", "IDLE, CLOSED, true",
        "CALLING, ANSWERED, true", "CALLING, RINGING, false", "CALLING, CLOSED, true", "CALLING, IDLE, false",
        "RINGING, ANSWERED, true", "RINGING, CALLING, false", "RINGING, CLOSED, true",
        "ANSWERED, CLOSED, true", "ANSWERED, CALLING, false", "ANSWERED, RINGING, false",
        "CLOSED, IDLE, false", "CLOSED, CALLING, false", "CLOSED, ANSWERED, false",
    })
    void peerSessionPhases(String from, String to, boolean allowed) {
        assertThat(PeerSession.canMove(phase(from), phase(to))).isEqualTo(allowed);
    }

    /** pion's {@code signalingstate.go} table, without provisional answers. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "stable, have-local-offer, true", "stable, have-remote-offer, true", "stable, closed, true",
        "have-local-offer, stable, true", "have-local-offer, have-remote-offer, false",
        "have-local-offer, closed, true",
        "have-remote-offer, stable, true", "have-remote-offer, have-local-offer, false",
        "have-remote-offer, closed, true",
        "closed, stable, false", "closed, have-local-offer, false", "closed, have-remote-offer, false",
    })
    void signalingStates(String from, String to, boolean allowed) {
        assertThat(SignalingState.canMove(signalingState(from), signalingState(to))).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "new, CONNECTING", "checking, CONNECTING", "connected, CONNECTED", "completed, COMPLETED",
        "failed, FAILED", "disconnected, DISCONNECTED", "closed, CLOSED", "something-new, UNDEFINED",
    })
    void sessionConnectionStateFollowsTheIceConnectionState(String browserValue, String expected) {
        assertThat(SessionConnectionState.name(SessionConnectionState.fromIce(browserValue))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"UNDEFINED, 0", "CONNECTING, 1", "CONNECTED, 2", "FAILED, 3", "DISCONNECTED, 4", "CLOSED, 5",
        "COMPLETED, 6"})
    void sessionConnectionStatesKeepTheSeedsNumbers(String state, int number) {
        assertThat(SessionConnectionState.name(number)).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"NEW, 1", "ACTIVE, 2", "STOPPED, 3", "REJECTED, 4", "CLOSED, 5"})
    void sessionStatesKeepTheSeedsNumbers(String state, int number) {
        assertThat(SessionState.name(number)).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"new", "checking", "connected", "completed", "failed", "disconnected", "closed"})
    void iceConnectionStatesAreTheBrowsersStrings(String browserValue) throws ReflectiveOperationException {
        assertThat(IceConnectionState.class.getField(browserValue.toUpperCase(Locale.ROOT)).get(null))
                .isEqualTo(browserValue);
    }

    /** The {@link PeerSession} phase constant named {@code name}. */
    private static int phase(String name) {
        for (int phase = PeerSession.IDLE; phase <= PeerSession.CLOSED; phase++) {
            if (PeerSession.phaseName(phase).equals(name)) {
                return phase;
            }
        }
        throw new IllegalArgumentException("no PeerSession phase " + name);
    }

    /** The {@link SignalingState} constant with the W3C name {@code name}. */
    private static int signalingState(String name) {
        for (int state = SignalingState.STABLE; state <= SignalingState.CLOSED; state++) {
            if (SignalingState.name(state).equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no signaling state " + name);
    }
}
