package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.client.rtc.IceConnectionState;
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
    void peerLinkMoves(PeerLink.State from, PeerLink.State to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "new, CONNECTING", "checking, CONNECTING", "connected, CONNECTED", "completed, COMPLETED",
        "failed, FAILED", "disconnected, DISCONNECTED", "closed, CLOSED", "something-new, UNDEFINED",
    })
    void sessionConnectionStateFollowsTheIceConnectionState(String browserValue, SessionConnectionState expected) {
        assertThat(SessionConnectionState.fromIce(IceConnectionState.fromBrowser(browserValue))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"UNDEFINED, 0", "CONNECTING, 1", "CONNECTED, 2", "FAILED, 3", "DISCONNECTED, 4", "CLOSED, 5",
        "COMPLETED, 6"})
    void sessionConnectionStatesKeepTheSeedsNumbers(SessionConnectionState state, int number) {
        assertThat(state.wireValue()).isEqualTo(number);
    }
}
