package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.switchboard.core.port.Attachments;

/** Attachments in table {@code attachment}, their content in the row (a {@code BLOB} on H2, {@code BYTEA} on PostgreSQL). */
final class JdbcAttachments implements Attachments {

    private static final String COLUMNS = "id, contact_id, message_id, name, content_type, bytes, at_ms";
    private static final String INSERT =
            "INSERT INTO attachment (" + COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String OF_CONTACT =
            "SELECT " + COLUMNS + " FROM attachment WHERE contact_id = ? ORDER BY at_ms, id";
    private static final String OPEN =
            "SELECT " + COLUMNS + ", content FROM attachment WHERE contact_id = ? AND id = ?";
    private static final String DELETE_OF = "DELETE FROM attachment WHERE contact_id = ? AND message_id = ?";
    private static final String DELETE_BEFORE = "DELETE FROM attachment WHERE at_ms < ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcAttachments(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Stored save(UUID contactId, UUID messageId, String name, String contentType, byte[] content, long atMs) {
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("an attachment holds at most " + MAX_BYTES + " bytes");
        }
        Stored stored =
                new Stored(UUID.randomUUID(), contactId, messageId, cut(name), cut(contentType), content.length, atMs);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = Sql.prepare(connection, INSERT, timeoutSeconds)) {
            insert.setObject(1, stored.id());
            insert.setObject(2, contactId);
            insert.setObject(3, messageId);
            insert.setString(4, stored.name());
            insert.setString(5, stored.contentType());
            insert.setLong(6, stored.bytes());
            insert.setLong(7, atMs);
            insert.setBytes(8, content);
            insert.executeUpdate();
            return stored;
        } catch (SQLException e) {
            throw StorageException.of("keeping an attachment of contact " + contactId, e);
        }
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    @Override
    public List<Stored> of(UUID contactId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, OF_CONTACT, timeoutSeconds)) {
            select.setObject(1, contactId);
            List<Stored> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(stored(row));
                }
            }
            return found;
        } catch (SQLException e) {
            throw StorageException.of("listing the attachments of contact " + contactId, e);
        }
    }

    @Override
    public Optional<File> open(UUID contactId, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, OPEN, timeoutSeconds)) {
            select.setObject(1, contactId);
            select.setObject(2, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new File(stored(row), row.getBytes(8))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("reading attachment " + id, e);
        }
    }

    @Override
    public void deleteOf(UUID contactId, UUID messageId) {
        update(DELETE_OF, contactId, messageId);
    }

    @Override
    public int deleteBefore(long cutMs) {
        return update(DELETE_BEFORE, cutMs);
    }

    private int update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Sql.prepare(connection, sql, timeoutSeconds)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("deleting attachments", e);
        }
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(
                row.getObject(1, UUID.class),
                row.getObject(2, UUID.class),
                row.getObject(3, UUID.class),
                row.getString(4),
                row.getString(5),
                row.getLong(6),
                row.getLong(7));
    }
}
