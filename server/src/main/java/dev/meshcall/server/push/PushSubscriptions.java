package dev.meshcall.server.push;

import java.util.List;

/**
 * Where the push subscriptions of the users are kept (the embedded database: {@link PushSubscriptionStore}). An
 * endpoint belongs to one user at a time. All but {@link #hasAny} may block on storage: call them from worker
 * threads.
 */
public interface PushSubscriptions extends AutoCloseable {

    /**
     * Stores {@code subscription} for its user: a new one, or an endpoint already stored (for this user: its keys
     * are updated; for another user, after a sign-in switch in the same browser: it moves to this one). When the user
     * then has more than {@code maxPerUser}, their oldest are removed: a user who reinstalls a browser many times
     * leaves dead subscriptions behind that nobody deletes, and must not be locked out by them.
     *
     * @return whether it is new to this user ({@code 201}), not an update of one they had ({@code 200})
     */
    boolean save(PushSubscription subscription, int maxPerUser);

    /** Removes {@code userId}'s subscription at {@code endpoint}, if it is theirs; another user's stays. */
    void delete(int userId, String endpoint);

    /** Removes the subscription at {@code endpoint}, whoever's it is (the push service said it is gone). */
    boolean deleteEndpoint(String endpoint);

    /** {@code userId}'s subscriptions, oldest first. */
    List<PushSubscription> of(int userId);

    /** Whether {@code userId} has any subscription; answers from memory, never blocks (it runs on I/O threads). */
    boolean hasAny(int userId);

    @Override
    void close();
}
