package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.JournalEntry;

/** What the center does when the database or the engine fails: refuse honestly, recover by itself, lose nothing. */
class FaultsTest {

    private final MemoryJournal journal = new MemoryJournal();
    private final long nowMs = 1_700_000_000_000L;

    private ContactCenter start(Consumer<Event> probe) {
        return new ContactCenter(journal, () -> nowMs, 1024, null, probe, 2_000).start();
    }

    @Test
    void anAnswerWaitsForTheJournalAndComesOnlyOnceTheEntryIsIn() throws Exception {
        BlockingJournal blocking = new BlockingJournal();
        try (ContactCenter center = new ContactCenter(blocking, () -> nowMs, 16, null, e -> {}, 2_000).start()) {
            blocking.block();
            CompletableFuture<Reply> reply = center.submit(defineQueue("info"));

            assertThat(blocking.awaitAppendStarted()).isTrue();
            Thread.sleep(100);
            assertThat(reply).as("answered before the journal confirmed").isNotDone();
            blocking.release();

            assertThat(reply.get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
            assertThat(blocking.entries).anySatisfy(e -> assertThat(e).isInstanceOf(JournalEntry.Input.class));
        }
    }

    @Test
    void aRefusalThatRestsOnACommandNotYetDurableWaitsForIt() throws Exception {
        BlockingJournal blocking = new BlockingJournal();
        try (ContactCenter center = new ContactCenter(blocking, () -> nowMs, 16, null, e -> {}, 2_000).start()) {
            center.submit(defineQueue("info")).join();
            UUID id = ContactIds.next(nowMs);
            blocking.block();
            CompletableFuture<Reply> first = center.submit(arrival(id));
            assertThat(blocking.awaitAppendStarted()).isTrue();
            CompletableFuture<Reply> again = center.submit(arrival(id));
            Thread.sleep(100);
            assertThat(again)
                    .as("'already exists' told before the contact was durable")
                    .isNotDone();

            blocking.release();

            assertThat(first.get(5, TimeUnit.SECONDS).isAccepted()).isTrue();
            assertThat(again.get(5, TimeUnit.SECONDS).outcome())
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().detail()).contains("already exists"));
        }
    }

    @Test
    void whileTheDatabaseIsDownCommandsAreRefusedAndTheOneInFlightCommitsOnceItAnswers() throws Exception {
        try (ContactCenter center = start(e -> {})) {
            center.submit(defineQueue("info")).join();
            journal.unavailable = true;
            CompletableFuture<Reply> inFlight = center.submit(arrival(ContactIds.next(nowMs)));
            awaitHealth(center, Health.Status.DEGRADED);

            Reply refused = center.submit(arrival(ContactIds.next(nowMs))).join();
            assertThat(refused.outcome()).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
                assertThat(r.rejection().code()).isEqualTo(Rejection.Code.UNAVAILABLE);
                assertThat(r.rejection().detail()).contains("database", "nothing was changed");
            });
            assertThat(center.health().reason()).isEqualTo("database");
            assertThat(inFlight).isNotDone();
            int entriesBefore = journal.entries.size();

            journal.unavailable = false;

            assertThat(inFlight.get(10, TimeUnit.SECONDS).isAccepted()).isTrue();
            awaitHealth(center, Health.Status.UP);
            assertThat(journal.entries).hasSize(entriesBefore + 1);
            assertThat(center.submit(arrival(ContactIds.next(nowMs))).join().isAccepted())
                    .isTrue();
            assertThat(center.figures().commitRetries()).isPositive();
        }
    }

    @Test
    void aCommitWhoseConfirmationWasLostIsNotWrittenTwice() {
        try (ContactCenter center = start(e -> {})) {
            center.submit(defineQueue("info")).join();
            UUID id = ContactIds.next(nowMs);
            journal.loseNextConfirmation = true;

            Reply reply = center.submit(arrival(id)).join();

            assertThat(reply.isAccepted()).isTrue();
            assertThat(journal.entries)
                    .filteredOn(e ->
                            e instanceof JournalEntry.Input input && input.command() instanceof Command.RegisterContact)
                    .hasSize(1);
            assertThat(center.view().contact(id)).isPresent();
        }
    }

    @Test
    void aDefectCostsOneCommandAndTheCenterGoesOn() {
        UUID poisoned = ContactIds.next(nowMs);
        Consumer<Event> probe = event -> {
            if (event instanceof Event.ContactQueued queued
                    && queued.contactId().equals(poisoned)) {
                throw new IllegalStateException("a bug half-way through a command");
            }
        };
        try (ContactCenter center = start(probe)) {
            center.submit(defineQueue("info")).join();
            UUID before = ContactIds.next(nowMs);
            center.submit(arrival(before)).join();

            Reply failed = center.submit(arrival(poisoned)).join();

            assertThat(failed.outcome())
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.DEFECT));
            UUID after = ContactIds.next(nowMs + 1);
            assertThat(center.submit(arrival(after)).join().isAccepted()).isTrue();
            assertThat(center.view().contact(poisoned))
                    .as("nothing of the failed command")
                    .isEmpty();
            assertThat(center.view().contactsOf("info", 10))
                    .extracting(v -> v.id())
                    .containsExactly(before, after);
            assertThat(center.view().contact(after).orElseThrow().position()).isEqualTo(2);
            assertThat(center.health().isUp()).isTrue();
            assertThat(center.figures().defects()).isEqualTo(1);
        }
    }

    @Test
    void aFullInboxRefusesAndEveryAcceptedCommandIsAnsweredOnceTheJournalMoves() throws Exception {
        BlockingJournal blocking = new BlockingJournal();
        try (ContactCenter center = new ContactCenter(blocking, () -> nowMs, 4, null, e -> {}, 2_000).start()) {
            center.submit(defineQueue("info")).join();
            blocking.block();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                replies.add(center.submit(arrival(ContactIds.next(nowMs))));
            }
            long refused = replies.stream()
                    .filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join)
                    .filter(r -> r.outcome() instanceof Outcome.Rejected rejected
                            && rejected.rejection().detail().contains("overloaded"))
                    .count();
            assertThat(refused).isPositive();

            blocking.release();

            for (CompletableFuture<Reply> reply : replies) {
                Outcome outcome = reply.get(10, TimeUnit.SECONDS).outcome();
                assertThat(outcome)
                        .satisfiesAnyOf(
                                o -> assertThat(o).isInstanceOf(Outcome.Accepted.class),
                                o -> assertThat(((Outcome.Rejected) o)
                                                .rejection()
                                                .code())
                                        .isEqualTo(Rejection.Code.UNAVAILABLE));
            }
            long accepted = replies.stream().filter(r -> r.join().isAccepted()).count();
            assertThat(center.view().liveContacts()).isEqualTo((int) accepted);
        }
    }

    @Test
    void closingWhileTheDatabaseIsDownSaysTheOutcomeIsUnknownNotRefused() {
        ContactCenter center = start(e -> {});
        center.submit(defineQueue("info")).join();
        journal.unavailable = true;
        CompletableFuture<Reply> inFlight = center.submit(arrival(ContactIds.next(nowMs)));
        awaitHealth(center, Health.Status.DEGRADED);

        center.close();

        assertThat(inFlight.join().outcome())
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.OUTCOME_UNKNOWN));
        assertThat(center.submit(arrival(ContactIds.next(nowMs))).join().outcome())
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.UNAVAILABLE));
    }

    private static void awaitHealth(ContactCenter center, Health.Status status) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (center.health().status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("health never became " + status + ": " + center.health());
            }
            sleep(10);
        }
    }

    private static Command defineQueue(String id) {
        return new Command.DefineQueue(QueueConfig.simple(id, id, List.of(id)));
    }

    private static Command.RegisterContact arrival(UUID id) {
        return new Command.RegisterContact(id, Channel.VOICE, "+79120000001", null, "info", 0, Map.of(), null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A journal whose appends can be held until released. */
    private static final class BlockingJournal extends DelegatingJournal {
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private final CountDownLatch appendStarted = new CountDownLatch(1);

        void block() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        boolean awaitAppendStarted() throws InterruptedException {
            return appendStarted.await(5, TimeUnit.SECONDS);
        }

        @Override
        public void append(List<JournalEntry> newEntries, List<Event> newEvents) {
            try {
                if (gate.getCount() > 0) {
                    appendStarted.countDown();
                }
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            super.append(newEntries, newEvents);
        }
    }

    /** A memory journal to extend. */
    private static class DelegatingJournal implements org.switchboard.core.port.Journal {
        final List<JournalEntry> entries = new ArrayList<>();

        @Override
        public synchronized void append(List<JournalEntry> newEntries, List<Event> newEvents) {
            entries.addAll(newEntries);
        }

        @Override
        public synchronized long position() {
            return entries.size();
        }

        @Override
        public synchronized long recoverPosition() {
            return entries.size();
        }

        @Override
        public synchronized void replayAfter(long position, Consumer<JournalEntry> sink) {
            List.copyOf(entries.subList((int) position, entries.size())).forEach(sink);
        }
    }
}
