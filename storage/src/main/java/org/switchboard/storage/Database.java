package org.switchboard.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.core.port.AccessTokens;
import org.switchboard.core.port.AuditLog;
import org.switchboard.core.port.CodeWordAttempts;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.KnowledgeBase;
import org.switchboard.core.port.PhoneCredentials;
import org.switchboard.core.port.ReasonCodes;
import org.switchboard.core.port.Recordings;
import org.switchboard.core.port.SnapshotStore;
import org.switchboard.core.port.StaffAccounts;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.routing.EngineSnapshot;
import org.switchboard.core.time.Clock;

/**
 * The center's database: a connection pool (HikariCP), the schema brought up to date by Flyway from
 * {@code classpath:db/migration}, and the stores built on it. The dialect follows the URL: {@code jdbc:h2:...} is
 * the embedded database, {@code jdbc:postgresql://...} is PostgreSQL; the same migrations run on both.
 *
 * <p>Embedded H2 settings, appended to an H2 URL unless it already names them:
 * <ul>
 *   <li>{@code WRITE_DELAY=0}: every commit writes its changes to the file before it returns, so no committed
 *       transaction is lost when the process dies (the default of 500 ms would lose the last half second). H2
 *       itself never fsyncs on commit; with {@link DatabaseConfig#embeddedFsync()} the journal asks for one
 *       ({@code CHECKPOINT SYNC}) after each group commit, so journal batches also survive an OS crash or power
 *       loss, at the price of an H2 checkpoint per batch (tens of milliseconds here; docs/decisions/0005). The
 *       fsync needs an administrator of the database; its creator is one.</li>
 *   <li>{@code DB_CLOSE_ON_EXIT=FALSE}: the application closes the database after the journal writer has
 *       drained, instead of H2's shutdown hook closing it under the writer's feet.</li>
 *   <li>{@code LOCK_TIMEOUT=10000}: a writer of the journal waits up to 10 s for a row another transaction holds
 *       (requests' statements wait no longer than their own limit, below).</li>
 * </ul>
 * With {@code WRITE_DELAY=0} H2 runs no housekeeping of its own, so a thread compacts the file while the center
 * runs ({@link EmbeddedCompaction}); without it the file grows by most of what each commit writes.
 * The pool never retires embedded connections (they cannot go stale), so the file stays open until
 * {@link #close()}: H2 closes a database when its last connection closes.
 * On PostgreSQL, {@code reWriteBatchedInserts=true} turns the journal's batches into multi-row inserts; durability
 * is the server's (synchronous_commit, fsync).
 *
 * <p>The statements requests make on the shared pool (token checks, subscriber cards, the audit, code-word checks,
 * contact timelines, phone credentials) are cancelled after {@link DatabaseConfig#statementTimeoutSeconds}, waiting
 * for locks included (on H2 the pool's connections wait that long for a lock, not {@code LOCK_TIMEOUT}): a table
 * another session locked fails the request ({@link StorageException}, 503) instead of holding it. The journal keeps
 * its own limits.
 *
 * <p>Thread-safe. {@link #close()} closes the pool; the stores fail afterwards.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The journal writer's own connections: it never waits behind a reader. */
    private static final int JOURNAL_CONNECTIONS = 2;
    /** How long the writer waits for a connection before it calls the database unavailable and retries. */
    private static final long JOURNAL_CONNECTION_TIMEOUT_MS = 3_000;
    /**
     * PostgreSQL: a journal connection that hears nothing for this long is dropped. Statements are cancelled after
     * {@link JdbcJournal#STATEMENT_TIMEOUT_SECONDS}, but a COMMIT that hangs (a synchronous standby gone, a stalled
     * disk) would otherwise hold the writer for ever; dropped, the writer asks the database what became of it.
     */
    static final int JOURNAL_SOCKET_TIMEOUT_SECONDS = 30;
    /** How long a reader (HTTP request) waits for a pooled connection before it is refused with 503. */
    private static final long READ_CONNECTION_TIMEOUT_MS = 3_000;
    /** A pool whose statements wait for locks as the URL says (H2's {@code LOCK_TIMEOUT}). */
    private static final int URL_LOCK_TIMEOUT = 0;

    private static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final HikariDataSource journalSource;
    private final MessageCodec codec = new MessageCodec();
    private final JdbcJournal journal;
    private final JdbcSubscriberRegistry subscribers;
    private final JdbcAccessTokens accessTokens;
    /** What forgets its cached principals when a credential changes through the journal. */
    private final List<Runnable> credentialCaches = new CopyOnWriteArrayList<>();

    private final JdbcAuditLog auditLog;
    private final JdbcSnapshotStore snapshots;
    /** On H2 only: keeps the file near the size of its live data (see {@link EmbeddedCompaction}). */
    private final AutoCloseable compaction;

    private Database(DatabaseConfig config, boolean compactEmbedded) {
        this.config = config;
        String url = connectionUrl(config);
        createSchema(url, config);
        int requestSeconds = config.statementTimeoutSeconds();
        this.dataSource = pool(
                url,
                config,
                "switchboard",
                config.maxPoolSize(),
                READ_CONNECTION_TIMEOUT_MS,
                sharedSocketTimeoutSeconds(requestSeconds),
                requestSeconds * 1000);
        this.journalSource = pool(
                url,
                config,
                "switchboard-journal",
                JOURNAL_CONNECTIONS,
                JOURNAL_CONNECTION_TIMEOUT_MS,
                JOURNAL_SOCKET_TIMEOUT_SECONDS,
                URL_LOCK_TIMEOUT);

        try {
            migrate(url);
            this.journal = new JdbcJournal(
                    journalSource,
                    dataSource,
                    requestSeconds,
                    codec,
                    config.dialect() == Dialect.H2 && config.embeddedFsync());
            this.subscribers = new JdbcSubscriberRegistry(dataSource, requestSeconds);
            this.accessTokens = new JdbcAccessTokens(dataSource, requestSeconds);
            this.journal.onCredentialsChanged(() -> credentialCaches.forEach(Runnable::run));
            credentialCaches.add(accessTokens::forgetCached);
            this.auditLog = new JdbcAuditLog(dataSource, requestSeconds);
            this.snapshots = new JdbcSnapshotStore(journalSource);
            this.compaction = compactEmbedded && config.dialect() == Dialect.H2
                    ? EmbeddedCompaction.of(dataSource).start()
                    : () -> {};
        } catch (RuntimeException e) {
            journalSource.close();
            dataSource.close();
            throw e;
        }
    }

    /**
     * Opens the database: connects, creates the schema if one is configured and missing, applies pending
     * migrations. Throws {@link StorageException} when the database cannot be reached or migrated, and
     * {@link org.flywaydb.core.api.FlywayException} when the migrations do not match the database.
     */
    public static Database open(DatabaseConfig config) {
        return new Database(config, true);
    }

    /** For the tests that show what {@link EmbeddedCompaction} prevents: an H2 database that is never compacted. */
    static Database openUncompacted(DatabaseConfig config) {
        return new Database(config, false);
    }

    /** {@link #open(DatabaseConfig)} with the default schema and pool size. */
    public static Database open(String jdbcUrl, @Nullable String user, @Nullable String password) {
        return open(DatabaseConfig.of(jdbcUrl, user, password));
    }

    /** The journal of engine inputs; also the contact history. Used by one writer thread at a time. */
    public JdbcJournal journal() {
        return journal;
    }

    /** The timeline of every contact, as the journal wrote it. Thread-safe. */
    public ContactHistory contactHistory() {
        return journal;
    }

    /** Forgets contact histories and audit records past their retention. Thread-safe. */
    public HistoryRetention historyRetention() {
        return new HistoryRetention(dataSource);
    }

    /** Closed statistics per queue and agent, by interval and by day. Thread-safe. */
    public StatisticsArchive statisticsArchive() {
        return new JdbcStatisticsArchive(journalSource);
    }

    /** Snapshots of the center's state, kept in the database beside the journal. Thread-safe. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** How snapshots write queue and agent configurations: as the journal does, versioned. */
    public EngineSnapshot.ConfigCodec snapshotCodec() {
        return new SnapshotConfigCodec(codec);
    }

    /** The built-in subscriber registry. Thread-safe. */
    public JdbcSubscriberRegistry subscribers() {
        return subscribers;
    }

    /** API bearer tokens. Thread-safe. */
    public AccessTokens accessTokens() {
        return accessTokens;
    }

    /**
     * The limit on guessing code words ({@link CodeWordAttempts#MAX_FAILURES} failures per line within
     * {@link CodeWordAttempts#WINDOW_IN_MS}), kept in this database and stamped with {@code clock}. Thread-safe;
     * every instance on the same database shares the same counts.
     */
    public CodeWordAttempts codeWordAttempts(Clock clock) {
        return new JdbcCodeWordAttempts(
                dataSource,
                config.statementTimeoutSeconds(),
                clock,
                CodeWordAttempts.MAX_FAILURES,
                CodeWordAttempts.WINDOW_IN_MS);
    }

    /**
     * Staff passwords and their browser sessions ({@link StaffAccounts}), stamped with {@code clock}; a session ends
     * {@code sessionTtl} after sign-in. Thread-safe; every instance on the same database shares passwords and sessions
     * (each keeps its own few seconds of session cache).
     */
    public StaffAccounts staffAccounts(Clock clock, Duration sessionTtl) {
        JdbcStaffAccounts accounts =
                new JdbcStaffAccounts(dataSource, config.statementTimeoutSeconds(), clock, sessionTtl);
        credentialCaches.add(accounts::forgetCached); // a role changed through the journal applies at once
        return accounts;
    }

    /**
     * The SIP credentials of agents' desk phones, issued for the digest {@code realm}: the registrar's realm, which
     * HA1 includes, so credentials issued for one realm do not answer another's challenge. Thread-safe; every instance
     * on the same database shares the same credentials.
     */
    public PhoneCredentials phoneCredentials(String realm) {
        return new JdbcPhoneCredentials(dataSource, config.statementTimeoutSeconds(), realm);
    }

    /** The e-mail addresses subscribers registered. Thread-safe. */
    public org.switchboard.core.port.SubscriberEmails subscriberEmails() {
        return new JdbcSubscriberEmails(dataSource, config.statementTimeoutSeconds());
    }

    /** Files subscribers attached to their messages (e-mail), kept for the operators. Thread-safe. */
    public org.switchboard.core.port.Attachments attachments() {
        return new JdbcAttachments(dataSource, config.statementTimeoutSeconds());
    }

    /**
     * Recorded conversations, their audio in {@code directory} (made if missing; {@code voice.recordings-dir}).
     * Thread-safe; every instance on the same database and directory shares the same recordings.
     */
    public Recordings recordings(Path directory) {
        return new JdbcRecordings(dataSource, config.statementTimeoutSeconds(), directory);
    }

    /** What subscribers did themselves, session by session, for the deflection report. Thread-safe. */
    public org.switchboard.core.port.SelfServiceLog selfServiceLog() {
        return new JdbcSelfServiceLog(dataSource, config.statementTimeoutSeconds());
    }

    /** Subscribers' portal sign-in and sessions (a session ends {@code sessionTtl} after sign-in). Thread-safe. */
    public org.switchboard.core.port.PortalAccounts portalAccounts(Clock clock, Duration sessionTtl) {
        return new JdbcPortalAccounts(dataSource, config.statementTimeoutSeconds(), clock, sessionTtl);
    }

    /** Erasure of what the database holds about one subscriber. Thread-safe. */
    public org.switchboard.core.port.PersonalData personalData() {
        return new JdbcPersonalData(dataSource, config.statementTimeoutSeconds());
    }

    /** The lines' itemized records, as billing fed them. Thread-safe. */
    public org.switchboard.core.port.UsageRecords usageRecords() {
        return new JdbcUsageRecords(dataSource, config.statementTimeoutSeconds());
    }

    /** The lists operators pick reasons from (not ready, dispositions), audited in this database. Thread-safe. */
    public ReasonCodes reasonCodes() {
        return new JdbcReasonCodes(dataSource, config.statementTimeoutSeconds());
    }

    /** The voice menu as edited in the console, audited in this database. Thread-safe. */
    public VoiceMenuStore voiceMenu() {
        return new VoiceMenuStore(dataSource, config.statementTimeoutSeconds());
    }

    /** The knowledge base: articles and canned answers, audited in this database. Thread-safe. */
    public KnowledgeBase knowledgeBase() {
        return new JdbcKnowledgeBase(dataSource, config.statementTimeoutSeconds());
    }

    /** The audit log. Thread-safe. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The codec the journal stores commands and events with. */
    public MessageCodec codec() {
        return codec;
    }

    /** The pool, for projections and reports that query the tables directly. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The configuration this database was opened with. */
    public DatabaseConfig config() {
        return config;
    }

    /** Closes every connection; with H2 this also closes the database file. Idempotent. */
    @Override
    public void close() {
        try {
            compaction.close();
        } catch (Exception e) {
            LOG.warn("Stopping the embedded database's compaction failed: {}", e.toString());
        }
        journalSource.close();
        dataSource.close();
    }

    private static String connectionUrl(DatabaseConfig config) {
        if (config.dialect() != Dialect.H2) {
            return config.jdbcUrl();
        }
        StringBuilder url = new StringBuilder(config.jdbcUrl());
        String upper = config.jdbcUrl().toUpperCase(Locale.ROOT);
        for (String setting : H2_SETTINGS.substring(1).split(";")) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            if (!upper.contains(";" + key)) {
                url.append(';').append(setting);
            }
        }
        return url.toString();
    }

    /** The pool sets the schema on every connection, so it must exist before the pool opens (H2 checks). */
    private static void createSchema(String url, DatabaseConfig config) {
        if (config.schema() == null) {
            return;
        }
        try (Connection connection = config.user().isEmpty()
                        ? DriverManager.getConnection(url)
                        : DriverManager.getConnection(url, config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + config.schema() + "\"");
        } catch (SQLException e) {
            throw StorageException.of("creating schema " + config.schema() + " at " + config.jdbcUrl(), e);
        }
    }

    /**
     * A pool; {@code socketTimeoutSeconds} (PostgreSQL only, 0 for none) drops a connection that hears nothing, and
     * {@code lockTimeoutMs} (H2 only, {@link #URL_LOCK_TIMEOUT} for the URL's) bounds a statement's wait for a lock:
     * H2 does not count that wait in a statement's own time limit, PostgreSQL does.
     */
    private static HikariDataSource pool(
            String url,
            DatabaseConfig config,
            String name,
            int size,
            long connectionTimeoutMs,
            int socketTimeoutSeconds,
            int lockTimeoutMs) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(url);
        if (!config.user().isEmpty()) { // else the driver's default: PostgreSQL uses the OS user's name
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(size);
        hikari.setConnectionTimeout(connectionTimeoutMs);
        if (config.schema() != null) {
            hikari.setSchema(config.schema());
        }
        if (config.dialect() == Dialect.POSTGRESQL) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            hikari.addDataSourceProperty("ApplicationName", name); // pg_stat_activity tells the journal's backends
            hikari.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        } else {
            hikari.setMaxLifetime(0);
            if (lockTimeoutMs != URL_LOCK_TIMEOUT) {
                hikari.setConnectionInitSql("SET LOCK_TIMEOUT " + lockTimeoutMs);
            }
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** The journal writer's own pool (for tests of its settings). */
    DataSource journalSource() {
        return journalSource;
    }

    /**
     * The shared pool's connections (PostgreSQL) are dropped after this long without an answer: a database behind a
     * broken network otherwise holds a request's read for as long as the operating system keeps the socket (minutes),
     * which no statement limit ends. Well beyond the statement limit, so it ends only such waits.
     */
    static int sharedSocketTimeoutSeconds(int statementTimeoutSeconds) {
        return statementTimeoutSeconds * 3 + 10;
    }

    /** Migrations on connections of their own (Flyway takes two), without the shared pool's socket limit: some take long. */
    private void migrate(String url) {
        try (HikariDataSource migrations =
                pool(url, config, "switchboard-migrations", 2, READ_CONNECTION_TIMEOUT_MS, 0, URL_LOCK_TIMEOUT)) {
            migrate(migrations);
        }
    }

    private void migrate(DataSource migrations) {
        var flyway = Flyway.configure()
                .dataSource(migrations)
                .locations("classpath:db/migration")
                .placeholders(Map.of("binary", config.dialect() == Dialect.H2 ? "BLOB" : "BYTEA"));
        if (config.schema() != null) {
            flyway.schemas(config.schema()).defaultSchema(config.schema());
        }
        int applied = flyway.load().migrate().migrationsExecuted;
        LOG.info("Opened {} ({} migrations applied)", config, applied);
    }
}
