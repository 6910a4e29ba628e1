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
    void peerLinkMoves(String from, String to, boolean allowed) {
        assertThat(PeerLink.canMove(peerLinkState(from), peerLinkState(to))).isEqualTo(allowed);
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

    /** The {@link PeerLink} state constant named {@code name}. */
    private static int peerLinkState(String name) {
        for (int state = PeerLink.IDLE; state <= PeerLink.CLOSED; state++) {
            if (PeerLink.stateName(state).equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no PeerLink state " + name);
    }
}
