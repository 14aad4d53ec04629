package org.switchboard.storage;

import java.nio.file.Path;

/** The databases every storage test runs against. */
enum Backend {

    /** Embedded H2 in a fresh temporary directory. */
    H2 {
        @Override
        StorageFixture fixture(Path directory) {
            return new StorageFixture(DatabaseConfig.embedded(directory), () -> {});
        }
    },

    /** A real PostgreSQL, in a schema of its own that is dropped afterwards. See {@link TestPostgres}. */
    POSTGRESQL {
        @Override
        StorageFixture fixture(Path directory) {
            String schema = TestPostgres.newSchemaName();
            return new StorageFixture(TestPostgres.config().withSchema(schema), () -> TestPostgres.drop(schema));
        }
    };

    abstract StorageFixture fixture(Path directory);
}
