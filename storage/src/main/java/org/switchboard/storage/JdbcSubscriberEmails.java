package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.AccountActor;
import org.switchboard.core.port.AccountChangeRefused;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.SubscriberEmails;

/**
 * Registered e-mail addresses in column {@code subscriber.email} (unique). A registration locks the subscriber's row and
 * writes its audit record in the same transaction, as the account changes of {@link JdbcSubscriberRegistry} do.
 */
final class JdbcSubscriberEmails implements SubscriberEmails {

    private static final String BY_ADDRESS = "SELECT msisdn FROM subscriber WHERE email = ?";
    private static final String OF = "SELECT email FROM subscriber WHERE msisdn = ?";
    private static final String LOCK = "SELECT email FROM subscriber WHERE msisdn = ? FOR UPDATE";
    private static final String SET = "UPDATE subscriber SET email = ? WHERE msisdn = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcSubscriberEmails(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Optional<String> msisdnOf(String address) {
        Optional<String> normalized = SubscriberEmails.normalized(address);
        return normalized.isEmpty() ? Optional.empty() : one(BY_ADDRESS, normalized.get(), "subscriber by e-mail");
    }

    @Override
    public Optional<String> addressOf(String msisdn) {
        return one(OF, Objects.requireNonNull(msisdn, "msisdn"), "e-mail of " + msisdn);
    }

    private Optional<String> one(String sql, String key, String what) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, sql, timeoutSeconds)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of(what, e);
        }
    }

    @Override
    public void register(String msisdn, @Nullable String address, AccountActor actor) {
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(actor, "actor");
        String after = address == null
                ? null
                : SubscriberEmails.normalized(address)
                        .orElseThrow(() -> new IllegalArgumentException("not an e-mail address: " + address));
        try {
            Sql.inTransaction(dataSource, tx -> {
                String before = locked(tx, msisdn);
                if (Objects.equals(before, after)) {
                    throw new AccountChangeRefused(
                            AccountChangeRefused.Reason.UNCHANGED,
                            after == null ? msisdn + " has no e-mail address" : msisdn + " has " + after + " already");
                }
                if (after != null) {
                    one(tx, after).filter(holder -> !holder.equals(msisdn)).ifPresent(holder -> {
                        throw new AccountChangeRefused(
                                AccountChangeRefused.Reason.TAKEN, "another subscriber registered " + after);
                    });
                }
                try (PreparedStatement update = Sql.prepare(tx, SET, timeoutSeconds)) {
                    update.setString(1, after);
                    update.setString(2, msisdn);
                    update.executeUpdate();
                }
                String contact = actor.contactId() == null ? "no contact" : "contact " + actor.contactId();
                JdbcAuditLog.insert(
                        tx,
                        new AuditRecord(
                                actor.atMs(),
                                actor.principal(),
                                "subscriber.set-email",
                                msisdn,
                                contact + ": e-mail " + (before == null ? "none" : before) + " -> "
                                        + (after == null ? "none" : after)),
                        timeoutSeconds);
                return null;
            });
        } catch (SQLException e) {
            if (after != null && Sql.isUniqueViolation(e)) { // registered by another at the same moment
                throw new AccountChangeRefused(
                        AccountChangeRefused.Reason.TAKEN, "another subscriber registered " + after);
            }
            throw StorageException.of("subscriber.set-email of " + msisdn, e);
        }
    }

    private @Nullable String locked(Connection tx, String msisdn) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, LOCK, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new AccountChangeRefused(
                            AccountChangeRefused.Reason.UNKNOWN_SUBSCRIBER, "no subscriber " + msisdn);
                }
                return row.getString(1);
            }
        }
    }

    private Optional<String> one(Connection tx, String address) throws SQLException {
        try (PreparedStatement select = Sql.prepare(tx, BY_ADDRESS, timeoutSeconds)) {
            select.setString(1, address);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
