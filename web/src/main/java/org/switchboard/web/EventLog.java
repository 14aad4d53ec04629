package org.switchboard.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;

/**
 * The most recent durable events, numbered, in a ring: the one place the journal writer hands events to the
 * WebSocket stream. The writer appends and never waits; every session reads at its own pace from its own cursor,
 * so a slow session can only fall behind itself (and, once it falls out of the ring, is told to resync), never make
 * another session miss an event.
 *
 * <p>Threading: {@link #append} on one thread (the journal writer's); everything else on any thread. An entry is
 * published before the counter that makes it visible, and a reader that finds an entry overwritten (its number is
 * not the one asked for) knows it fell behind.
 */
final class EventLog {

    /** One event with its number; its JSON is written once, by the first session that sends it. */
    static final class Entry {
        final long seq;
        final Event event;
        private volatile @Nullable String json;

        Entry(long seq, Event event) {
            this.seq = seq;
            this.event = event;
        }

        String json(java.util.function.Function<Entry, String> writer) {
            String written = json;
            if (written == null) {
                written = writer.apply(this);
                json = written;
            }
            return written;
        }
    }

    private final AtomicReferenceArray<Entry> ring;
    private final int capacity;
    /** The number the next appended event gets; every number below it (down to the ring's reach) is readable. */
    private volatile long next;
    /** The lowest number appended since the log began (events before it never reached this log). */
    private volatile long first;

    /** A log whose next event is numbered {@code next} (the center's position when the log is created). */
    EventLog(int capacity, long next) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
        this.next = next;
        this.first = next;
    }

    int capacity() {
        return capacity;
    }

    /** Appends events numbered from {@code firstSeq}, in order. Writer thread only. */
    void append(List<Event> events, long firstSeq) {
        if (firstSeq != next) {
            first = firstSeq; // a gap: the events before never reached this log
        }
        long seq = firstSeq;
        for (Event event : events) {
            ring.set(index(seq), new Entry(seq, event));
            seq++;
        }
        next = seq;
    }

    /** The number the next event will get: the newest readable is one less. */
    long next() {
        return next;
    }

    /** The oldest event number still in the ring. */
    long oldest() {
        return Math.max(first, next - capacity);
    }

    /** The event numbered {@code seq}, or null when it fell out of the ring (or is not appended yet). */
    @Nullable
    Entry get(long seq) {
        if (seq >= next) {
            return null;
        }
        Entry entry = ring.get(index(seq));
        return entry != null && entry.seq == seq ? entry : null;
    }

    private int index(long seq) {
        return (int) Math.floorMod(seq, (long) capacity);
    }
}
