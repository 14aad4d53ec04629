package org.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.port.JournalEntry;

class DatabaseTest {

    @TempDir
    Path directory;

    @Test
    void opensAnEmbeddedDatabaseInTheGivenDirectory() {
        try (Database database = Database.open(DatabaseConfig.embedded(directory))) {
            database.journal().append(List.of(new JournalEntry.Tick(1)), List.of());
        }

        assertThat(directory.resolve("switchboard.mv.db")).exists();
    }

    @Test
    void migratesOnceAndOpensAgainWithoutChanges() {
        DatabaseConfig config = DatabaseConfig.embedded(directory);
        Database.open(config).close();

        try (Database again = Database.open(config)) {
            assertThat(again.journal().lastSeq()).isZero();
        }
    }

    @Test
    void supportsASchemaOnTheEmbeddedDatabaseToo() {
        try (Database database =
                Database.open(DatabaseConfig.embedded(directory).withSchema("center"))) {
            database.journal().append(List.of(new JournalEntry.Tick(1)), List.of());
            assertThat(database.journal().lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void refusesAnUnsupportedUrlAnInvalidSchemaAndAnEmptyPool() {
        assertThatThrownBy(() -> DatabaseConfig.of("jdbc:mysql://localhost/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseConfig.embedded(directory).withSchema("Robert'); DROP"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseConfig.embedded(directory).withMaxPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsThePassword() {
        assertThat(DatabaseConfig.of("jdbc:postgresql://db/center", "sb", "s3cret")
                        .toString())
                .doesNotContain("s3cret");
    }

    @Test
    void reportsAnUnreachableServerAsAStorageException() {
        DatabaseConfig nowhere = DatabaseConfig.of("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", "");

        assertThatThrownBy(() -> Database.open(nowhere)).isInstanceOf(StorageException.class);
    }
}
