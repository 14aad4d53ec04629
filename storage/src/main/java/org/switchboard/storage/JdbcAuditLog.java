package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.AuditRecord;

/**
 * The audit log in table {@code audit_record}, indexed by subject. Records with the same time keep the order they
 * were recorded in. Thread-safe; every failure of the database throws {@link StorageException}.
 */
public final class JdbcAuditLog implements AuditLog {

    private static final String INSERT =
            "INSERT INTO audit_record (at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT at_ms, actor, action, subject, detail FROM audit_record"
            + " WHERE subject = ? ORDER BY at_ms DESC, id DESC FETCH FIRST ? ROWS ONLY";

    private final DataSource dataSource;

    JdbcAuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends {@code record}, committed when this returns. Actor, action and subject are required. */
    @Override
    public void record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setLong(1, record.atMs());
            insert.setString(2, Objects.requireNonNull(record.actor(), "actor"));
            insert.setString(3, Objects.requireNonNull(record.action(), "action"));
            insert.setString(4, Objects.requireNonNull(record.subject(), "subject"));
            insert.setString(5, record.detail());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("recording " + record.action() + " on " + record.subject(), e);
        }
    }

    /**
     * The newest {@code limit} records about {@code subject}, newest first (by time, then by recording order).
     * Throws {@link IllegalArgumentException} for a negative limit.
     */
    @Override
    public List<AuditRecord> about(String subject, int limit) {
        Objects.requireNonNull(subject, "subject");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, subject);
            select.setInt(2, limit);
            return read(select);
        } catch (SQLException e) {
            throw StorageException.of("reading the audit of " + subject, e);
        }
    }

    private static List<AuditRecord> read(PreparedStatement select) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(new AuditRecord(rows.getLong(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5)));
            }
        }
        return records;
    }
}
