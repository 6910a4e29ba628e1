package dev.meshcall.client.call;

/**
 * Who offers to whom in a mesh of up to 4 people, the seed's rule ({@code docs/protocol.md}, "Mesh"): the initiator
 * offers to every callee (its {@code call}); between two callees the one with the higher user id offers (a
 * {@code call} with the initiator as {@code callerID}), once it has accepted. Exactly one side of every pair offers,
 * so two offers can never cross on one link. Pure: the call logic asks, nothing here changes.
 */
final class MeshPlan {
    private MeshPlan() {
    }

    /** Whether {@code from} makes the offer to {@code to} in a session started by {@code initiatorId}. */
    static boolean offers(int from, int to, int initiatorId) {
        return from == initiatorId || (to != initiatorId && from > to);
    }

    /** Everyone in the session but {@code me}: the people {@code me} links to, the initiator first. */
    static int[] peersOf(int me, int initiatorId, int[] opponentsIds) {
        int[] peers = new int[opponentsIds.length];
        int count = 0;
        if (me != initiatorId) {
            peers[count++] = initiatorId;
        }
        for (int id : opponentsIds) {
            if (id != me) {
                peers[count++] = id;
            }
        }
        return peers;
    }
}
