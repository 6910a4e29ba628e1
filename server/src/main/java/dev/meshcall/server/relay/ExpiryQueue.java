package dev.meshcall.server.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Deadlines in order, so that forgetting what is due costs time in proportion to what is due (a heap: each entry
 * in and out in O(log n)), not to everything held. An entry may outlive what it names (its deadline moved, or it
 * was removed otherwise): whoever takes it checks that it is still current. Thread-safe; its lock is held only
 * inside its own methods, so a caller may add while holding other locks.
 *
 * @param <T> what expires
 */
final class ExpiryQueue<T> {
    /** One deadline of one thing. */
    record Entry<T>(Instant deadline, T item) {
    }

    private final PriorityQueue<Entry<T>> heap = new PriorityQueue<>((a, b) -> a.deadline().compareTo(b.deadline()));

    synchronized void add(Instant deadline, T item) {
        heap.add(new Entry<>(deadline, item));
    }

    /** Takes every entry due at {@code now} (deadline not after it), earliest first. */
    synchronized List<Entry<T>> takeDue(Instant now) {
        List<Entry<T>> due = new ArrayList<>();
        while (!heap.isEmpty() && !heap.peek().deadline().isAfter(now)) {
            due.add(heap.poll());
        }
        return due;
    }

    synchronized int size() {
        return heap.size();
    }
}
