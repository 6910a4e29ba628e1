package dev.meshcall.client.call;

/**
 * A small first-in first-out list of opaque items (ICE candidates waiting to be sent or applied). Written out
 * instead of using {@code java.util}, whose collections would more than double the size of {@code meshcall.js}.
 */
final class Pending {
    private static final Object[] NONE = {};

    private Object[] items = NONE;
    private int size;

    void add(Object item) {
        if (size == items.length) {
            Object[] grown = new Object[Math.max(4, size * 2)];
            System.arraycopy(items, 0, grown, 0, size);
            items = grown;
        }
        items[size++] = item;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Removes and returns up to {@code max} items from the front. */
    Object[] take(int max) {
        int count = Math.min(size, max);
        Object[] taken = new Object[count];
        System.arraycopy(items, 0, taken, 0, count);
        System.arraycopy(items, count, items, 0, size - count);
        for (int i = size - count; i < size; i++) {
            items[i] = null;
        }
        size -= count;
        return taken;
    }

    void clear() {
        items = NONE;
        size = 0;
    }
}
