package org.switchboard.core.heap;

import java.util.Arrays;

/**
 * A 4-ary min-heap of entries made of three longs, {@code (first, second, payload)}, ordered by {@code first}, then
 * {@code second}, then {@code payload}: a total order, so equal keys come out the same way in every run (replay and
 * the simulator depend on it). The entries live in parallel primitive arrays: no object per entry, no boxing. What a
 * payload means is the owner's business: an agent's index and stamp, a timer's slot, a simulated action.
 *
 * <p>Removal of anything but the top is left to the owner's laziness: entries that went stale are dropped when they
 * surface, and {@link #retainIf} sweeps them out in bulk when they pile up. A 4-ary heap is shallower than a binary
 * one and compares siblings within one cache line.
 *
 * <p>Not thread-safe.
 */
public final class PrimitiveHeap {

    /** Decides, during {@link #retainIf}, whether an entry stays. */
    @FunctionalInterface
    public interface EntryFilter {
        boolean keep(long first, long second, long payload);
    }

    private static final int ARITY = 4;

    private long[] first;
    private long[] second;
    private long[] payload;
    private int size;

    public PrimitiveHeap() {
        this(16);
    }

    public PrimitiveHeap(int initialCapacity) {
        int capacity = Math.max(4, initialCapacity);
        first = new long[capacity];
        second = new long[capacity];
        payload = new long[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void push(long firstKey, long secondKey, long value) {
        if (size == first.length) {
            grow();
        }
        siftUp(size++, firstKey, secondKey, value);
    }

    /** The top entry's first key; {@link Long#MAX_VALUE} when the heap is empty. */
    public long topFirst() {
        return size == 0 ? Long.MAX_VALUE : first[0];
    }

    /** The top entry's second key; the heap must not be empty. */
    public long topSecond() {
        requireNotEmpty();
        return second[0];
    }

    /** The top entry's payload; the heap must not be empty. */
    public long topPayload() {
        requireNotEmpty();
        return payload[0];
    }

    /** Removes the top entry; the heap must not be empty. */
    public void removeTop() {
        requireNotEmpty();
        size--;
        if (size > 0) {
            siftDown(0, first[size], second[size], payload[size]);
        }
    }

    /** Keeps only the entries {@code filter} keeps, in {@code O(n)}. */
    public void retainIf(EntryFilter filter) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (filter.keep(first[i], second[i], payload[i])) {
                set(kept++, first[i], second[i], payload[i]);
            }
        }
        size = kept;
        for (int i = (size - 2) / ARITY; i >= 0; i--) {
            siftDown(i, first[i], second[i], payload[i]);
        }
    }

    /** Calls {@code visitor} for every entry, in storage order (not sorted). */
    public void forEach(EntryFilter visitor) {
        for (int i = 0; i < size; i++) {
            visitor.keep(first[i], second[i], payload[i]);
        }
    }

    /** Whether any entry passes {@code test}, in storage order, stopping at the first; the heap is not changed. */
    public boolean anyMatch(EntryFilter test) {
        for (int i = 0; i < size; i++) {
            if (test.keep(first[i], second[i], payload[i])) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        size = 0;
    }

    private void siftUp(int i, long f, long s, long p) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(f, s, p, parent)) {
                break;
            }
            set(i, first[parent], second[parent], payload[parent]);
            i = parent;
        }
        set(i, f, s, p);
    }

    private void siftDown(int i, long f, long s, long p) {
        while (true) {
            int child = ARITY * i + 1;
            if (child >= size) {
                break;
            }
            int best = child;
            int last = Math.min(child + ARITY, size);
            for (int c = child + 1; c < last; c++) {
                if (before(first[c], second[c], payload[c], best)) {
                    best = c;
                }
            }
            if (!before(first[best], second[best], payload[best], f, s, p)) {
                break;
            }
            set(i, first[best], second[best], payload[best]);
            i = best;
        }
        set(i, f, s, p);
    }

    private boolean before(long f, long s, long p, int j) {
        return before(f, s, p, first[j], second[j], payload[j]);
    }

    private static boolean before(long f1, long s1, long p1, long f2, long s2, long p2) {
        if (f1 != f2) {
            return f1 < f2;
        }
        if (s1 != s2) {
            return s1 < s2;
        }
        return p1 < p2;
    }

    private void set(int i, long f, long s, long p) {
        first[i] = f;
        second[i] = s;
        payload[i] = p;
    }

    private void requireNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("the heap is empty");
        }
    }

    private void grow() {
        int capacity = first.length * 2;
        first = Arrays.copyOf(first, capacity);
        second = Arrays.copyOf(second, capacity);
        payload = Arrays.copyOf(payload, capacity);
    }
}
