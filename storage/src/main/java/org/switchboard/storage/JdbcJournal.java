package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.port.ContactHistory;
import org.switchboard.core.port.Journal;
import org.switchboard.core.port.JournalEntry;

/**
 * The journal in table {@code journal} and the contact timelines in table {@code contact_timeline}.
 *
 * <p>{@link #append} is the group-commit path: it encodes the whole batch first, then writes every entry, and for
 * every contact the batch touched one timeline row with its {@link Event.ContactEvent}s, with two JDBC batch inserts
 * in one transaction and commits; the commit is in the
 * file (safe from a process crash) when it returns, and on H2 with {@code embeddedFsync} also forced to the disk
 * (safe from a power cut), see {@link Database}. Sequence numbers are assigned here, continuing from the highest found when the
 * journal was opened; after a failed append they are read again from the database, so a commit whose outcome is
 * unknown cannot make the next batch collide. {@link #replay} streams in sequence order with a cursor and never
 * holds more than one fetch of rows.
 *
 * <p>Threading: {@code append} is meant for one writer thread (it is synchronized, so a second writer only waits);
 * {@code replay} and {@code timeline} may run on any thread at any time.
 */
public final class JdbcJournal implements Journal, ContactHistory {

    private static final int FETCH_SIZE = 1000;
    private static final String INPUT = "INPUT";
    private static final String TICK = "TICK";
    private static final String INSERT_ENTRY = "INSERT INTO journal (seq, at_ms, kind, type_name, type_version, "
            + "payload, request_scope, request_key, request_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TIMELINE =
            "INSERT INTO contact_timeline (seq, contact_id, at_ms, events, subscriber_id) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT_ENTRIES = "SELECT seq, at_ms, kind, type_name, type_version, payload, "
            + "request_scope, request_key, request_fingerprint FROM journal WHERE seq > ? ORDER BY seq";
    /**
     * A statement of the journal's transaction that takes longer is cancelled: the database is too slow. H2 keeps a
     * statement's limit on its connection for every later statement, so a statement of these pooled connections
     * that may run longer states its own (replay, snapshots: none).
     */
    static final int STATEMENT_TIMEOUT_SECONDS = 5;

    private static final String SELECT_TIMELINE =
            "SELECT events FROM contact_timeline WHERE contact_id = ? ORDER BY seq";
    private static final String SELECT_OF_SUBSCRIBER = "SELECT contact_id FROM contact_timeline"
            + " WHERE subscriber_id = ? OR subscriber_id = ? ORDER BY seq DESC";

    private final DataSource writerSource;
    private final DataSource readerSource;
    private final int readerTimeoutSeconds;
    private final boolean fsyncEachAppend;
    private final MessageCodec codec;
    private long lastSeq;
    private long lastTimelineSeq;
    private volatile Runnable credentialsChanged = () -> {};
    private volatile JournalRetention retention = new JournalRetention.Keep();
    private final Object retiring = new Object();
    /** Entries up to here were retired from the table; replay cannot start before it. */
    private volatile long retiredThrough;

    /**
     * @param writerSource the journal writer's own connections (appends, replay, position), never starved by readers
     * @param readerSource the shared pool that timeline reads use
     * @param readerTimeoutSeconds how long a timeline read (for a request) may take, lock waits included
     */
    JdbcJournal(
            DataSource writerSource,
            DataSource readerSource,
            int readerTimeoutSeconds,
            MessageCodec codec,
            boolean fsyncEachAppend) {
        this.fsyncEachAppend = fsyncEachAppend;
        this.writerSource = writerSource;
        this.readerSource = readerSource;
        this.readerTimeoutSeconds = readerTimeoutSeconds;
        this.codec = codec;
        loadPosition();
    }

