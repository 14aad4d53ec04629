package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.stats.IntervalStats;

/**
 * Closed statistics in tables {@code interval_statistics} and {@code daily_statistics} (schema V6). Saving replaces
 * the rows of the same subject and period in one transaction (delete, then insert: the same SQL on H2 and
 * PostgreSQL). Thread-safe; failures throw {@link StorageException}.
 */
final class JdbcStatisticsArchive implements StatisticsArchive {

    private static final String FIGURES = "offered, answered, answered_within_threshold, delayed, abandoned, "
            + "short_abandoned, transferred, callbacks_requested, callbacks_completed, handled, total_answer_wait_ms, "
            + "total_handle_ms, total_wrap_up_ms, longest_wait_ms";

    private final DataSource dataSource;

    JdbcStatisticsArchive(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void saveIntervals(Subject kind, List<IntervalStats> intervals) {
        save("interval_statistics", kind, intervals);
    }

    @Override
    public void saveDays(Subject kind, List<IntervalStats> days) {
        save("daily_statistics", kind, days);
    }

    @Override
    public List<IntervalStats> intervals(Subject kind, String subjectId, long fromMs, long toMs) {
        return read("interval_statistics", kind, subjectId, fromMs, toMs);
    }

    @Override
    public List<IntervalStats> days(Subject kind, String subjectId, long fromMs, long toMs) {
        return read("daily_statistics", kind, subjectId, fromMs, toMs);
    }

    @Override
    public long forgetBefore(long beforeMs) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement intervals =
                        connection.prepareStatement("DELETE FROM interval_statistics WHERE start_ms < ?");
                PreparedStatement days =
                        connection.prepareStatement("DELETE FROM daily_statistics WHERE start_ms < ?")) {
            intervals.setLong(1, beforeMs);
            days.setLong(1, beforeMs);
            return intervals.executeUpdate() + (long) days.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("forgetting old statistics", e);
        }
    }

    private void save(String table, Subject kind, List<IntervalStats> periods) {
        if (periods.isEmpty()) {
            return;
        }
        String delete = "DELETE FROM " + table + " WHERE subject_kind = ? AND subject_id = ? AND start_ms = ?";
        String insert = "INSERT INTO " + table + " (subject_kind, subject_id, start_ms, end_ms, " + FIGURES
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try {
            Sql.inTransaction(dataSource, connection -> {
                try (PreparedStatement deleting = connection.prepareStatement(delete);
                        PreparedStatement inserting = connection.prepareStatement(insert)) {
                    for (IntervalStats period : periods) {
                        deleting.setString(1, kind.name());
                        deleting.setString(2, period.subjectId());
                        deleting.setLong(3, period.startMs());
                        deleting.addBatch();
                        bind(inserting, kind, period);
                        inserting.addBatch();
                    }
                    deleting.executeBatch();
                    inserting.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("saving " + periods.size() + " periods of statistics", e);
        }
    }

    private static void bind(PreparedStatement insert, Subject kind, IntervalStats s) throws SQLException {
        insert.setString(1, kind.name());
        insert.setString(2, s.subjectId());
        insert.setLong(3, s.startMs());
        insert.setLong(4, s.endMs());
        long[] figures = {
            s.offered(),
            s.answered(),
            s.answeredWithinThreshold(),
            s.delayed(),
            s.abandoned(),
            s.shortAbandoned(),
            s.transferred(),
            s.callbacksRequested(),
            s.callbacksCompleted(),
            s.handled(),
            s.totalAnswerWaitMs(),
            s.totalHandleMs(),
            s.totalWrapUpMs(),
            s.longestWaitMs()
        };
        for (int i = 0; i < figures.length; i++) {
            insert.setLong(5 + i, figures[i]);
        }
    }

    private List<IntervalStats> read(String table, Subject kind, String subjectId, long fromMs, long toMs) {
        String select = "SELECT subject_id, start_ms, end_ms, " + FIGURES + " FROM " + table
                + " WHERE subject_kind = ? AND subject_id = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(select)) {
            query.setString(1, kind.name());
            query.setString(2, subjectId);
            query.setLong(3, fromMs);
            query.setLong(4, toMs);
            List<IntervalStats> periods = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    periods.add(new IntervalStats(
                            rows.getString(1),
                            rows.getLong(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            rows.getLong(5),
                            rows.getLong(6),
                            rows.getLong(7),
                            rows.getLong(8),
                            rows.getLong(9),
                            rows.getLong(10),
                            rows.getLong(11),
                            rows.getLong(12),
                            rows.getLong(13),
                            rows.getLong(14),
                            rows.getLong(15),
                            rows.getLong(16),
                            rows.getLong(17)));
                }
            }
            return periods;
        } catch (SQLException e) {
            throw StorageException.of("reading statistics of " + subjectId, e);
        }
    }
}
