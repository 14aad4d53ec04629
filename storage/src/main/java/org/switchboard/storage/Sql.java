package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers shared by the stores. */
final class Sql {

    /** SQLState of a unique or primary key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {}

    /** Work inside one transaction; its result may be null (work done only for its effect returns null). */
    @FunctionalInterface
    interface Work<T extends @Nullable Object> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: commits when it returns, rolls back when it throws. The pool restores
     * auto-commit when the connection goes back.
     */
    static <T extends @Nullable Object> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        }
    }

    /** Runs {@code work} in one transaction on {@code connection}, which the caller closes. */
    static <T extends @Nullable Object> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /**
     * {@code sql} prepared on {@code connection}, cancelled (an {@link SQLException}) once it has run for
     * {@code timeoutSeconds}, waiting for locks included; 0 for no limit. H2 keeps a statement's limit on its
     * connection for every later statement (see {@link JdbcJournal#STATEMENT_TIMEOUT_SECONDS}), so every statement of
     * a pooled connection states its own.
     */
    static PreparedStatement prepare(Connection connection, String sql, int timeoutSeconds) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(timeoutSeconds);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    static void rollbackQuietly(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
