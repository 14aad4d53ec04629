package org.switchboard.planning;

import java.util.Arrays;

/**
 * The simulator's agenda: what a simulated caller or agent does next and when. A binary min-heap over primitive
 * arrays ordered by due time, then by insertion order (so equal times replay deterministically), each entry an
 * action kind and a contact number packed in one long. No object per entry: a day of a large center schedules
 * about a million of them.
 */
final class ActionHeap {

    private long[] dueMs = new long[1024];
    private long[] order = new long[1024];
    private long[] action = new long[1024];
    private int size;
    private long nextOrder;

    void push(long atMs, int kind, int contact) {
        if (size == dueMs.length) {
            grow();
        }
        dueMs[size] = atMs;
        order[size] = nextOrder++;
        action[size] = (long) kind << 32 | (contact & 0xFFFF_FFFFL);
        siftUp(size++);
    }

    /** Due time of the first action, or {@link Long#MAX_VALUE} when none. */
    long firstDueMs() {
        return size == 0 ? Long.MAX_VALUE : dueMs[0];
    }

    /** Removes the first action and returns it packed; see {@link #kind} and {@link #contact}. */
    long poll() {
        long first = action[0];
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
        return first;
    }

    static int kind(long packed) {
        return (int) (packed >>> 32);
    }

    static int contact(long packed) {
        return (int) packed;
    }

    int size() {
        return size;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int best = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(best, i)) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }

    private boolean less(int a, int b) {
        return dueMs[a] != dueMs[b] ? dueMs[a] < dueMs[b] : order[a] < order[b];
    }

    private void swap(int a, int b) {
        long d = dueMs[a];
        long o = order[a];
        long x = action[a];
        move(b, a);
        dueMs[b] = d;
        order[b] = o;
        action[b] = x;
    }

    private void move(int from, int to) {
        dueMs[to] = dueMs[from];
        order[to] = order[from];
        action[to] = action[from];
    }

    private void grow() {
        int capacity = dueMs.length * 2;
        dueMs = Arrays.copyOf(dueMs, capacity);
        order = Arrays.copyOf(order, capacity);
        action = Arrays.copyOf(action, capacity);
    }
}
