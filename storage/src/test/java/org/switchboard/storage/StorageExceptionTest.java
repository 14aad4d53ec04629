package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a database failure says in the log: why, never the statement or the callers' data it carried. */
class StorageExceptionTest {

    @Test
    void anH2FailureLosesTheStatementItQuotes() {
        SQLException h2 = new SQLException(
                "Timeout trying to lock table \"JOURNAL\"; SQL statement:\n"
                        + "INSERT INTO journal VALUES (1, '{\"from\":\"+79120009999\"}') [50200-232]",
                "HYT00");

        String message = StorageException.of("appending to the journal", h2).getMessage();

        assertThat(message)
                .isEqualTo(
                        "appending to the journal failed: Timeout trying to lock table \"JOURNAL\" (SQLState HYT00)");
    }

    @Test
    void aPostgresqlBatchFailureSaysWhyWithoutTheRowsOrTheirDetail() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO journal (seq, body) VALUES (7, '{\"from\":\"+79120009999\"}') was aborted: "
                        + "ERROR: terminating connection due to administrator command",
                "57P01",
                new int[0]);
        batch.setNextException(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"journal_pkey\"\n"
                        + "  Detail: Key (seq)=(7) already exists.",
                "23505"));

        String message = StorageException.of("appending to the journal", batch).getMessage();

        assertThat(message)
                .contains("duplicate key value violates unique constraint")
                .doesNotContain("+7912", "INSERT", "Detail", "Key (seq)");
    }

    @Test
    void aBatchFailureWithoutItsCauseStillSaysNothingOfTheRows() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO journal VALUES ('+79120009999') was aborted", new int[0]);

        assertThat(StorageException.of("appending", batch).getMessage())
                .doesNotContain("+7912")
                .contains("a batch of statements was aborted");
    }
}
