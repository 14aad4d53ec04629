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

    private static final String CONTACTS = "SELECT DISTINCT contact_id FROM contact_timeline WHERE subscriber_id = ?";
    private static final String TIMELINE = "DELETE FROM contact_timeline WHERE contact_id = ?";

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
            return Sql.inTransaction(dataSource, tx -> {
                List<UUID> contacts = contactsOf(tx, msisdn);
                try (PreparedStatement timeline = Sql.prepare(tx, TIMELINE, timeoutSeconds)) {
                    for (UUID contact : contacts) {
                        timeline.setObject(1, contact);
                        timeline.addBatch();
                    }
                    timeline.executeBatch();
                }
                long usage = delete(tx, "DELETE FROM usage_record WHERE msisdn = ?", msisdn);
                long sessions = delete(tx, "DELETE FROM self_service_session WHERE msisdn = ?", msisdn);
                delete(tx, "DELETE FROM code_word_failure WHERE msisdn = ?", msisdn);
                delete(tx, "DELETE FROM code_word_line WHERE msisdn = ?", msisdn);
                delete(tx, "DELETE FROM portal_session WHERE msisdn = ?", msisdn);
                delete(tx, "DELETE FROM portal_line WHERE msisdn = ?", msisdn);
                boolean subscriber = delete(tx, "DELETE FROM subscriber WHERE msisdn = ?", msisdn) > 0;
                return new Erased(subscriber, usage, contacts, sessions);
            });
        } catch (SQLException e) {
            throw StorageException.of("erasing a subscriber's data", e);
        }
    }

    private List<UUID> contactsOf(Connection tx, String msisdn) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, CONTACTS, timeoutSeconds)) {
            select.setString(1, msisdn);
            List<UUID> contacts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contacts.add(rows.getObject(1, UUID.class));
                }
            }
            return contacts;
        }
    }

    private long delete(Connection tx, String sql, String msisdn) throws SQLException {
        try (PreparedStatement delete = Sql.prepare(tx, sql, timeoutSeconds)) {
            delete.setString(1, msisdn);
            return delete.executeLargeUpdate();
        }
    }
}
