package org.switchboard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;

/** Test fixture: a journal kept in memory that also answers contact timelines, as the storage module's will. */
final class MemoryJournal implements Journal, ContactHistory {

    private final List<JournalEntry> entries = new ArrayList<>();
    private final Map<UUID, List<Event.ContactEvent>> timelines = new HashMap<>();

    @Override
    public synchronized void append(List<JournalEntry> newEntries, List<Event> events) {
        entries.addAll(newEntries);
        for (Event event : events) {
            if (event instanceof Event.ContactEvent contactEvent) {
                timelines.computeIfAbsent(contactEvent.contactId(), id -> new ArrayList<>()).add(contactEvent);
            }
        }
    }

    @Override
    public synchronized void replay(Consumer<JournalEntry> sink) {
        List.copyOf(entries).forEach(sink);
    }

    @Override
    public synchronized List<Event.ContactEvent> timeline(UUID contactId) {
        return List.copyOf(timelines.getOrDefault(contactId, List.of()));
    }

    synchronized int size() {
        return entries.size();
    }
}