    /**
     * Makes {@code entries}, and the contact events among {@code events}, durable in one transaction, in order, on
     * the writer's own connection. Other events are ignored. Throws {@link StorageException} when the database
     * fails or does not answer within {@value #STATEMENT_TIMEOUT_SECONDS} s a statement: the batch may then be
     * durable or not ({@link #recoverPosition} tells), and {@link #position} has not moved unless the commit
     * itself went through. Throws {@link IllegalStateException} when a message cannot be encoded, before anything
     * is written.
     */
    @Override
    public synchronized void append(List<JournalEntry> entries, List<Event> events) {
        List<EntryRow> entryRows = entryRows(entries);
        List<TimelineRow> eventRows = eventRows(events);
        if (entryRows.isEmpty() && eventRows.isEmpty()) {
            return;
        }
        boolean committed = false;
        try (Connection connection = writerSource.getConnection()) {
            int grants = Sql.inTransaction(connection, c -> insert(c, entries, entryRows, eventRows));
            lastSeq += entryRows.size();
            lastTimelineSeq += eventRows.size();
            committed = true;
            if (grants > 0) {
                credentialsChanged.run();
            }
            syncIfConfigured(connection);
        } catch (SQLException e) {
            String what = committed ? "syncing the journal to disk" : "appending " + entryRows.size() + " entries";
            throw StorageException.of(what, e);
        }
    }

    /** How many entries are durable as far as this journal knows. */
    @Override
    public synchronized long position() {
        return lastSeq;
    }

    /** Reads the durable position from the database and continues from there; throws {@link StorageException}. */
    @Override
    public synchronized long recoverPosition() {
        loadPosition();
        return lastSeq;
    }

    /**
     * Feeds the entries after {@code position} to {@code sink}, oldest first, streaming from the database. Throws
     * {@link StorageException} when the database fails and {@link IllegalArgumentException} when a stored command
     * does not decode; whatever {@code sink} throws propagates.
     */
    @Override
    public void replayAfter(long position, Consumer<JournalEntry> sink) {
        Objects.requireNonNull(sink, "sink");
        if (position < retiredThrough) {
            throw new IllegalStateException("the journal's entries " + (position + 1) + ".." + retiredThrough
                    + " were retired (archived or pruned) after a snapshot; start from a snapshot, or restore the "
                    + "archived entries into table journal");
        }
        try (Connection connection = writerSource.getConnection()) {
            connection.setAutoCommit(false);
            lazyResults(connection, true);
            try {
                stream(connection, position, sink);
            } finally {
                connection.rollback();
                lazyResults(connection, false);
            }
        } catch (SQLException e) {
            throw StorageException.of("replaying the journal", e);
        }
    }

