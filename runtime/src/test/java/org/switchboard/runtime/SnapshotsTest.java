package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.ContactView;

/** A start from a snapshot replays only the journal's tail and ends where a full replay ends. */
class SnapshotsTest {

    private final MemoryJournal journal = new MemoryJournal();
    private final MemorySnapshots snapshots = new MemorySnapshots();
    private final long nowMs = 1_700_000_000_000L;

    private ContactCenter center(SnapshotSettings settings) {
        ContactCenter center = new ContactCenter(journal, () -> nowMs, 1024, settings);
        center.addProjection(EventCount.KIND);
        return center.start();
    }

    private SnapshotSettings every(long entries) {
        return new SnapshotSettings(snapshots, MemorySnapshots.CODEC, entries, 2);
    }

    @Test
    void aStartFromTheNewestSnapshotReplaysOnlyTheTailAndEndsInTheSameState() throws Exception {
        try (ContactCenter center = center(every(10))) {
            busyDay(center, 60);
            awaitSnapshot(center, 40);
        }
        List<ContactView> fromSnapshot;
        long countedFromSnapshot;
        try (ContactCenter restarted = center(every(10))) {
            assertThat(restarted.figures().replayedEntries()).isLessThan(30);
            fromSnapshot = restarted.view().contactsOf("info", 1000);
            countedFromSnapshot = restarted.projection(EventCount.KIND).count;
        }
        journal.retiredThrough = 0;
        snapshots.byPosition.clear();
        try (ContactCenter full = center(null)) {
            assertThat(full.view().contactsOf("info", 1000)).isEqualTo(fromSnapshot);
            assertThat(full.projection(EventCount.KIND).count).isEqualTo(countedFromSnapshot);
        }
    }

    @Test
    void aCenterStartedFromASnapshotAndATailTakesItsNextSnapshotsFromTheSameState() throws Exception {
        try (ContactCenter center = center(every(10))) {
            busyDay(center, 60);
            awaitSnapshot(center, 40);
        }
        snapshots.damageNewest(); // the stop's snapshot: the next start has a tail to replay
        try (ContactCenter restarted = center(every(10))) {
            assertThat(restarted.figures().replayedEntries()).isPositive();
            moreContacts(restarted, 60, 30);
            awaitSnapshot(restarted, journal.entries.size() - 10);
        }
        List<ContactView> fromSnapshots;
        long countedFromSnapshots;
        try (ContactCenter again = center(every(10))) {
            assertThat(again.figures().replayedEntries()).isZero(); // the follower did not diverge
            fromSnapshots = again.view().contactsOf("info", 1000);
            countedFromSnapshots = again.projection(EventCount.KIND).count;
        }
        journal.retiredThrough = 0;
        snapshots.byPosition.clear();
        try (ContactCenter full = center(null)) {
            assertThat(fromSnapshots).hasSize(90).isEqualTo(full.view().contactsOf("info", 1000));
            assertThat(countedFromSnapshots).isEqualTo(full.projection(EventCount.KIND).count);
        }
    }

    @Test
    void aFollowerToldToWaitForServingRestoresOnlyThenAndCatchesUpWithWhatWasCommittedMeanwhile() throws Exception {
        try (ContactCenter center = center(every(10))) {
            busyDay(center, 30);
            awaitSnapshot(center, 20);
        }
        snapshots.damageNewest(); // a tail to replay
        ContactCenter restarted = new ContactCenter(journal, () -> nowMs, 1024, every(10));
        restarted.addProjection(EventCount.KIND);
        try (ContactCenter center = restarted.snapshotsWaitForServing().start()) {
            moreContacts(center, 30, 25);
            Thread.sleep(300);
            assertThat(center.figures().snapshots())
                    .as("snapshots before serving")
                    .isZero();

            center.serving();
            awaitSnapshot(center, journal.entries.size() - 10);
        }
        List<ContactView> fromSnapshots;
        try (ContactCenter again = center(every(10))) {
            assertThat(again.figures().replayedEntries()).isZero();
            fromSnapshots = again.view().contactsOf("info", 1000);
        }
        journal.retiredThrough = 0;
        snapshots.byPosition.clear();
        try (ContactCenter full = center(null)) {
            assertThat(fromSnapshots).hasSize(55).isEqualTo(full.view().contactsOf("info", 1000));
        }
    }

