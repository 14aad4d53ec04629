package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.switchboard.core.port.AuditRecord;

/**
 * The voice menu edited in the console, in table {@code voice_menu} (one row, absent until the first change): a change
 * is stored with its audit record in one transaction, and only over the version it was made from. What a menu means
 * is the voice channel's business; this class keeps its text. Thread-safe.
 */
public final class VoiceMenuStore {

    /** The stored menu. */
    public record Stored(String text, long version, long changedAtMs, String changedBy) {}

    private static final String SELECT = "SELECT text, version, changed_at_ms, changed_by FROM voice_menu WHERE id = 1";
    private static final String INSERT =
            "INSERT INTO voice_menu (id, text, version, changed_at_ms, changed_by) VALUES (1, ?, 1, ?, ?)";
    private static final String UPDATE = "UPDATE voice_menu SET text = ?, version = version + 1, changed_at_ms = ?, "
            + "changed_by = ? WHERE id = 1 AND version = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    VoiceMenuStore(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The menu last stored; empty when it was never changed in the console. */
    public Optional<Stored> load() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT, timeoutSeconds);
                ResultSet row = select.executeQuery()) {
            return row.next()
                    ? Optional.of(new Stored(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4)))
                    : Optional.empty();
        } catch (SQLException e) {
            throw StorageException.of("reading the voice menu", e);
        }
    }

    /**
     * Stores {@code text} as version {@code expectedVersion + 1} if the stored menu is at {@code expectedVersion} (0:
     * none stored yet), audited as {@code actor} with {@code detail}; false, with nothing changed, when it is not.
     */
    public boolean save(String text, long expectedVersion, String actor, long atMs, String detail) {
        try {
            return Sql.inTransaction(dataSource, tx -> {
                boolean saved = expectedVersion == 0
                        ? insert(tx, text, actor, atMs)
                        : update(tx, text, expectedVersion, actor, atMs);
                if (saved) {
                    JdbcAuditLog.insert(
                            tx,
                            new AuditRecord(atMs, actor, "voice-menu.replace", "voice-menu", detail),
                            timeoutSeconds);
                }
                return saved;
            });
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false; // another administrator stored the first version meanwhile
            }
            throw StorageException.of("saving the voice menu", e);
        }
    }

    private boolean insert(Connection tx, String text, String actor, long atMs) throws SQLException {
        try (PreparedStatement insert = Sql.prepare(tx, INSERT, timeoutSeconds)) {
            insert.setString(1, text);
            insert.setLong(2, atMs);
            insert.setString(3, actor);
            return insert.executeUpdate() == 1;
        }
    }

    private boolean update(Connection tx, String text, long expectedVersion, String actor, long atMs)
            throws SQLException {
        try (PreparedStatement update = Sql.prepare(tx, UPDATE, timeoutSeconds)) {
            update.setString(1, text);
            update.setLong(2, atMs);
            update.setString(3, actor);
            update.setLong(4, expectedVersion);
            return update.executeUpdate() == 1;
        }
    }
}
