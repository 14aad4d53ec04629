package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.switchboard.core.port.PersonalData;

/** Erasure across the center's tables in one transaction. Thread-safe; failures throw {@link StorageException}. */
final class JdbcPersonalData implements PersonalData {

    private static final String CONTACTS =
            "SELECT DISTINCT contact_id FROM contact_timeline WHERE subscriber_id = ? OR subscriber_id = ?";
    private static final String TIMELINE = "DELETE FROM contact_timeline WHERE contact_id = ?";
    private static final String ATTACHMENTS = "DELETE FROM attachment WHERE contact_id = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcPersonalData(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Erased erase(String msisdn) {
        Objects.requireNonNull(msisdn, "msisdn");
        try {
            String bare = msisdn.startsWith("+") ? msisdn.substring(1) : msisdn;
            String plus = "+" + bare; // a number is the same written with or without its '+': both go
            return Sql.inTransaction(dataSource, tx -> {
                List<UUID> contacts = contactsOf(tx, plus, bare);
                deleteByContact(tx, TIMELINE, contacts);
                deleteByContact(tx, ATTACHMENTS, contacts);
                long usage = delete(tx, "usage_record", plus, bare);
                long sessions = delete(tx, "self_service_session", plus, bare);
                delete(tx, "code_word_failure", plus, bare);
                delete(tx, "code_word_line", plus, bare);
                delete(tx, "portal_session", plus, bare);
                delete(tx, "portal_line", plus, bare);
                boolean subscriber = delete(tx, "subscriber", plus, bare) > 0;
                return new Erased(subscriber, usage, contacts, sessions);
            });
        } catch (SQLException e) {
            throw StorageException.of("erasing a subscriber's data", e);
        }
    }

    private void deleteByContact(Connection tx, String sql, List<UUID> contacts) throws SQLException {
        try (PreparedStatement delete = Sql.prepare(tx, sql, timeoutSeconds)) {
            for (UUID contact : contacts) {
                delete.setObject(1, contact);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private List<UUID> contactsOf(Connection tx, String plus, String bare) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, CONTACTS, timeoutSeconds)) {
            select.setString(1, plus);
            select.setString(2, bare);
            List<UUID> contacts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contacts.add(rows.getObject(1, UUID.class));
                }
            }
            return contacts;
        }
    }

    /** Deletes the rows of {@code table} (a fixed name, never input) whose msisdn is either spelling. */
    private long delete(Connection tx, String table, String plus, String bare) throws SQLException {
        try (PreparedStatement delete =
                Sql.prepare(tx, "DELETE FROM " + table + " WHERE msisdn = ? OR msisdn = ?", timeoutSeconds)) {
            delete.setString(1, plus);
            delete.setString(2, bare);
            return delete.executeLargeUpdate();
        }
    }
}
