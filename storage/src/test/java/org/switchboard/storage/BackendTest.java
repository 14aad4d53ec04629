package org.switchboard.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the tests that run once per {@link Backend}: subclasses are annotated
 * {@code @ParameterizedClass @EnumSource(Backend.class)} and find a freshly migrated {@link #database} before each
 * test; PostgreSQL tests get a schema of their own, dropped afterwards.
 */
abstract class BackendTest {

    @Parameter
    Backend backend;

    @TempDir
    Path directory;

    StorageFixture fixture;
    Database database;

    @BeforeEach
    final void openDatabase() {
        fixture = backend.fixture(directory);
        database = fixture.open();
    }

    @AfterEach
    final void closeDatabase() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
