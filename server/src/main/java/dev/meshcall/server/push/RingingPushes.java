package dev.meshcall.server.push;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calls whose recipient was pushed, while they ring: the caller's SDK sends its {@code call} again every few
 * seconds until it is answered, and the recipient must get one notification per call, not one per re-dial; the
 * caller's {@code hangUp} looks up whom to send the cancellation. An entry is forgotten when the call stops ringing,
 * when it is cancelled, or when more than {@code capacity} calls are remembered (the oldest first: at worst that
 * call's recipient is notified twice). Thread-safe; in memory, never blocks for long.
 */
final class RingingPushes {
    /** A call that rang a recipient by push: who called, and until when (epoch milliseconds). */
    record Ringing(int callerId, long expires) {
    }

    private record Key(String sessionId, int recipientId) {
    }

    private final int capacity;
    private final Map<Key, Ringing> ringing = new LinkedHashMap<>();

    RingingPushes(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Whether {@code recipientId} is already being rung by push in {@code sessionId} at {@code now} (epoch
     * milliseconds).
     */
    synchronized boolean isRinging(String sessionId, int recipientId, long now) {
        purge(now);
        return ringing.containsKey(new Key(sessionId, recipientId));
    }

    /** Remembers that {@code recipientId} is rung by push in {@code sessionId} until {@code expires}. */
    synchronized void remember(String sessionId, int recipientId, Ringing call, long now) {
        purge(now);
        ringing.put(new Key(sessionId, recipientId), call);
        while (ringing.size() > capacity) {
            Iterator<Ringing> oldest = ringing.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets the call, for a push that could not be queued. */
    synchronized void forget(String sessionId, int recipientId) {
        ringing.remove(new Key(sessionId, recipientId));
    }

    /**
     * Forgets and returns the call {@code callerId} rang {@code recipientId} with in {@code sessionId}, or
     * {@code null} when there is none ringing (never pushed, over, or another caller's).
     */
    synchronized Ringing cancel(String sessionId, int recipientId, int callerId, long now) {
        purge(now);
        Key key = new Key(sessionId, recipientId);
        Ringing call = ringing.get(key);
        if (call == null || call.callerId() != callerId) {
            return null;
        }
        ringing.remove(key);
        return call;
    }

    synchronized int size() {
        return ringing.size();
    }

    /** Entries are in insertion order and all ring equally long, so the expired ones are at the front. */
    private void purge(long now) {
        for (Iterator<Ringing> calls = ringing.values().iterator(); calls.hasNext();) {
            if (calls.next().expires() > now) {
                return;
            }
            calls.remove();
        }
    }
}
