package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.port.JournalEntry;

/**
 * The embedded database file stays near the size of what it holds under a steady load: journal entries appended in
 * group commits and retired behind snapshots, contact timelines accumulating. H2's retention time is 0 here, so that
 * a chunk emptied by compaction is reused at once instead of 45 s later.
 */
class EmbeddedCompactionTest {

    private static final int COMMITS = 400;
    private static final int ENTRIES_PER_COMMIT = 10;
    private static final int RETIRE_EVERY = 5_000;
    /** At least this share of the file, in percent, holds live data. */
    private static final int MOSTLY_LIVE = 35;

    @TempDir
    Path directory;

    @Test
    void staysMostlyLiveWhileTheJournalIsAppendedAndRetired() throws SQLException {
        try (Database database = Database.open(config())) {
            EmbeddedCompaction compaction = EmbeddedCompaction.of(database.dataSource());
            steadyLoad(database, compaction);

            assertThat(liveShare(database)).isGreaterThanOrEqualTo(MOSTLY_LIVE);
        }
    }

    @Test
    void withoutCompactionTheSameLoadLeavesTheFileMostlyDead() throws SQLException {
        try (Database database = Database.openUncompacted(config())) {
            steadyLoad(database, null);

            assertThat(liveShare(database)).isLessThan(MOSTLY_LIVE);
        }
    }

    private DatabaseConfig config() {
        return DatabaseConfig.of("jdbc:h2:file:" + directory.resolve("switchboard") + ";RETENTION_TIME=0", "sa", "");
    }

    /** Contacts registered in group commits, each with its timeline row; the journal retired as snapshots would. */
    private static void steadyLoad(Database database, EmbeddedCompaction compaction) {
        JdbcJournal journal = database.journal();
        journal.retention(new JournalRetention.Prune());
        for (int commit = 1; commit <= COMMITS; commit++) {
            List<JournalEntry> entries = new ArrayList<>();
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < ENTRIES_PER_COMMIT; i++) {
                long atMs = Samples.T0 + journal.position() + i;
                UUID id = ContactIds.next(atMs);
                entries.add(new JournalEntry.Input(
                        atMs,
                        new Command.RegisterContact(
                                id, Channel.VOICE, Samples.MSISDN, null, "info", 0, Map.of(), null)));
                events.add(new Event.ContactCreated(
                        id, null, Channel.VOICE, Samples.MSISDN, null, "info", 0, Map.of(), atMs));
            }
            journal.append(entries, events);
            if (journal.position() % RETIRE_EVERY == 0) {
                journal.retireThrough(journal.position() - RETIRE_EVERY);
            }
            if (compaction != null && commit % 50 == 0) {
                compaction.compactNow();
            }
        }
    }

    /** The share of the file that holds live data, in percent, as H2 accounts for it. */
    private static int liveShare(Database database) throws SQLException {
        Map<String, Integer> info = new java.util.HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT SETTING_NAME, SETTING_VALUE FROM "
                                + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rows.next()) {
                info.put(rows.getString(1), Integer.parseInt(rows.getString(2)));
            }
        }
        return info.get("info.FILL_RATE") * info.get("info.CHUNKS_FILL_RATE") / 100;
    }
}
