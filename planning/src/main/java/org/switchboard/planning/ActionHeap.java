package org.switchboard.planning;

import org.switchboard.core.heap.PrimitiveHeap;

/**
 * The simulator's agenda: what a simulated caller or agent does next and when, on the core's
 * {@link PrimitiveHeap} ordered by due time, then by insertion order (so equal times replay deterministically),
 * each entry an action kind, the contact's generation (its slot's use, low 24 bits) and its slot packed in one long. No object per entry: a day of a large center
 * schedules about a million of them.
 */
final class ActionHeap {

    private final PrimitiveHeap heap = new PrimitiveHeap(1024);
    private long nextOrder;

    /** The generation bits kept: a slot reused 16 million times while an action of its first use is due is not. */
    static final int GENERATION_MASK = 0xFF_FFFF;

    void push(long atMs, int kind, int generation, int contact) {
        heap.push(
                atMs,
                nextOrder++,
                (long) kind << 56 | (long) (generation & GENERATION_MASK) << 32 | (contact & 0xFFFF_FFFFL));
    }

    /** Due time of the first action, or {@link Long#MAX_VALUE} when none. */
    long firstDueMs() {
        return heap.topFirst();
    }

    /** Removes the first action and returns it packed; see {@link #kind} and {@link #contact}. */
    long poll() {
        long first = heap.topPayload();
        heap.removeTop();
        return first;
    }

    static int kind(long packed) {
        return (int) (packed >>> 56);
    }

    static int generation(long packed) {
        return (int) (packed >>> 32) & GENERATION_MASK;
    }

    static int contact(long packed) {
        return (int) packed;
    }

    int size() {
        return heap.size();
    }
}
