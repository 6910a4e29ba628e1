package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket's phase table: every legal move, the same-phase no-op, and every illegal move named in full. */
class ConnectionPhaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CONNECTING, AUTHENTICATING",
        "CONNECTING, CLOSING",
        "AUTHENTICATING, READY",
        "AUTHENTICATING, CLOSING",
        "READY, CLOSING",
        "CONNECTING, CONNECTING",
        "AUTHENTICATING, AUTHENTICATING",
        "READY, READY",
        "CLOSING, CLOSING",
    })
    void aLegalMoveLandsOnTheNextPhase(ConnectionPhase from, ConnectionPhase next) {
        assertThat(from.moveTo(next)).isEqualTo(next);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CONNECTING, READY",
        "AUTHENTICATING, CONNECTING",
        "READY, CONNECTING",
        "READY, AUTHENTICATING",
        "CLOSING, CONNECTING",
        "CLOSING, AUTHENTICATING",
        "CLOSING, READY",
    })
    void anIllegalMoveThrowsNamingBothPhases(ConnectionPhase from, ConnectionPhase next) {
        assertThatThrownBy(() -> from.moveTo(next))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a WebSocket cannot move from " + from + " to " + next);
    }
}
