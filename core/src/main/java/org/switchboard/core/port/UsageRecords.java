package org.switchboard.core.port;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The lines' itemized records (calls, SMS, data sessions) as billing rated them: what the portal, the USSD menu and
 * the desk show a subscriber. An operator plugs in its billing system here; the built-in implementation keeps them in
 * the center's database, fed by billing (or by {@code switchboard demo-data}). Thread-safe; a store that cannot be
 * reached throws {@link StoreUnavailableException}.
 */
public interface UsageRecords {

    /** The most records one page holds. */
    int MAX_PAGE = 500;

    /**
     * Records of {@code msisdn} that began in {@code [fromMs, toMs)}, oldest first, at most {@code limit} (1 to
     * {@link #MAX_PAGE}), starting after {@code after} (a page's {@link Page#next}, null for the first page). A cursor
     * this store did not make throws {@link IllegalArgumentException}.
     */
    Page page(String msisdn, long fromMs, long toMs, @Nullable String after, int limit);

    /** What {@code msisdn} used in {@code [fromMs, toMs)}, per kind (kinds it did not use are absent). */
    Map<UsageKind, Total> totals(String msisdn, long fromMs, long toMs);

    /** Stores records (billing's feed); all of them or none. */
    void append(List<UsageRecord> records);

    /** Deletes the records of {@code msisdn} (an erasure on request); returns how many. */
    long erase(String msisdn);

    /** Deletes records that began before {@code cutoffMs} (retention); returns how many. */
    long deleteBefore(long cutoffMs);

    /** One page: its records and the cursor of the next page, null when this is the last. */
    record Page(List<UsageRecord> records, @Nullable String next) {
        public Page {
            records = List.copyOf(records);
        }
    }

    /** The sum of one kind: how many records, their quantity (seconds, messages, bytes) and cost. */
    record Total(long count, long quantity, long costMinor) {}
}
