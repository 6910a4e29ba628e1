package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalRulesTest {

    private static Signal call(int callerId, Integer... opponents) {
        return Signal.builder(SignalType.CALL, "s").callType(CallType.VIDEO).callerId(callerId)
                .opponentsIds(List.of(opponents)).sdp("v=0").build();
    }

    /**
     * A session of initiator 56 with callees 76 and 34. Who may name whom as caller is the session's business (the
     * relay's): these rules pass a callee's mesh call and even a spoofed caller, and refuse only what no session
     * could allow.
     */
    @ParameterizedTest(name = "{0} sends call by {1} to {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        56 | 56 | 76 | ok          |
        56 | 56 | 34 | ok          |
        76 | 56 | 34 | ok          |
        34 | 56 | 76 | ok          |
        99 | 56 | 34 | ok          |
        76 | 76 | 34 | ok          |
        56 | 56 | 99 | bad_request | 99 is not one of them
        76 | 56 | 56 | bad_request | never goes to its initiator 56
        56 | 56 | 56 | bad_request | cannot be sent to oneself
        76 | 56 | 76 | bad_request | cannot be sent to oneself
        """)
    void checksToWhomACallMayGo(int sender, int caller, int recipient, String outcome, String message) {
        Signal signal = call(caller, 76, 34);
        assertOutcome(signal, sender, recipient, outcome, message);
    }

    @ParameterizedTest(name = "{0} from {1} to {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
        ACCEPT         | 76 | 56 | ok          |
        ACCEPT         | 34 | 76 | ok          |
        REJECT         | 34 | 76 | ok          |
        HANG_UP        | 56 | 34 | ok          |
        ICE_CANDIDATES | 76 | 34 | ok          |
        HANG_UP        | 76 | 76 | bad_request | cannot be sent to oneself
        """)
    void checksOnlyTheRecipientOfOtherSignals(SignalType type, int sender, int recipient, String outcome,
            String message) {
        Signal.Builder builder = Signal.builder(type, "s");
        if (type == SignalType.ACCEPT) {
            builder.callType(CallType.VIDEO).sdp("v=0");
        } else if (type == SignalType.ICE_CANDIDATES) {
            builder.iceCandidates(List.of(new IceCandidate("candidate:1", "0", 0)));
        }
        assertOutcome(builder.build(), sender, recipient, outcome, message);
    }

    private static void assertOutcome(Signal signal, int sender, int recipient, String outcome, String message) {
        if ("ok".equals(outcome)) {
            assertThatCode(() -> SignalRules.checkSend(signal, sender, recipient)).doesNotThrowAnyException();
            return;
        }
        ProtocolException error = catchThrowableOfType(ProtocolException.class,
                () -> SignalRules.checkSend(signal, sender, recipient));
        assertThat(error).as("%s from %d to %d", signal, sender, recipient).isNotNull();
        assertThat(error.code().wireName()).isEqualTo(outcome);
        assertThat(error.field()).isEqualTo("to");
        assertThat(error.getMessage()).contains(message);
    }
}
