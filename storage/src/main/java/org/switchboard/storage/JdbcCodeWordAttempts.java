package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.time.Clock;

/**
 * Failed code-word checks in tables {@code code_word_line} and {@code code_word_failure}, shared by every node on the
 * same database and kept across restarts.
 *
 * <p>A reservation is one transaction: lock the line's row ({@code SELECT ... FOR UPDATE}, created on the line's
 * first check), delete its failures older than the window, count the rest, and insert one at the clock's time if
 * there are fewer than the limit. Concurrent reservations for one line therefore take turns on the row lock, and
 * each counts what the previous ones committed (read committed, on H2 and PostgreSQL alike); reservations for
 * different lines do not wait for each other. A failure counts while {@code at_ms > now - window}.
 *
 * <p>Thread-safe; database failures throw {@link StorageException}.
 */
final class JdbcCodeWordAttempts implements CodeWordAttempts {

    /** As wide as {@code subscriber.msisdn}. */
    static final int MAX_MSISDN_LENGTH = 32;

    private static final String FIND_LINE = "SELECT msisdn FROM code_word_line WHERE msisdn = ?";
    private static final String ADD_LINE = "INSERT INTO code_word_line (msisdn) VALUES (?)";
    private static final String LOCK_LINE = FIND_LINE + " FOR UPDATE";
    private static final String FORGET_EXPIRED = "DELETE FROM code_word_failure WHERE msisdn = ? AND at_ms <= ?";
    private static final String COUNT = "SELECT COUNT(*) FROM code_word_failure WHERE msisdn = ?";
    private static final String RECORD = "INSERT INTO code_word_failure (msisdn, at_ms) VALUES (?, ?)";
    private static final String FORGET_ALL = "DELETE FROM code_word_failure WHERE msisdn = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final Clock clock;
    private final int maxFailures;
    private final long windowInMs;

    /** Statements are cancelled after {@code timeoutSeconds}, lock waits included (a reservation's row lock, too). */
    JdbcCodeWordAttempts(DataSource dataSource, int timeoutSeconds, Clock clock, int maxFailures, long windowInMs) {
        if (maxFailures < 1 || windowInMs < 1) {
            throw new IllegalArgumentException(
                    "maxFailures and windowInMs must be positive, were " + maxFailures + " and " + windowInMs);
        }
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFailures = maxFailures;
        this.windowInMs = windowInMs;
    }

    /**
     * Reserves a check of {@code msisdn}, committed when this returns true. Throws {@link IllegalArgumentException}
     * for an MSISDN longer than {@value #MAX_MSISDN_LENGTH} characters.
     */
    @Override
    public boolean reserve(String msisdn) {
        requireMsisdn(msisdn);
        long nowInMs = clock.nowInMs();
        try (Connection connection = dataSource.getConnection()) {
            addLine(connection, msisdn);
            return Sql.inTransaction(connection, tx -> reserve(tx, msisdn, nowInMs));
        } catch (SQLException e) {
            throw StorageException.of("reserving a code-word check of " + msisdn, e);
        }
    }

    /** Deletes every failure and reservation of {@code msisdn}, committed when this returns. */
    @Override
    public void succeeded(String msisdn) {
        requireMsisdn(msisdn);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = Sql.prepare(connection, FORGET_ALL, timeoutSeconds)) {
            delete.setString(1, msisdn);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("clearing the code-word failures of " + msisdn, e);
        }
    }

    private boolean reserve(Connection tx, String msisdn, long nowInMs) throws SQLException {
        if (!find(tx, LOCK_LINE, msisdn)) {
            throw new IllegalStateException("code_word_line lost the row of a line being checked");
        }
        update(tx, FORGET_EXPIRED, msisdn, nowInMs - windowInMs);
        if (failures(tx, msisdn) >= maxFailures) {
            return false;
        }
        update(tx, RECORD, msisdn, nowInMs);
        return true;
    }

    /** Creates the line's row unless it exists; a concurrent creation is as good as this one. Auto-commits. */
    private void addLine(Connection connection, String msisdn) throws SQLException {
        if (find(connection, FIND_LINE, msisdn)) {
            return;
        }
        try (PreparedStatement insert = Sql.prepare(connection, ADD_LINE, timeoutSeconds)) {
            insert.setString(1, msisdn);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private boolean find(Connection connection, String sql, String msisdn) throws SQLException {
        try (PreparedStatement select = Sql.prepare(connection, sql, timeoutSeconds)) {
            select.setString(1, msisdn);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private int failures(Connection tx, String msisdn) throws SQLException {
        try (PreparedStatement count = Sql.prepare(tx, COUNT, timeoutSeconds)) {
            count.setString(1, msisdn);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private void update(Connection tx, String sql, String msisdn, long atMs) throws SQLException {
        try (PreparedStatement statement = Sql.prepare(tx, sql, timeoutSeconds)) {
            statement.setString(1, msisdn);
            statement.setLong(2, atMs);
            statement.executeUpdate();
        }
    }

    private static void requireMsisdn(String msisdn) {
        Objects.requireNonNull(msisdn, "msisdn");
        if (msisdn.length() > MAX_MSISDN_LENGTH) {
            throw new IllegalArgumentException("an MSISDN has at most " + MAX_MSISDN_LENGTH + " characters");
        }
    }
}
