package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.message.Command;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.port.SnapshotStore;

/** Snapshots kept beside the journal, and the journal retired behind them: archived, never lost. */
@ParameterizedClass
@EnumSource(Backend.class)
class SnapshotStorageTest extends BackendTest {

    @Test
    void keepsSnapshotsNewestFirstAndDropsTheOldestBeyondTheKept() {
        SnapshotStore store = database.snapshots();
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        store.save(10, 1_000, new byte[] {1, 2, 3});
        store.save(30, 3_000, big);
        store.save(20, 2_000, new byte[] {4});

        assertThat(store.list()).extracting(SnapshotStore.Stored::position).containsExactly(30L, 20L, 10L);
        assertThat(store.load(30)).hasValueSatisfying(data -> assertThat(data).isEqualTo(big));
        assertThat(store.load(99)).isEmpty();
        store.keepNewest(2);
        assertThat(store.list()).extracting(SnapshotStore.Stored::position).containsExactly(30L, 20L);
        store.save(20, 2_500, new byte[] {5});
        assertThat(store.load(20)).hasValueSatisfying(data -> assertThat(data).containsExactly(5));
    }

    @Test
    void configurationsInSnapshotsReadBackAsTheJournalWritesThem() {
        var codec = database.snapshotCodec();

        assertThat(codec.decodeQueue(codec.encode(Samples.techQueue()))).isEqualTo(Samples.techQueue());
        var agent = Samples.commands().stream()
                .filter(c -> c instanceof Command.DefineAgent)
                .map(c -> ((Command.DefineAgent) c).agent())
                .findFirst()
                .orElseThrow();
        for (Command command : Samples.commands()) {
            if (command instanceof Command.DefineQueue define) {
                assertThat(codec.decodeQueue(codec.encode(define.queue()))).isEqualTo(define.queue());
            }
        }
        assertThat(codec.decodeAgent(codec.encode(agent))).isEqualTo(agent);
    }

    @Test
    void retiringArchivesTheEntriesBeforeDeletingThemAndReplayCannotStartBeforeThem() throws Exception {
        JdbcJournal journal = database.journal();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(new JournalEntry.Tick(1_000 + i));
        }
        journal.append(entries, List.of());
        Path archive = directory.resolve("archive-" + backend);
        journal.retention(new JournalRetention.Archive(archive));

        journal.retireThrough(20);

        List<JsonNode> archived = archivedRows(archive);
        assertThat(archived)
                .extracting(row -> row.get("seq").asLong())
                .containsExactly(
                        1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(archived.getFirst().get("kind").asText()).isEqualTo("TICK");
        List<JournalEntry> tail = new ArrayList<>();
        journal.replayAfter(20, tail::add);
        assertThat(tail).hasSize(5);
        assertThatThrownBy(() -> journal.replayAfter(0, e -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retired");
        JdbcJournal reopened = fixture.reopen().journal();
        assertThat(reopened.position()).isEqualTo(25);
        assertThatThrownBy(() -> reopened.replayAfter(19, e -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void retiringMoreThanAnArchiveFileHoldsArchivesAndDeletesEveryRetiredEntryAndNoOther() throws Exception {
        JdbcJournal journal = database.journal();
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < JournalRetention.Chunks.SIZE + 1_234; i++) {
            entries.add(new JournalEntry.Tick(1_000 + i));
        }
        journal.append(entries, List.of());
        Path archive = directory.resolve("archive-" + backend);
        journal.retention(new JournalRetention.Archive(archive));
        long through = JournalRetention.Chunks.SIZE + JournalRetention.Chunks.DELETE_STEP + 7;

        journal.retireThrough(through);

        assertThat(archivedRows(archive))
                .extracting(row -> row.get("seq").asLong())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, through).boxed().toList());
        List<JournalEntry> tail = new ArrayList<>();
        journal.replayAfter(through, tail::add);
        assertThat(tail)
                .hasSize(entries.size() - (int) through)
                .first()
                .isEqualTo(new JournalEntry.Tick(1_000 + through));
    }

    @Test
    void theJournalKnowsItsPositionWhenEveryEntryWasRetiredBehindASnapshot() {
        JdbcJournal journal = database.journal();
        journal.append(List.of(new JournalEntry.Tick(1), new JournalEntry.Tick(2)), List.of());
        database.snapshots().save(2, 5, new byte[] {1});
        journal.retention(new JournalRetention.Prune());
        journal.retireThrough(2);

        JdbcJournal reopened = fixture.reopen().journal();

        assertThat(reopened.position()).isEqualTo(2);
        reopened.append(List.of(new JournalEntry.Tick(3)), List.of());
        List<JournalEntry> tail = new ArrayList<>();
        reopened.replayAfter(2, tail::add);
        assertThat(tail).containsExactly(new JournalEntry.Tick(3));
    }

    private static List<JsonNode> archivedRows(Path archive) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try (var files = Files.list(archive)) {
            for (Path file : files.sorted().toList()) {
                assertThat(file.getFileName().toString()).endsWith(".jsonl.gz");
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        rows.add(json.readTree(line));
                    }
                }
            }
        }
        return rows;
    }
}
