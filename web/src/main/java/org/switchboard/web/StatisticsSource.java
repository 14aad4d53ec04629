package org.switchboard.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.switchboard.core.stats.IntervalStats;

/**
 * Where {@code GET /api/v1/queues/{id}/stats} finds interval statistics (15-minute intervals, today) to show beside
 * the real-time figures. The application adapts the statistics projection to it; without one the endpoint shows
 * real-time figures only.
 *
 * <p>Threading: called on HTTP request threads, concurrently; must be quick and must not block on the routing loop.
 */
@FunctionalInterface
public interface StatisticsSource {

    /** No interval statistics. */
    StatisticsSource NONE = queueId -> Optional.empty();

    /**
     * The interval statistics of one queue, or empty when there are none (unknown queue, no data yet).
     *
     * @param queueId an existing queue's id
     */
    Optional<QueueStatistics> statisticsOf(String queueId);

    /**
     * The interval statistics of one agent (contacts handled, handle and wrap-up times), in the same shape; empty
     * by default.
     *
     * @param agentId an existing agent's id
     */
    default Optional<QueueStatistics> agentStatisticsOf(String agentId) {
        return Optional.empty();
    }

    /**
     * The center's time zone (setting {@code center.time-zone}): the figures' intervals and days are cut in it, and
     * business hours given without a zone are in it. The system's zone by default.
     */
    default ZoneId timeZone() {
        return ZoneId.systemDefault();
    }

    /** How a report cuts its range: into 15-minute intervals or into days of the center's zone. */
    enum Period {
        INTERVAL,
        DAY
    }

    /**
     * The figures of one queue ({@code queue}) or agent for every period starting in {@code [fromMs, toMs)}, oldest
     * first, zeros included for periods without contacts; empty when the center never defined the subject. Recent
     * periods come from the live projection, older ones from the statistics archive.
     */
    default Optional<List<IntervalStats>> report(
            boolean queue, String subjectId, long fromMs, long toMs, Period period) {
        return Optional.empty();
    }

    /**
     * Interval figures of one queue. Both values are serialized as JSON by Jackson as they are, under the names
     * {@code intervals} and {@code today}: make each period with {@link IntervalFigures#of}, which the API document
     * describes.
     *
     * @param intervals the recent 15-minute intervals, oldest first, or null
     * @param today     the figures of the current day so far, or null
     */
    record QueueStatistics(Object intervals, Object today) {}
}
