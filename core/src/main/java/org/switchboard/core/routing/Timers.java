package org.switchboard.core.routing;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.heap.PrimitiveHeap;

/**
 * The engine's timers: offer timeouts, wrap-up ends, step escalations, callback due times and the ends of
 * rejections' holds. Polled by the
 * engine thread when the clock advances; never a scheduled task per contact. A timer names the contact version it
 * was armed under and is ignored when the contact has moved on since, so nothing is ever cancelled.
 *
 * <p>A {@link PrimitiveHeap} ordered by due time then arming order (which makes firing order, and so replay,
 * deterministic); the heap's payload is a slot in parallel arrays holding the contact, its version and the kind.
 * Most offer timeouts go stale within a second, when the agent answers; {@link #compactIfBloated} sweeps them out
 * so the heap stays near the number of live timers. A heap rather than a hashed wheel: deadlines range from seconds
 * (offers) to days (scheduled callbacks), see docs/decisions/0002.
 */
final class Timers {

    enum Kind {
        OFFER_TIMEOUT,
        WRAP_UP_END,
        STEP_TIMEOUT,
        DUE,
        DECLINES_END
    }

    record Timer(long dueMs, Kind kind, Contact contact) {}

    private static final Kind[] KINDS = Kind.values();

    private final PrimitiveHeap heap = new PrimitiveHeap(64);
    /** By slot; null in a free slot. */
    private @Nullable Contact[] contact = new Contact[64];

    private long[] version = new long[64];
    private byte[] kind = new byte[64];
    private int[] freeSlots = new int[64];
    private int free;
    private int slots;
    private long armed;

    void arm(long dueMs, Kind timerKind, Contact target) {
        armAt(dueMs, armed++, timerKind, target, target.version);
    }

    /** The next timer due at or before {@code nowMs} whose contact has not moved on, or null. */
    @Nullable
    Timer pollDue(long nowMs) {
        while (heap.topFirst() <= nowMs) {
            long dueMs = heap.topFirst();
            int slot = (int) heap.topPayload();
            heap.removeTop();
            Contact target = liveContact(slot);
            boolean fresh = target.version == version[slot];
            Kind timerKind = KINDS[kind[slot]];
            release(slot);
            if (fresh) {
                return new Timer(dueMs, timerKind, target);
            }
        }
        return null;
    }

    /** Due time of the earliest pending timer (possibly stale), or {@link Long#MAX_VALUE}. */
    long nextDueMs() {
        return heap.topFirst();
    }

    int size() {
        return heap.size();
    }

    /** Sweeps out stale timers once they far outnumber {@code liveBound}; amortized O(1) per armed timer. */
    void compactIfBloated(int liveBound) {
        if (heap.size() <= 2L * liveBound + 1024) {
            return;
        }
        heap.retainIf((dueMs, order, slot) -> {
            boolean fresh = liveContact((int) slot).version == version[(int) slot];
            if (!fresh) {
                release((int) slot);
            }
            return fresh;
        });
    }

    /** A pending timer as snapshots record it. */
    record Pending(long dueMs, long order, Kind kind, Contact contact, long version) {}

    /** Calls {@code visitor} with every timer still fresh, in storage order. */
    void forEachFresh(java.util.function.Consumer<Pending> visitor) {
        heap.forEach((dueMs, order, slot) -> {
            int s = (int) slot;
            Contact target = liveContact(s);
            if (target.version == version[s]) {
                visitor.accept(new Pending(dueMs, order, KINDS[kind[s]], target, version[s]));
            }
            return true;
        });
    }

    /** The arming counter, for snapshots. */
    long armedCount() {
        return armed;
    }

    /** Restores a timer exactly as a snapshot recorded it. */
    void restore(Pending pending, long armedCount) {
        armAt(pending.dueMs(), pending.order(), pending.kind(), pending.contact(), pending.version());
        restoreArmed(armedCount);
    }

    /** Restores the arming counter, so timers armed later order after the restored ones. */
    void restoreArmed(long armedCount) {
        armed = Math.max(armed, armedCount);
    }

    private void armAt(long dueMs, long order, Kind timerKind, Contact target, long targetVersion) {
        int slot = allocate();
        contact[slot] = target;
        version[slot] = targetVersion;
        kind[slot] = (byte) timerKind.ordinal();
        heap.push(dueMs, order, slot);
    }

    private int allocate() {
        if (free > 0) {
            return freeSlots[--free];
        }
        if (slots == contact.length) {
            int capacity = contact.length * 2;
            contact = Arrays.copyOf(contact, capacity);
            version = Arrays.copyOf(version, capacity);
            kind = Arrays.copyOf(kind, capacity);
        }
        return slots++;
    }

    /** The contact of a slot the heap holds; only released slots are empty. */
    private Contact liveContact(int slot) {
        return Objects.requireNonNull(contact[slot], "a timer in a free slot");
    }

    private void release(int slot) {
        contact[slot] = null;
        if (free == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeSlots.length * 2);
        }
        freeSlots[free++] = slot;
    }
}
