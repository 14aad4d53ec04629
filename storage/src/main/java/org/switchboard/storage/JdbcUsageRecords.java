package org.switchboard.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;
import org.switchboard.core.port.UsageRecords;

/**
 * Itemized records in table {@code usage_record}, paged by keyset: a page's cursor is the time and id of its last
 * record, so every page is one index range scan, however deep ({@code usage_record_by_line}). Thread-safe; database
 * failures throw {@link StorageException}.
 */
final class JdbcUsageRecords implements UsageRecords {

    private static final String PAGE = "SELECT id, at_ms, kind, peer, quantity, cost_minor, currency FROM usage_record"
            + " WHERE msisdn = ? AND at_ms >= ? AND at_ms < ? AND (at_ms > ? OR (at_ms = ? AND id > ?))"
            + " ORDER BY at_ms, id LIMIT ?";
    private static final String TOTALS = "SELECT kind, COUNT(*), SUM(quantity), SUM(cost_minor) FROM usage_record"
            + " WHERE msisdn = ? AND at_ms >= ? AND at_ms < ? GROUP BY kind";
    private static final String INSERT = "INSERT INTO usage_record"
            + " (msisdn, at_ms, kind, peer, quantity, cost_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String ERASE = "DELETE FROM usage_record WHERE msisdn = ?";
    /** Old records go a range of ids at a time, walking the primary key: no index by age slows the inserts. */
    private static final String EXPIRE = "DELETE FROM usage_record WHERE id >= ? AND id < ? AND at_ms < ?";

    private static final String ID_RANGE = "SELECT MIN(id), MAX(id) FROM usage_record";
    private static final long EXPIRE_RANGE = 50_000;
    private static final Pattern CURSOR = Pattern.compile("(-?[0-9a-z]{1,13})\\.([0-9a-z]{1,13})");
    private static final int BATCH = 1_000;

    private final DataSource dataSource;
    private final int timeoutSeconds;

    JdbcUsageRecords(DataSource dataSource, int timeoutSeconds) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Page page(String msisdn, long fromMs, long toMs, @Nullable String after, int limit) {
        Objects.requireNonNull(msisdn, "msisdn");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " records, not " + limit);
        }
        long[] cursor = after == null ? new long[] {Long.MIN_VALUE, Long.MIN_VALUE} : cursor(after);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, PAGE, timeoutSeconds)) {
            select.setString(1, msisdn);
            select.setLong(2, fromMs);
            select.setLong(3, toMs);
            select.setLong(4, cursor[0]);
            select.setLong(5, cursor[0]);
            select.setLong(6, cursor[1]);
            select.setInt(7, limit + 1); // one more tells whether a next page exists
            List<UsageRecord> records = new ArrayList<>();
            long lastAtMs = 0;
            long lastId = 0;
            boolean more = false;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (records.size() == limit) {
                        more = true;
                        break;
                    }
                    lastId = rows.getLong(1);
                    lastAtMs = rows.getLong(2);
                    records.add(new UsageRecord(
                            msisdn,
                            lastAtMs,
                            UsageKind.valueOf(rows.getString(3).toUpperCase(Locale.ROOT)),
                            rows.getString(4),
                            rows.getLong(5),
                            rows.getLong(6),
                            rows.getString(7)));
                }
            }
            return new Page(records, more ? Long.toString(lastAtMs, 36) + "." + Long.toString(lastId, 36) : null);
        } catch (SQLException e) {
            throw StorageException.of("reading the itemized records of " + msisdn, e);
        }
    }

    private static long[] cursor(String after) {
        Matcher m = CURSOR.matcher(after);
        if (!m.matches()) {
            throw new IllegalArgumentException("'after' is not a cursor this center gave (take a page's 'next')");
        }
        try {
            return new long[] {Long.parseLong(m.group(1), 36), Long.parseLong(m.group(2), 36)};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'after' is not a cursor this center gave (take a page's 'next')");
        }
    }

    @Override
    public Map<UsageKind, Total> totals(String msisdn, long fromMs, long toMs) {
        Objects.requireNonNull(msisdn, "msisdn");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, TOTALS, timeoutSeconds)) {
            select.setString(1, msisdn);
            select.setLong(2, fromMs);
            select.setLong(3, toMs);
            Map<UsageKind, Total> totals = new EnumMap<>(UsageKind.class);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.put(
                            UsageKind.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)),
                            new Total(rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw StorageException.of("adding up the itemized records of " + msisdn, e);
        }
    }

    @Override
    public void append(List<UsageRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            Sql.inTransaction(dataSource, tx -> {
                try (PreparedStatement insert = Sql.prepare(tx, INSERT, timeoutSeconds)) {
                    int batched = 0;
                    for (UsageRecord r : records) {
                        insert.setString(1, r.msisdn());
                        insert.setLong(2, r.atMs());
                        insert.setString(3, r.kind().wireName());
                        insert.setString(4, r.peer());
                        insert.setLong(5, r.quantity());
                        insert.setLong(6, r.costMinor());
                        insert.setString(7, r.currency());
                        insert.addBatch();
                        if (++batched % BATCH == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw StorageException.of("storing " + records.size() + " itemized records", e);
        }
    }

    @Override
    public long erase(String msisdn) {
        return delete(ERASE, "erasing the itemized records of a subscriber", s -> s.setString(1, msisdn));
    }

    @Override
    public long deleteBefore(long cutoffMs) {
        long[] ids = idRange();
        long deleted = 0;
        for (long from = ids[0]; from <= ids[1]; from += EXPIRE_RANGE) {
            long start = from;
            deleted += delete(EXPIRE, "deleting old itemized records", s -> {
                s.setLong(1, start);
                s.setLong(2, start + EXPIRE_RANGE);
                s.setLong(3, cutoffMs);
            });
        }
        return deleted;
    }

    /** The lowest and highest id, or an empty range. */
    private long[] idRange() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = Sql.prepare(connection, ID_RANGE, timeoutSeconds);
                ResultSet row = select.executeQuery()) {
            row.next();
            long min = row.getLong(1);
            return row.wasNull() ? new long[] {0, -1} : new long[] {min, row.getLong(2)};
        } catch (SQLException e) {
            throw StorageException.of("deleting old itemized records", e);
        }
    }

    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private long delete(String sql, String what, Binding binding) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = Sql.prepare(connection, sql, timeoutSeconds)) {
            binding.bind(delete);
            return delete.executeLargeUpdate();
        } catch (SQLException e) {
            throw StorageException.of(what, e);
        }
    }
}
