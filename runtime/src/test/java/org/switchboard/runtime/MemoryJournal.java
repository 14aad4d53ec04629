package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.StoreUnavailableException;

/**
 * A journal kept in memory, for runtime tests. It can be told to be unavailable (appends and position checks
 * throw), or to commit and then lose the confirmation (the append is durable but throws), as a database whose
 * connection drops at the commit would.
 */
final class MemoryJournal implements Journal {

    final List<JournalEntry> entries = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    volatile boolean unavailable;
    volatile boolean loseNextConfirmation;
    volatile int appends;
    volatile long retiredThrough;

    @Override
    public synchronized void append(List<JournalEntry> newEntries, List<Event> newEvents) {
        appends++;
        if (unavailable) {
            throw new StoreUnavailableException("connection refused", null);
        }
        entries.addAll(newEntries);
        events.addAll(newEvents);
        if (loseNextConfirmation) {
            loseNextConfirmation = false;
            throw new StoreUnavailableException("connection reset during commit", null);
        }
    }

    @Override
    public synchronized long position() {
        return entries.size();
    }

    @Override
    public synchronized long recoverPosition() {
        if (unavailable) {
            throw new StoreUnavailableException("connection refused", null);
        }
        return entries.size();
    }

    @Override
    public synchronized void replayAfter(long position, Consumer<JournalEntry> sink) {
        if (position < retiredThrough) {
            throw new IllegalStateException("entries after " + position + " were retired");
        }
        List.copyOf(entries.subList((int) position, entries.size())).forEach(sink);
    }

    @Override
    public synchronized void retireThrough(long position) {
        retiredThrough = Math.max(retiredThrough, position);
    }
}
