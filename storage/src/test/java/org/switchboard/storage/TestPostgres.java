package org.switchboard.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use: {@code jdbc:postgresql://127.0.0.1:5432/test} as user {@code postgres} without a
 * password, or the URL in {@code SWITCHBOARD_TEST_PG_URL} (user and password from {@code SWITCHBOARD_TEST_PG_USER}
 * and {@code SWITCHBOARD_TEST_PG_PASSWORD}). An unreachable server fails the tests, because CI starts one; set
 * {@code SWITCHBOARD_SKIP_PG=1} to skip them instead.
 */
final class TestPostgres {

    private static final String URL = env("SWITCHBOARD_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("SWITCHBOARD_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("SWITCHBOARD_TEST_PG_PASSWORD", "");

    private TestPostgres() {}

    /** The server's configuration, after checking it answers (failing or skipping the test when it does not). */
    static DatabaseConfig config() {
        requireReachable();
        return DatabaseConfig.of(URL, USER, PASSWORD).withMaxPoolSize(4);
    }

    static String newSchemaName() {
        return "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static void drop(String schema) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }

    private static void requireReachable() {
        try (Connection connection = connect()) {
            connection.isValid(5);
        } catch (SQLException e) {
            Assumptions.assumeFalse(
                    "1".equals(System.getenv("SWITCHBOARD_SKIP_PG")),
                    "PostgreSQL unreachable and SWITCHBOARD_SKIP_PG=1: skipped");
            fail(
                    "PostgreSQL at " + URL + " is unreachable (" + e.getMessage() + "); start it, point "
                            + "SWITCHBOARD_TEST_PG_URL at one, or set SWITCHBOARD_SKIP_PG=1 to skip these tests",
                    e);
        }
    }

    private static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }
}
