package org.switchboard.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;

/** A journal kept in memory, for runtime tests; can be told to fail. */
final class MemoryJournal implements Journal {

    final List<JournalEntry> entries = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    volatile boolean broken;

    @Override
    public synchronized void append(List<JournalEntry> newEntries, List<Event> newEvents) {
        if (broken) {
            throw new IllegalStateException("disk full");
        }
        entries.addAll(newEntries);
        events.addAll(newEvents);
    }

    @Override
    public synchronized void replay(Consumer<JournalEntry> sink) {
        List.copyOf(entries).forEach(sink);
    }
}
