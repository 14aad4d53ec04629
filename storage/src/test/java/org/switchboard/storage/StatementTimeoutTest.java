package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.core.port.AuditRecord;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.time.ManualClock;

/**
 * A statement made for a request ends within its limit ({@link DatabaseConfig#statementTimeoutSeconds}, 1 s here)
 * while another session holds the row or table it needs, however long the database itself would wait: H2 is opened
 * with a lock wait of ten minutes, and PostgreSQL waits for a table lock for ever. It fails with
 * {@link StorageException} (a request's 503) and leaves nothing behind. The other session is a plain connection of
 * the same database; a check ends by its {@value #WAIT_SECONDS} s only if the limit did not work.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class StatementTimeoutTest {

    private static final String IVAN = "+79120000001";
    private static final int WAIT_SECONDS = 30;

    @Parameter
    Backend backend;

    @TempDir
    Path directory;

    private StorageFixture fixture;
    private Database database;

    @BeforeEach
    void open() {
        fixture = switch (backend) {
            case H2 ->
                new StorageFixture(
                        DatabaseConfig.of(
                                        "jdbc:h2:file:" + directory.resolve("switchboard") + ";LOCK_TIMEOUT=600000",
                                        "sa",
                                        "")
                                .withStatementTimeoutSeconds(1),
                        () -> {});
            case POSTGRESQL -> {
                String schema = TestPostgres.newSchemaName();
                yield new StorageFixture(
                        TestPostgres.config().withSchema(schema).withStatementTimeoutSeconds(1),
                        () -> TestPostgres.drop(schema));
            }
        };
        database = fixture.open();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aCodeWordCheckOfALineAnotherSessionHoldsFailsAndCountsNothing() throws Exception {
        CodeWordAttempts attempts = database.codeWordAttempts(new ManualClock(Samples.T0));
        assertThat(attempts.reserve(IVAN)).isTrue();

        try (Connection holder =
                holding("SELECT msisdn FROM code_word_line WHERE msisdn = '" + IVAN + "' FOR UPDATE")) {
            expectFailsWhileHeld(() -> attempts.reserve(IVAN));
            holder.rollback();
        }

        assertThat(count("SELECT COUNT(*) FROM code_word_failure WHERE msisdn = '" + IVAN + "'"))
                .isEqualTo(1);
    }

    @Test
    void tokenChecksSubscriberCardsTheAuditAndTimelinesFailWhileTheirTableIsLocked() throws Exception {
        Assumptions.assumeTrue(backend == Backend.POSTGRESQL, "H2 locks rows, not tables, and reads never wait");
        AuditRecord viewed = new AuditRecord(Samples.T0, "anton", "subscriber.view", IVAN, "shown");

        try (Connection holder = holding("LOCK TABLE audit_record IN ACCESS EXCLUSIVE MODE")) {
            expectFailsWhileHeld(() -> {
                database.auditLog().record(viewed);
                return null;
            });
            expectFailsWhileHeld(() -> database.auditLog().about(IVAN, 10));
            holder.rollback();
        }
        try (Connection holder = holding("LOCK TABLE access_token IN ACCESS EXCLUSIVE MODE")) {
            expectFailsWhileHeld(() -> database.accessTokens().authenticate("a-token-of-at-least-32-characters-0"));
            holder.rollback();
        }
        try (Connection holder = holding("LOCK TABLE subscriber IN ACCESS EXCLUSIVE MODE")) {
            expectFailsWhileHeld(() -> database.subscribers().find(IVAN));
            holder.rollback();
        }
        try (Connection holder = holding("LOCK TABLE contact_timeline IN ACCESS EXCLUSIVE MODE")) {
            expectFailsWhileHeld(() -> database.contactHistory().timeline(Samples.CONTACT));
            holder.rollback();
        }

        assertThat(database.auditLog().about(IVAN, 10)).isEmpty();
    }

    /** A connection of the pool that ran {@code lock} in a transaction it keeps open: the lock is held. */
    private Connection holding(String lock) throws SQLException {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(lock);
        }
        return connection;
    }

    /** {@code call}, run while the lock is held, fails with {@link StorageException} instead of waiting for it. */
    private static void expectFailsWhileHeld(Supplier<?> call) {
        assertThat(CompletableFuture.supplyAsync(call))
                .failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(StorageException.class);
    }

    private long count(String query) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(query);
                ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