    @Test
    void aCenterWhoseStartFailedStillCloses() {
        journal.retiredThrough = 5; // retired with no snapshot to start from: the journal cannot be replayed
        ContactCenter center = new ContactCenter(journal, () -> nowMs, 1024, every(10));

        assertThatThrownBy(center::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retired");
        assertThatCode(center::close).doesNotThrowAnyException();
        assertThat(center.health().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void aCleanStopTakesALastSnapshotSoARestartReplaysNothing() throws Exception {
        try (ContactCenter center = center(every(1_000))) {
            busyDay(center, 25);
            assertThat(center.figures().snapshots()).isZero();
        }
        assertThat(snapshots.list()).hasSize(1);
        assertThat(snapshots.list().getFirst().position()).isEqualTo(journal.entries.size());

        try (ContactCenter restarted = center(every(1_000))) {
            assertThat(restarted.figures().replayedEntries()).isZero();
            assertThat(restarted.view().contactsOf("info", 1000)).hasSize(25);
        }
    }

    @Test
    void aDamagedSnapshotIsSkippedForTheOneBefore() throws Exception {
        try (ContactCenter center = center(every(10))) {
            busyDay(center, 60);
            awaitSnapshot(center, 40);
        }
        long newest = snapshots.list().getFirst().position();
        snapshots.damageNewest();

        try (ContactCenter restarted = center(every(10))) {
            assertThat(restarted.figures().replayedEntries()).isGreaterThan(journal.entries.size() - newest);
            assertThat(restarted.view().contactsOf("info", 1000)).hasSize(60);
        }
    }

    @Test
    void theJournalBeforeTheOldestKeptSnapshotIsRetired() throws Exception {
        try (ContactCenter center = center(every(10))) {
            busyDay(center, 60);
            awaitSnapshot(center, 40);
        }
        assertThat(snapshots.list()).hasSize(2);
        assertThat(journal.retiredThrough).isEqualTo(snapshots.list().getLast().position());
    }

    private void busyDay(ContactCenter center, int contacts) {
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                .join();
        center.submit(new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))))
                .join();
        center.submit(new Command.ChangePresence("a1", Presence.READY, null)).join();
        moreContacts(center, 0, contacts);
    }

    private void moreContacts(ContactCenter center, int first, int contacts) {
        for (int i = first; i < first + contacts; i++) {
            UUID id = ContactIds.next(nowMs + i);
            center.submit(new Command.RegisterContact(
                            id,
                            Channel.VOICE,
                            "+7912" + i,
                            null,
                            "info",
                            i % 3,
                            Map.of("n", Integer.toString(i)),
                            null))
                    .join();
        }
    }

    private static void awaitSnapshot(ContactCenter center, long atLeastPosition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (center.figures().lastSnapshotPosition() < atLeastPosition) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no snapshot reached position " + atLeastPosition);
            }
            Thread.sleep(10);
        }
    }

    /** A projection that counts the events it saw: restored from snapshots, it must count the same. */
    static final class EventCount implements Projection {
        static final Kind<EventCount> KIND = new Kind<>() {
            @Override
            public String name() {
                return "test.event-count";
            }

            @Override
            public EventCount create() {
                return new EventCount();
            }

            @Override
            public EventCount read(DataInput in) throws IOException {
                EventCount restored = new EventCount();
                restored.count = in.readLong();
                return restored;
            }
        };

        volatile long count;

        @Override
        public void apply(List<Event> events, long firstSeq) {
            count += events.size();
        }

        @Override
        public void writeTo(DataOutput out) throws IOException {
            out.writeLong(count);
        }
    }
}
