package org.switchboard.core.port;

import java.util.List;
import org.switchboard.core.stats.IntervalStats;

/**
 * Where closed statistics are kept for reports, forecasts and incident reviews, so they never depend on the raw
 * journal: per queue and per agent, every 15-minute interval and every day, for at least 400 days. Saving a period
 * again replaces it (an interval's figures may still change after it ends, while contacts that queued in it are
 * answered). Thread-safe. Failures throw {@link StoreUnavailableException}.
 */
public interface StatisticsArchive {

    /** Whose figures: a queue's or an agent's. */
    enum Subject {
        QUEUE,
        AGENT
    }

    /** Saves (or replaces) 15-minute intervals of queues or agents. */
    void saveIntervals(Subject kind, List<IntervalStats> intervals);

    /** Saves (or replaces) days of queues or agents; each period is one local day of the center's zone. */
    void saveDays(Subject kind, List<IntervalStats> days);

    /** The stored intervals of one subject starting in {@code [fromMs, toMs)}, oldest first. */
    List<IntervalStats> intervals(Subject kind, String subjectId, long fromMs, long toMs);

    /** The stored days of one subject starting in {@code [fromMs, toMs)}, oldest first. */
    List<IntervalStats> days(Subject kind, String subjectId, long fromMs, long toMs);

    /** Deletes periods that started before {@code beforeMs}; returns how many. */
    long forgetBefore(long beforeMs);
}
