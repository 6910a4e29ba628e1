package dev.meshcall.client.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who offers to whom, as a table; initiator 50 with callees 20, 30, 70. */
class MeshPlanTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        // the initiator offers to every callee, whatever their ids
        "50, 20, true", "50, 30, true", "50, 70, true",
        // no callee offers to the initiator
        "20, 50, false", "70, 50, false",
        // between callees the higher id offers
        "70, 30, true", "70, 20, true", "30, 20, true",
        "20, 30, false", "20, 70, false", "30, 70, false",
    })
    void offers(int from, int to, boolean offers) {
        assertThat(MeshPlan.offers(from, to, 50)).isEqualTo(offers);
    }

    @ParameterizedTest(name = "pair {0}-{1}")
    @CsvSource({"50, 20", "50, 70", "20, 30", "30, 70", "20, 70"})
    void exactlyOneSideOfEveryPairOffers(int a, int b) {
        assertThat(MeshPlan.offers(a, b, 50)).isNotEqualTo(MeshPlan.offers(b, a, 50));
    }

    @ParameterizedTest(name = "{0} links to {1}")
    @CsvSource({
        "50, '20,30,70'",
        "20, '50,30,70'",
        "30, '50,20,70'",
        "70, '50,20,30'",
    })
    void everyoneLinksToEveryOtherParticipantInitiatorFirst(int me, String expected) {
        int[] peers = MeshPlan.peersOf(me, 50, new int[] {20, 30, 70});
        assertThat(peers).containsExactly(java.util.Arrays.stream(expected.split(","))
                .mapToInt(Integer::parseInt).toArray());
    }
}
