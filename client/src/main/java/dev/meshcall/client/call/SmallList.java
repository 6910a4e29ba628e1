package dev.meshcall.client.call;

/**
 * A small list in insertion order (listeners, sessions, ICE candidates waiting to be sent or applied). Written out,
 * with plain loops instead of {@code System.arraycopy}, because {@code java.util}'s collections and the checked
 * array copy would take a large part of {@code meshcall.js} for lists that hold a handful of items.
 *
 * @param <T> the items
 */
final class SmallList<T> {
    private Object[] items = new Object[4];
    private int size;

    void add(T item) {
        if (size == items.length) {
            Object[] grown = new Object[size * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[i];
            }
            items = grown;
        }
        items[size++] = item;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        return (T) items[index];
    }

    /** Removes the first occurrence of {@code item} (by identity); a no-op when it is not there. */
    void remove(T item) {
        for (int i = 0; i < size; i++) {
            if (items[i] == item) {
                removeFirst(i, 1);
                return;
            }
        }
    }

    /** Removes and returns up to {@code max} items from the front. */
    Object[] takeFirst(int max) {
        int count = Math.min(size, max);
        Object[] taken = new Object[count];
        for (int i = 0; i < count; i++) {
            taken[i] = items[i];
        }
        removeFirst(0, count);
        return taken;
    }

    /** The items as they are now, unaffected by later changes. */
    Object[] snapshot() {
        Object[] copy = new Object[size];
        for (int i = 0; i < size; i++) {
            copy[i] = items[i];
        }
        return copy;
    }

    void clear() {
        items = new Object[4];
        size = 0;
    }

    private void removeFirst(int from, int count) {
        for (int i = from; i + count < size; i++) {
            items[i] = items[i + count];
        }
        for (int i = size - count; i < size; i++) {
            items[i] = null;
        }
        size -= count;
    }
}
