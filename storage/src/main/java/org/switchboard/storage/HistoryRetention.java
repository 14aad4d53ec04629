package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Forgets contact histories and audit records past their retention (docs/operations.md): rows of
 * {@code contact_timeline} and {@code audit_record} older than a cut-off are deleted, a bounded number at a time so
 * that the database is never locked for long. Thread-safe; failures throw {@link StorageException}.
 */
public final class HistoryRetention {

    private static final int CHUNK = 10_000;

    private final DataSource dataSource;

    HistoryRetention(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Deletes timeline rows of events before {@code beforeMs}; returns how many. */
    public long forgetTimelinesBefore(long beforeMs) {
        return deleteInChunks("contact_timeline", "seq", beforeMs);
    }

    /** Deletes audit records of actions before {@code beforeMs}; returns how many. */
    public long forgetAuditBefore(long beforeMs) {
        return deleteInChunks("audit_record", "id", beforeMs);
    }

    /**
     * Walks the table from its oldest key in ranges of {@value #CHUNK} keys (the primary key's order is the order
     * rows were written, so old rows come first), deleting the rows of each range written before {@code beforeMs},
     * and stops at the first range that holds rows but none old enough.
     */
    private long deleteInChunks(String table, String key, long beforeMs) {
        String delete = "DELETE FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ? AND at_ms < ?";
        String any = "SELECT COUNT(*) FROM " + table + " WHERE " + key + " >= ? AND " + key + " < ?";
        long deleted = 0;
        // No time limit, which must be said: a request's limit would stay on a pooled H2 connection (Sql.prepare)
        try (Connection connection = dataSource.getConnection();
                PreparedStatement deleting = Sql.prepare(connection, delete, 0);
                PreparedStatement counting = Sql.prepare(connection, any, 0);
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(0);
            long from;
            try (ResultSet min = statement.executeQuery("SELECT MIN(" + key + ") FROM " + table)) {
                min.next();
                from = min.getLong(1);
                if (min.wasNull()) {
                    return 0;
                }
            }
            while (true) {
                deleting.setLong(1, from);
                deleting.setLong(2, from + CHUNK);
                deleting.setLong(3, beforeMs);
                int rows = deleting.executeUpdate();
                deleted += rows;
                if (rows == 0 && holdsRows(counting, from, from + CHUNK)) {
                    return deleted;
                }
                if (rows == 0 && !holdsRowsFrom(statement, table, key, from + CHUNK)) {
                    return deleted;
                }
                from += CHUNK;
            }
        } catch (SQLException e) {
            throw StorageException.of("deleting old rows of " + table, e);
        }
    }

    private static boolean holdsRows(PreparedStatement counting, long from, long to) throws SQLException {
        counting.setLong(1, from);
        counting.setLong(2, to);
        try (ResultSet count = counting.executeQuery()) {
            count.next();
            return count.getLong(1) > 0;
        }
    }

    private static boolean holdsRowsFrom(Statement statement, String table, String key, long from) throws SQLException {
        try (ResultSet max = statement.executeQuery("SELECT MAX(" + key + ") FROM " + table)) {
            max.next();
            return max.getLong(1) >= from;
        }
    }
}
