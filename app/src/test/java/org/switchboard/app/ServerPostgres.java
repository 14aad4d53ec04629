package org.switchboard.app;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL login role and schema of their own for one server process, and the faults a test inflicts on that
 * server's database: the journal table locked by another session, the journal writer's backends terminated. The
 * server is the only user of its role, so {@code pg_stat_activity} tells its backends from those of every other test
 * running against the same PostgreSQL.
 *
 * <p>PostgreSQL is reached as storage's tests reach it: {@code jdbc:postgresql://127.0.0.1:5432/test} as user
 * {@code postgres} without a password, or {@code SWITCHBOARD_TEST_PG_URL}, {@code SWITCHBOARD_TEST_PG_USER} and
 * {@code SWITCHBOARD_TEST_PG_PASSWORD}; that user must be allowed to create roles. An unreachable server fails the
 * test, unless {@code SWITCHBOARD_SKIP_PG=1} says to skip it.
 */
final class ServerPostgres implements AutoCloseable {

    private static final String URL = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SWITCHBOARD_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SWITCHBOARD_TEST_PG_PASSWORD", "");
    /** The application name of the journal writer's pool (storage's {@code Database}). */
    private static final String JOURNAL_POOL = "switchboard-journal";

    private final String name;
    private final String password = UUID.randomUUID().toString();
    private final ObjectMapper json = new ObjectMapper();

    private ServerPostgres(String name) {
        this.name = name;
    }

    /** Creates a role and a schema it owns, both named {@code sb_faults_…}; fails or skips when unreachable. */
    static ServerPostgres create() {
        ServerPostgres database = new ServerPostgres(
                "sb_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        database.execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + database.name + " LOGIN PASSWORD '" + database.password + "'");
                statement.execute("GRANT " + database.name + " TO CURRENT_USER"); // to lock its table, end its backends
                statement.execute("CREATE SCHEMA " + database.name + " AUTHORIZATION " + database.name);
            }
            return null;
        });
        return database;
    }

    /** The server's settings file: this schema as this role, and the journal kept whole for the test to read. */
    String settings() {
        return "db.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name + "\n"
                + "db.user=" + name + "\n"
                + "db.password=" + password + "\n"
                + "journal.retention=keep\n";
    }

    /**
     * Takes {@code ACCESS EXCLUSIVE} on the journal table in a session of its own, once every transaction that
     * holds the table has ended; held until the lock is closed.
     */
    TableLock lockJournal() {
        return lockTable("journal");
    }

    /** Takes {@code ACCESS EXCLUSIVE} on the server's {@code table}, as {@link #lockJournal} does on the journal. */
    TableLock lockTable(String table) {
        try {
            Connection connection = connect();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + name + "." + table + " IN ACCESS EXCLUSIVE MODE");
            }
            return new TableLock(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock " + table + " of " + name, e);
        }
    }

    /** Terminates every backend of the server's journal writer pool; returns how many there were. */
    int terminateJournalBackends() {
        return execute(connection -> {
            try (PreparedStatement terminate = connection.prepareStatement("SELECT count(*) FILTER (WHERE "
                    + "pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ? AND application_name = ?")) {
                terminate.setString(1, name);
                terminate.setString(2, JOURNAL_POOL);
                try (ResultSet result = terminate.executeQuery()) {
                    result.next();
                    return result.getInt(1);
                }
            }
        });
    }

    /** The contact id of every contact registration in the journal, as often as it was journaled. */
    List<String> journaledRegistrations() {
        return execute(this::registrations);
    }

    /** Drops the schema with everything in it, and the role. */
    @Override
    public void close() {
        execute(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
                statement.execute("DROP ROLE IF EXISTS " + name);
            }
            return null;
        });
    }

    private List<String> registrations(Connection connection) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT payload FROM " + name + ".journal WHERE type_name = 'contact.register' ORDER BY seq")) {
            while (rows.next()) {
                ids.add(contactIdOf(rows.getString(1)));
            }
        }
        return ids;
    }

    private String contactIdOf(String payload) {
        try {
            return json.readTree(payload).path("contactId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("a journaled registration is not JSON: " + payload, e);
        }
    }

    /** A table held in {@code ACCESS EXCLUSIVE} mode; its holder alone can still read it. */
    final class TableLock implements AutoCloseable {
        private final Connection connection;

        private TableLock(Connection connection) {
            this.connection = connection;
        }

        /** {@link #journaledRegistrations()}, read through a lock of the journal. */
        List<String> journaledRegistrations() {
            try {
                return registrations(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the locked journal", e);
            }
        }

        /** Releases the lock (ends its transaction, which changed nothing). */
        @Override
        public void close() {
            try (connection) {
                connection.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot release the table lock", e);
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T execute(Work<T> work) {
        try (Connection connection = connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused a test statement for " + name, e);
        }
    }

    private static Connection connect() {
        try {
            DriverManager.setLoginTimeout(5);
            return DriverManager.getConnection(URL, USER, PASSWORD);
        } catch (SQLException e) {
            Assumptions.assumeFalse(
                    "1".equals(System.getenv("SWITCHBOARD_SKIP_PG")),
                    "PostgreSQL unreachable and SWITCHBOARD_SKIP_PG=1: skipped");
            return fail(
                    "PostgreSQL at " + URL + " is unreachable (" + e.getMessage() + "); start it, point "
                            + "SWITCHBOARD_TEST_PG_URL at one, or set SWITCHBOARD_SKIP_PG=1 to skip these tests",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }
}
