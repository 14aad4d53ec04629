package org.switchboard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.StoreUnavailableException;

/** Test fixture: a journal kept in memory that also answers contact timelines, as the storage module's will. */
final class MemoryJournal implements Journal, ContactHistory {

    private final List<JournalEntry> entries = new ArrayList<>();
    /** While true, the journal behaves as a database that refuses connections. */
    volatile boolean unavailable;
    /** While not null and not yet opened, commits wait: a database that is slow to confirm them. */
    private volatile CountDownLatch held;

    private final MemoryPorts.Tokens tokens;

    MemoryJournal(MemoryPorts.Tokens tokens) {
        this.tokens = tokens;
    }

    private final Map<UUID, List<Event.ContactEvent>> timelines = new HashMap<>();

    /** Commits wait from now on, until {@link #releaseCommits}; reads go on. */
    void holdCommits() {
        held = new CountDownLatch(1);
    }

    void releaseCommits() {
        CountDownLatch latch = held;
        held = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public void append(List<JournalEntry> newEntries, List<Event> events) {
        CountDownLatch latch = held;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted", e);
            }
        }
        appendNow(newEntries, events);
    }

    private synchronized void appendNow(List<JournalEntry> newEntries, List<Event> events) {
        refuseWhileUnavailable();
        entries.addAll(newEntries);
        newEntries.forEach(this::projectCredential);
        for (Event event : events) {
            if (event instanceof Event.ContactEvent contactEvent) {
                timelines
                        .computeIfAbsent(contactEvent.contactId(), id -> new ArrayList<>())
                        .add(contactEvent);
            }
        }
    }

    /** As the storage module's credential projection: a definition with a token grants it. */
    private void projectCredential(JournalEntry entry) {
        if (entry instanceof JournalEntry.Input input) {
            switch (input.command()) {
                case Command.DefineAgent c
                when c.credential() != null ->
                    tokens.grant(
                            new Principal(c.agent().id(), Role.AGENT, c.agent().id()), c.credential());
                case Command.DefineUser c
                when c.credential() != null -> tokens.grant(new Principal(c.name(), c.role(), null), c.credential());
                default -> {}
            }
        }
    }

    @Override
    public synchronized long position() {
        return entries.size();
    }

    @Override
    public synchronized long recoverPosition() {
        refuseWhileUnavailable();
        return entries.size();
    }

    private void refuseWhileUnavailable() {
        if (unavailable) {
            throw new StoreUnavailableException("connection refused", null);
        }
    }

    @Override
    public synchronized void replayAfter(long position, Consumer<JournalEntry> sink) {
        List.copyOf(entries.subList((int) position, entries.size())).forEach(sink);
    }

    @Override
    public synchronized List<Event.ContactEvent> timeline(UUID contactId) {
        refuseWhileUnavailable();
        return List.copyOf(timelines.getOrDefault(contactId, List.of()));
    }

    @Override
    public synchronized List<UUID> contactsOf(String msisdn, int limit) {
        refuseWhileUnavailable();
        String bare = msisdn.startsWith("+") ? msisdn.substring(1) : msisdn;
        List<UUID> newestFirst = new ArrayList<>();
        for (List<Event.ContactEvent> timeline : timelines.values()) {
            if (timeline.getFirst() instanceof Event.ContactCreated created) {
                String named = created.subscriberId() != null ? created.subscriberId() : created.from();
                if (named.equals(bare) || named.equals("+" + bare)) {
                    newestFirst.add(created.contactId());
                }
            }
        }
        newestFirst.sort(java.util.Comparator.comparingLong(
                        (UUID id) -> timelines.get(id).getFirst().atMs())
                .reversed());
        return newestFirst.stream().limit(limit).toList();
    }

    synchronized int size() {
        return entries.size();
    }
}
