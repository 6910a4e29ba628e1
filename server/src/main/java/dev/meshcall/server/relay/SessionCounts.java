package dev.meshcall.server.relay;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link SessionRegistry}'s limits and metric count, kept up to date as sessions change instead of counted
 * by walking the table: sessions in progress, open sessions per initiator, and calls ringing per callee. Each change
 * of a session is told as the difference between what it counted before and after ({@link #move}), so that no
 * change can be counted twice or missed. Thread-safe.
 */
final class SessionCounts {
    /** What one session counts for. {@link #NONE} is an absent session. */
    record Tally(int initiator, boolean open, boolean active, Set<Integer> ringing) {
        static final Tally NONE = new Tally(0, false, false, Set.of());

        /**
         * A session counts as open towards its initiator's limit while the initiator is in it with someone, and as
         * active (the metric) while two or more members are in it and its first {@code call} was delivered.
         */
        static Tally of(MeshSession session) {
            if (session == null) {
                return NONE;
            }
            boolean inProgress = !session.isDone();
            return new Tally(session.initiator(), inProgress && !session.initiatorLeft(),
                    inProgress && !session.isDelivering(), session.ringing());
        }
    }

    private final AtomicInteger active = new AtomicInteger();
    private final Map<Integer, Integer> openByInitiator = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> ringingByCallee = new ConcurrentHashMap<>();

    /**
     * Counts a session's change from {@code before} to {@code after}. Most signals change nothing it counts (ICE
     * candidates of a call in progress): those touch no shared counter.
     */
    void move(Tally before, Tally after) {
        if (before.equals(after)) {
            return;
        }
        active.addAndGet((after.active() ? 1 : 0) - (before.active() ? 1 : 0));
        if (before.open()) {
            add(openByInitiator, before.initiator(), -1);
        }
        if (after.open()) {
            add(openByInitiator, after.initiator(), 1);
        }
        for (int callee : before.ringing()) {
            add(ringingByCallee, callee, -1);
        }
        for (int callee : after.ringing()) {
            add(ringingByCallee, callee, 1);
        }
    }

    /** Sessions in progress: delivered, with two or more members in them. */
    int active() {
        return active.get();
    }

    /** Sessions {@code userId} started and is in with someone. */
    int openStartedBy(int userId) {
        return openByInitiator.getOrDefault(userId, 0);
    }

    /** Sessions that ring {@code userId} now. */
    int ringing(int userId) {
        return ringingByCallee.getOrDefault(userId, 0);
    }

    private static void add(Map<Integer, Integer> counts, int userId, int delta) {
        counts.compute(userId, (key, count) -> {
            int next = (count == null ? 0 : count) + delta;
            return next == 0 ? null : next;
        });
    }
}
