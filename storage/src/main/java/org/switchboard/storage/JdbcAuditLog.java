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
import org.switchboard.core.port.AuditText;

/**
 * The audit log in table {@code audit_record}, indexed by subject. Records with the same time keep the order they
 * were recorded in.
 *
 * <p>A record is never refused for its values, so an action on an account is always audited: an actor, action,
 * subject or detail longer than its column ({@value #ACTOR_LENGTH}, {@value #ACTION_LENGTH}, {@value #SUBJECT_LENGTH}
 * and {@value #DETAIL_LENGTH} characters) is cut to fit by {@link AuditText#cut}, ending in its marker, and NUL
 * characters, which PostgreSQL cannot store, become U+FFFD. {@link #about} cuts the subject it looks for the same
 * way, so it finds what {@link #record} wrote.
 *
 * <p>Thread-safe; every failure of the database throws {@link StorageException}.
 */
public final class JdbcAuditLog implements AuditLog {

    private static final String INSERT =
            "INSERT INTO audit_record (at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT at_ms, actor, action, subject, detail FROM audit_record"
            + " WHERE subject = ? ORDER BY at_ms DESC, id DESC FETCH FIRST ? ROWS ONLY";

    static final int ACTOR_LENGTH = 200;
    static final int ACTION_LENGTH = 100;
    static final int SUBJECT_LENGTH = 200;
    static final int DETAIL_LENGTH = 4000;

    private final DataSource dataSource;
    private final int timeoutSeconds;

    /** Statements are cancelled after {@code timeoutSeconds}, lock waits included. */
    JdbcAuditLog(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Appends {@code record}, committed when this returns. Actor, action and subject are required. */
    @Override
    public void record(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, record, timeoutSeconds);
        } catch (SQLException e) {
            throw StorageException.of(
                    "recording " + fit(record.action(), ACTION_LENGTH) + " on " + fit(record.subject(), SUBJECT_LENGTH),
                    e);
        }
    }

    /** Appends {@code record} on {@code connection}, inside the caller's transaction when it has one. */
    static void insert(Connection connection, AuditRecord record, int timeoutSeconds) throws SQLException {
        try (PreparedStatement insert = Sql.prepare(connection, INSERT, timeoutSeconds)) {
            insert.setLong(1, record.atMs());
            insert.setString(2, fit(Objects.requireNonNull(record.actor(), "actor"), ACTOR_LENGTH));
            insert.setString(3, fit(Objects.requireNonNull(record.action(), "action"), ACTION_LENGTH));
            insert.setString(4, fit(Objects.requireNonNull(record.subject(), "subject"), SUBJECT_LENGTH));
            insert.setString(5, record.detail() == null ? null : fit(record.detail(), DETAIL_LENGTH));
            insert.executeUpdate();
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
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds)) {
            select.setString(1, fit(subject, SUBJECT_LENGTH));
            select.setInt(2, limit);
            return read(select);
        } catch (SQLException e) {
            throw StorageException.of("reading the audit of " + fit(subject, SUBJECT_LENGTH), e);
        }
    }

    private static List<AuditRecord> read(PreparedStatement select) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                records.add(new AuditRecord(
                        rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)));
            }
        }
        return records;
    }

    /** {@code value} as a column of {@code length} characters can store it: NULs replaced, then cut to fit. */
    static String fit(String value, int length) {
        return AuditText.cut(value.replace('\u0000', '\uFFFD'), length);
    }
}
