package dev.meshcall.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalRulesTest {

    private static Signal call(int callerId, Integer... opponents) {
        return Signal.builder(SignalType.CALL, "s").callType(CallType.VIDEO).callerId(callerId)
                .opponentsIds(List.of(opponents)).sdp("v=0").build();
    }

    @ParameterizedTest(name = "{0} sends call by {1} to {2}: {3}")
    @CsvSource({
        "56, 56, 76, ok",
        "56, 56, 34, ok",
        "76, 56, 34, forbidden",
        "56, 56, 99, bad_request",
        "56, 56, 56, bad_request",
    })
    void checksWhoMaySendACallToWhom(int sender, int caller, int recipient, String outcome) {
        Signal signal = call(caller, 76, 34);
        if ("ok".equals(outcome)) {
            assertThatCode(() -> SignalRules.checkSend(signal, sender, recipient)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> SignalRules.checkSend(signal, sender, recipient))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> org.assertj.core.api.Assertions.assertThat(e.code().wireName()).isEqualTo(outcome));
        }
    }
}
