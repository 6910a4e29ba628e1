package dev.meshcall.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** The budgets of one recipient and of one sender and recipient pair, on a clock of nanoseconds the test moves. */
class RecipientBudgetsTest {
    private static final long SECOND = 1_000_000_000L;
    private final RecipientBudgets budgets = new RecipientBudgets(new TrafficBudgets(1000, 500, 3, 2));

    private static String refusal(Runnable charge) {
        ProtocolException error = catchThrowableOfType(ProtocolException.class, charge::run);
        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        return error.getMessage();
    }

    @Test
    void aPairGetsItsBurstThenItsRate_andOtherPairsAreNotTouched() {
        budgets.charge(1, 9, 2000, false, 0);
        assertThat(refusal(() -> budgets.charge(1, 9, 1, false, 0))).isEqualTo("user 1 sends user 9 more than 500"
                + " bytes a second (--pair-bytes-per-second); this signal was dropped");
        assertThatCode(() -> budgets.charge(2, 9, 1000, false, 0)).doesNotThrowAnyException();

        assertThatCode(() -> budgets.charge(1, 9, 500, false, SECOND)).as("a second of the pair's rate")
                .doesNotThrowAnyException();
    }

    @Test
    void theRecipientsBudgetIsSharedByEverySender_andARefusalCostsTheSenderNothing() {
        budgets.charge(1, 9, 2000, false, 0);
        budgets.charge(2, 9, 2000, false, 0);
        assertThat(refusal(() -> budgets.charge(3, 9, 100, false, 0))).isEqualTo("user 9 is sent more than 1000"
                + " bytes a second (--recipient-bytes-per-second); this signal was dropped");

        assertThatCode(() -> budgets.charge(3, 8, 2000, false, 0)).as("user 3's pair budget was given back")
                .doesNotThrowAnyException();
    }

    @Test
    void newSessionsAreBudgetedPerPairAndPerRecipient() {
        for (int i = 0; i < 8; i++) {
            budgets.charge(1, 9, 10, true, 0);
        }
        assertThat(refusal(() -> budgets.charge(1, 9, 10, true, 0))).contains("(--pair-sessions-per-second)");
        assertThatCode(() -> budgets.charge(1, 9, 10, false, 0)).as("signals of known sessions still pass")
                .doesNotThrowAnyException();
        for (int sender = 2; sender <= 5; sender++) {
            budgets.charge(sender, 9, 10, true, 0);
        }
        assertThat(refusal(() -> budgets.charge(6, 9, 10, true, 0)))
                .isEqualTo("user 9 is called faster than 3 new calls a second (--recipient-sessions-per-second);"
                        + " this signal was dropped");
    }

    @Test
    void aSignalThatReachedNobodyIsRefunded() {
        budgets.charge(1, 9, 2000, true, 0);
        budgets.refund(1, 9, 2000, true);

        assertThatCode(() -> budgets.charge(1, 9, 2000, false, 0)).doesNotThrowAnyException();
    }
}
