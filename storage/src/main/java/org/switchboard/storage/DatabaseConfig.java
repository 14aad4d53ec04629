package org.switchboard.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the center's database is and how to reach it.
 *
 * @param jdbcUrl     {@code jdbc:h2:...} for the embedded database or {@code jdbc:postgresql://host:port/db}
 * @param user        the database user; empty for the driver's default (null is taken as empty)
 * @param password    its password; empty for none (null is taken as empty)
 * @param schema      the schema to create (if missing), migrate and use; null for the connection's default
 * @param maxPoolSize the most connections the pool opens
 * @param embeddedFsync on the embedded database, force every journal commit to the disk (an H2 checkpoint with
 *                    fsync) so that it survives a power cut, not only a process crash; costs tens of
 *                    milliseconds per commit (docs/decisions/0005). PostgreSQL always fsyncs its WAL.
 * @param statementTimeoutSeconds how long a statement made for a request (token check, subscriber card, audit,
 *                    code-word check, contact timeline) may take, waiting for locks included, before it is cancelled
 *                    and the store throws {@link StorageException}; the journal keeps its own limits
 */
public record DatabaseConfig(
        String jdbcUrl,
        String user,
        String password,
        @Nullable String schema,
        int maxPoolSize,
        boolean embeddedFsync,
        int statementTimeoutSeconds) {

    /** The embedded database in {@code ./data}, relative to the working directory. */
    public static final String DEFAULT_EMBEDDED_URL = "jdbc:h2:file:./data/switchboard";

    public static final int DEFAULT_POOL_SIZE = 8;

    /** As long as the journal gives one of its statements ({@link JdbcJournal#STATEMENT_TIMEOUT_SECONDS}). */
    public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 5;

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.of(jdbcUrl);
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        if (schema != null && !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema must be 1-63 lower-case letters, digits or '_', was '" + schema + "'");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be >= 1, was " + maxPoolSize);
        }
        if (statementTimeoutSeconds < 1) {
            throw new IllegalArgumentException("statementTimeoutSeconds must be >= 1, was " + statementTimeoutSeconds);
        }
    }

    /** A database at {@code jdbcUrl}, default schema, default pool size; a null user or password is empty. */
    public static DatabaseConfig of(String jdbcUrl, @Nullable String user, @Nullable String password) {
        return new DatabaseConfig(
                jdbcUrl,
                Objects.requireNonNullElse(user, ""),
                Objects.requireNonNullElse(password, ""),
                null,
                DEFAULT_POOL_SIZE,
                false,
                DEFAULT_STATEMENT_TIMEOUT_SECONDS);
    }

    /** The embedded database at {@link #DEFAULT_EMBEDDED_URL}, user {@code sa} without a password. */
    public static DatabaseConfig embeddedDefault() {
        return of(DEFAULT_EMBEDDED_URL, "sa", "");
    }

    /** The embedded H2 database in {@code directory} (file {@code switchboard.mv.db}), user {@code sa}. */
    public static DatabaseConfig embedded(Path directory) {
        return of("jdbc:h2:file:" + directory.resolve("switchboard").toAbsolutePath(), "sa", "");
    }

    /** This configuration with {@code schema} (lower case, created if missing). */
    public DatabaseConfig withSchema(String schema) {
        return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, embeddedFsync, statementTimeoutSeconds);
    }

    /** This configuration with at most {@code maxPoolSize} connections. */
    public DatabaseConfig withMaxPoolSize(int maxPoolSize) {
        return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, embeddedFsync, statementTimeoutSeconds);
    }

    /** This configuration with every embedded journal commit forced to the disk, or not. */
    public DatabaseConfig withEmbeddedFsync(boolean fsync) {
        return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, fsync, statementTimeoutSeconds);
    }

    /** This configuration with requests' statements cancelled after {@code seconds}. */
    public DatabaseConfig withStatementTimeoutSeconds(int seconds) {
        return new DatabaseConfig(jdbcUrl, user, password, schema, maxPoolSize, embeddedFsync, seconds);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DatabaseConfig[" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", pool=" + maxPoolSize + "]";
    }

    Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }
}
