package org.switchboard.core.routing;

import java.util.Arrays;

/**
 * The engine's timers: offer timeouts, wrap-up ends, step escalations and callback due times. Polled by the
 * engine thread when the clock advances; never a scheduled task per contact. A timer names the contact version it
 * was armed under and is ignored when the contact has moved on since, so nothing is ever cancelled.
 *
 * <p>A 4-ary min-heap over parallel primitive arrays, ordered by due time then arming order (which makes firing
 * order, and so replay, deterministic). Most offer timeouts go stale within a second, when the agent answers;
 * {@link #compactIfBloated} sweeps them out so the heap stays near the number of live timers. A heap rather than
 * a hashed wheel: deadlines range from seconds (offers) to days (scheduled callbacks), see docs/decisions/0002.
 */
final class Timers {

    enum Kind { OFFER_TIMEOUT, WRAP_UP_END, STEP_TIMEOUT, DUE }

    record Timer(long dueMs, Kind kind, Contact contact) {}

    private static final Kind[] KINDS = Kind.values();

    private long[] due = new long[64];
    private long[] order = new long[64];
    private long[] version = new long[64];
    private Contact[] contact = new Contact[64];
    private byte[] kind = new byte[64];
    private int size;
    private long armed;

    void arm(long dueMs, Kind timerKind, Contact target) {
        if (size == due.length) {
            grow();
        }
        set(size, dueMs, armed++, target.version, target, (byte) timerKind.ordinal());
        siftUp(size++);
    }

    /** The next timer due at or before {@code nowMs} whose contact has not moved on, or null. */
    Timer pollDue(long nowMs) {
        while (size > 0 && due[0] <= nowMs) {
            Timer timer = new Timer(due[0], KINDS[kind[0]], contact[0]);
            boolean fresh = contact[0].version == version[0];
            removeTop();
            if (fresh) {
                return timer;
            }
        }
        return null;
    }

    /** Due time of the earliest pending timer (possibly stale), or {@link Long#MAX_VALUE}. */
    long nextDueMs() {
        return size == 0 ? Long.MAX_VALUE : due[0];
    }

    int size() {
        return size;
    }

    /** Sweeps out stale timers once they far outnumber {@code liveBound}; amortized O(1) per armed timer. */
    void compactIfBloated(int liveBound) {
        if (size <= 2L * liveBound + 1024) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (contact[i].version == version[i]) {
                set(kept++, due[i], order[i], version[i], contact[i], kind[i]);
            }
        }
        Arrays.fill(contact, kept, size, null);
        size = kept;
        for (int i = (size - 2) / 4; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void removeTop() {
        size--;
        if (size > 0) {
            set(0, due[size], order[size], version[size], contact[size], kind[size]);
            siftDown(0);
        }
        contact[size] = null;
    }

    private void siftUp(int i) {
        long d = due[i];
        long o = order[i];
        long v = version[i];
        Contact c = contact[i];
        byte k = kind[i];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(d, o, parent)) {
                break;
            }
            set(i, due[parent], order[parent], version[parent], contact[parent], kind[parent]);
            i = parent;
        }
        set(i, d, o, v, c, k);
    }

    private void siftDown(int i) {
        long d = due[i];
        long o = order[i];
        long v = version[i];
        Contact c = contact[i];
        byte k = kind[i];
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            int last = Math.min(first + 4, size);
            for (int child = first + 1; child < last; child++) {
                if (before(due[child], order[child], best)) {
                    best = child;
                }
            }
            if (!before(due[best], order[best], d, o)) {
                break;
            }
            set(i, due[best], order[best], version[best], contact[best], kind[best]);
            i = best;
        }
        set(i, d, o, v, c, k);
    }

    private boolean before(long d, long o, int j) {
        return before(d, o, due[j], order[j]);
    }

    private static boolean before(long d1, long o1, long d2, long o2) {
        return d1 < d2 || (d1 == d2 && o1 < o2);
    }

    private void set(int i, long d, long o, long v, Contact c, byte k) {
        due[i] = d;
        order[i] = o;
        version[i] = v;
        contact[i] = c;
        kind[i] = k;
    }

    private void grow() {
        int capacity = due.length * 2;
        due = Arrays.copyOf(due, capacity);
        order = Arrays.copyOf(order, capacity);
        version = Arrays.copyOf(version, capacity);
        contact = Arrays.copyOf(contact, capacity);
        kind = Arrays.copyOf(kind, capacity);
    }
}
