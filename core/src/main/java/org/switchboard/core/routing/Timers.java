package org.switchboard.core.routing;

import java.util.PriorityQueue;

/**
 * The engine's timers: offer timeouts, wrap-up ends, step escalations and callback due times. Polled by the
 * engine thread when the clock advances; never a scheduled task per contact. A timer names the contact version it
 * was armed under and is ignored when the contact has moved on since, so nothing is ever cancelled.
 *
 * <p>A binary heap rather than a hashed wheel: deadlines range from seconds (offers) to days (scheduled
 * callbacks), and {@code O(log n)} on a million waiting contacts is ~20 comparisons (docs/decisions/0002).
 */
final class Timers {

    enum Kind { OFFER_TIMEOUT, WRAP_UP_END, STEP_TIMEOUT, DUE }

    record Timer(long dueMs, long seq, Kind kind, Contact contact, long version) {}

    private final PriorityQueue<Timer> heap = new PriorityQueue<>(
            (a, b) -> a.dueMs != b.dueMs ? Long.compare(a.dueMs, b.dueMs) : Long.compare(a.seq, b.seq));
    private long seq;

    void arm(long dueMs, Kind kind, Contact contact) {
        heap.add(new Timer(dueMs, seq++, kind, contact, contact.version));
    }

    /** The next timer due at or before {@code nowMs} whose contact has not moved on, or null. */
    Timer pollDue(long nowMs) {
        while (!heap.isEmpty() && heap.peek().dueMs <= nowMs) {
            Timer timer = heap.poll();
            if (timer.contact.version == timer.version) {
                return timer;
            }
        }
        return null;
    }

    /** Due time of the earliest pending timer (possibly stale), or {@link Long#MAX_VALUE}. */
    long nextDueMs() {
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().dueMs;
    }

    int size() {
        return heap.size();
    }
}
