package org.switchboard.storage;

/** One test's database: opened, reopened over the same data, closed and cleaned up. */
final class StorageFixture implements AutoCloseable {

    private final DatabaseConfig config;
    private final Runnable cleanUp;
    private Database database;

    StorageFixture(DatabaseConfig config, Runnable cleanUp) {
        this.config = config;
        this.cleanUp = cleanUp;
    }

    Database open() {
        database = Database.open(config);
        return database;
    }

    /** Closes the database (for H2: the file) and opens it again, as after a restart. */
    Database reopen() {
        database.close();
        return open();
    }

    DatabaseConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            cleanUp.run();
        }
    }
}