    /** The contact's events oldest first; empty when unknown. Throws {@link StorageException} on failure. */
    @Override
    public List<Event.ContactEvent> timeline(UUID contactId) {
        Objects.requireNonNull(contactId, "contactId");
        try (Connection connection = readerSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT_TIMELINE, readerTimeoutSeconds)) {
            select.setObject(1, contactId);
            return readTimeline(select);
        } catch (SQLException e) {
            throw StorageException.of("reading the timeline of " + contactId, e);
        }
    }

    /**
     * The contacts of the subscriber {@code msisdn} (as the channel named it, with or without the leading {@code +}),
     * newest first, at most {@code limit}. Throws {@link StorageException} on failure.
     */
    @Override
    public List<UUID> contactsOf(String msisdn, int limit) {
        Objects.requireNonNull(msisdn, "msisdn");
        String other = msisdn.startsWith("+") ? msisdn.substring(1) : "+" + msisdn;
        try (Connection connection = readerSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, SELECT_OF_SUBSCRIBER, readerTimeoutSeconds)) {
            select.setString(1, msisdn);
            select.setString(2, other);
            select.setMaxRows(limit);
            List<UUID> contacts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    contacts.add(rows.getObject(1, UUID.class));
                }
            }
            return contacts;
        } catch (SQLException e) {
            throw StorageException.of("reading the contacts of " + msisdn, e);
        }
    }

    /** What {@link #retireThrough} does with entries a snapshot covers; {@code Keep} until set. */
    public void retention(JournalRetention retention) {
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /**
     * Moves the entries up to {@code position} out of the table as the retention says (archive files, deletion, or
     * nothing), in chunks, on the caller's thread; appends go on meanwhile. Throws {@link StorageException} when the
     * database fails and {@link java.io.UncheckedIOException} when the archive cannot be written (nothing is
     * deleted that was not archived first).
     */
    @Override
    public void retireThrough(long position) {
        synchronized (retiring) {
            long from = retiredThrough;
            if (position <= from || retention instanceof JournalRetention.Keep) {
                return;
            }
            try {
                JournalRetention.retire(retention, writerSource, from, position);
                retiredThrough = position;
            } catch (SQLException e) {
                throw StorageException.of("retiring the journal through " + position, e);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("archiving the journal through " + position, e);
            }
        }
    }

    /** Called on the writer's thread after a commit that gave some principal a new token (to drop caches). */
    public void onCredentialsChanged(Runnable listener) {
        this.credentialsChanged = Objects.requireNonNull(listener, "listener");
    }

    /** The sequence number of the newest entry, 0 when the journal is empty: {@link #position()}. */
    public long lastSeq() {
        return position();
    }

    /**
     * An encoded journal entry: a command with its stored name, version and idempotency key, or a tick (no type, no
     * payload, no key).
     */
    private record EntryRow(
            long atMs,
            String kind,
            @Nullable String type,
            int version,
            @Nullable String json,
            @Nullable RequestKey key) {}

    /** A contact's events of one commit, with the subscriber they name when they hold the contact's creation. */
    private record TimelineRow(
            long atMs,
            UUID contactId,
            String json,
            @Nullable String subscriber) {}

    private List<EntryRow> entryRows(List<JournalEntry> entries) {
        List<EntryRow> rows = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            rows.add(
                    switch (entry) {
                        case JournalEntry.Input input -> inputRow(input);
                        case JournalEntry.Tick tick -> new EntryRow(tick.atMs(), TICK, null, 0, null, null);
                    });
        }
        return rows;
    }

    private EntryRow inputRow(JournalEntry.Input input) {
        MessageCodec.Encoded encoded = codec.encode(input.command());
        return new EntryRow(input.atMs(), INPUT, encoded.type(), encoded.version(), encoded.json(), input.key());
    }

    /** One row per contact, its events in the order emitted, the contacts in the order first touched. */
    private List<TimelineRow> eventRows(List<Event> events) {
        Map<UUID, List<Event>> byContact = new LinkedHashMap<>();
        for (Event event : events) {
            if (event instanceof Event.ContactEvent contactEvent) {
                byContact
                        .computeIfAbsent(contactEvent.contactId(), id -> new ArrayList<>(2))
                        .add(event);
            }
        }
        List<TimelineRow> rows = new ArrayList<>(byContact.size());
        byContact.forEach((contactId, contactEvents) -> rows.add(new TimelineRow(
                contactEvents.getFirst().atMs(),
                contactId,
                codec.encodeAll(contactEvents),
                subscriberOf(contactEvents))));
        return rows;
    }

    /** Inserts the rows and projects the credentials; returns how many credentials changed. */
    private int insert(
            Connection connection, List<JournalEntry> entries, List<EntryRow> entryRows, List<TimelineRow> eventRows)
            throws SQLException {
        if (!entryRows.isEmpty()) {
            insertEntries(connection, entryRows);
        }
        if (!eventRows.isEmpty()) {
            insertEvents(connection, eventRows);
        }
        return CredentialProjection.project(connection, entries);
    }

    private void insertEntries(Connection connection, List<EntryRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ENTRY)) {
            insert.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            long seq = lastSeq;
            for (EntryRow row : rows) {
                insert.setLong(1, ++seq);
                insert.setLong(2, row.atMs());
                insert.setString(3, row.kind());
                insert.setString(4, row.type());
                if (row.type() == null) {
                    insert.setNull(5, Types.SMALLINT);
                } else {
                    insert.setInt(5, row.version());
                }
                insert.setString(6, row.json());
                setKey(insert, row.key());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setKey(PreparedStatement insert, @Nullable RequestKey key) throws SQLException {
        insert.setString(7, key == null ? null : key.scope());
        insert.setString(8, key == null ? null : key.key());
        if (key == null) {
            insert.setNull(9, Types.BIGINT);
        } else {
            insert.setLong(9, key.fingerprint());
        }
    }

    /** Whom a contact's first events name: its subscriber id, else its caller's address; null after its creation. */
    private static @Nullable String subscriberOf(List<Event> contactEvents) {
        if (contactEvents.getFirst() instanceof Event.ContactCreated created) {
            return created.subscriberId() != null ? created.subscriberId() : created.from();
        }
        return null;
    }

    private void insertEvents(Connection connection, List<TimelineRow> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TIMELINE)) {
            insert.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            long seq = lastTimelineSeq;
            for (TimelineRow row : rows) {
                insert.setLong(1, ++seq);
                insert.setObject(2, row.contactId());
                insert.setLong(3, row.atMs());
                insert.setString(4, row.json());
                insert.setString(5, row.subscriber());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** H2 writes commits to the file but does not fsync them; ask for it once per batch. */
    private void syncIfConfigured(Connection connection) throws SQLException {
        if (fsyncEachAppend) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }
    }

    private void stream(Connection connection, long position, Consumer<JournalEntry> sink) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement(SELECT_ENTRIES, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            select.setLong(1, position);
            select.setFetchSize(FETCH_SIZE);
            select.setQueryTimeout(0); // a long journal takes long; and H2 would keep an append's limit (see below)
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(entryOf(rows));
                }
            }
        }
    }

    private JournalEntry entryOf(ResultSet row) throws SQLException {
        long seq = row.getLong(1);
        long atMs = row.getLong(2);
        String kind = row.getString(3);
        return switch (kind) {
            case TICK -> new JournalEntry.Tick(atMs);
            case INPUT -> new JournalEntry.Input(atMs, decodeCommand(seq, row), keyOf(row));
            default -> throw new IllegalArgumentException("journal entry " + seq + " has unknown kind " + kind);
        };
    }

    private Command decodeCommand(long seq, ResultSet row) throws SQLException {
        int version = row.getInt(5);
        Integer storedVersion = row.wasNull() ? null : version;
        try {
            // type_name and payload are NULL only for a TICK (V1): an INPUT without them is corrupt
            return codec.decodeCommand(
                    inputColumn(row.getString(4), "type_name"),
                    storedVersion,
                    inputColumn(row.getString(6), "payload"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("journal entry " + seq + ": " + e.getMessage(), e);
        }
    }

    private static String inputColumn(@Nullable String value, String column) {
        if (value == null) {
            throw new IllegalArgumentException("an INPUT without its " + column);
        }
        return value;
    }

    /** The entry's idempotency key; null when its command came without one (request_scope is NULL). */
    private static @Nullable RequestKey keyOf(ResultSet row) throws SQLException {
        String scope = row.getString(7);
        if (scope == null) {
            return null;
        }
        return new RequestKey(scope, row.getString(8), row.getLong(9));
    }

    /** H2 materializes a whole result before returning it unless lazy execution is on; PostgreSQL uses a cursor. */
    private void lazyResults(Connection connection, boolean lazy) throws SQLException {
        if (fsyncEachAppend) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
            }
        }
    }

    private List<Event.ContactEvent> readTimeline(PreparedStatement select) throws SQLException {
        List<Event.ContactEvent> timeline = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                for (Event event : codec.decodeAll(rows.getString(1))) {
                    timeline.add((Event.ContactEvent) event);
                }
            }
        }
        return timeline;
    }

    private void loadPosition() {
        try (Connection connection = writerSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            long snapshotted = max(statement, "SELECT MAX(position) FROM snapshot");
            lastSeq = Math.max(max(statement, "SELECT MAX(seq) FROM journal"), snapshotted);
            long first = max(statement, "SELECT MIN(seq) FROM journal");
            retiredThrough = first == 0 ? lastSeq : first - 1;
            lastTimelineSeq = max(statement, "SELECT MAX(seq) FROM contact_timeline");
        } catch (SQLException e) {
            throw StorageException.of("reading the journal's position", e);
        }
    }

    private static long max(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
