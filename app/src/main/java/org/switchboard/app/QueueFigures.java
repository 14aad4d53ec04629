package org.switchboard.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.ReportingCalendar;
import org.switchboard.core.stats.Statistics;
import org.switchboard.core.time.Clock;
import org.switchboard.web.IntervalFigures;
import org.switchboard.web.StatisticsSource;

/**
 * What the stats endpoints show of the statistics projection (see {@link StatisticsProjection}): the recent
 * 15-minute intervals and today, of one queue or agent. Reads take the projection's monitor, briefly.
 *
 * <p>Every queue and agent the center defined has figures, in the same shape, from its definition on: zeros until
 * something happens. Ids the center never defined have none.
 */
final class QueueFigures implements StatisticsSource {

    /** Interval figures shown beside the real-time ones: the last two hours. */
    private static final int RECENT_INTERVALS = 8;

    private final Statistics statistics;
    private final Set<String> queueIds;
    private final Set<String> agentIds;
    private final Clock clock;

    /** Reads {@code projection}, the center's live one. */
    QueueFigures(StatisticsProjection projection, Clock clock) {
        this.statistics = projection.statistics;
        this.queueIds = projection.queueIds;
        this.agentIds = projection.agentIds;
        this.clock = clock;
    }

    @Override
    public ZoneId timeZone() {
        return statistics.calendar().zone();
    }

    @Override
    public Optional<QueueStatistics> statisticsOf(String queueId) {
        synchronized (statistics) {
            if (!queueIds.contains(queueId) && !statistics.queueIds().contains(queueId)) {
                return Optional.empty();
            }
            return Optional.of(recentAndToday(statistics::queueIntervals, statistics::queueDays, queueId));
        }
    }

    @Override
    public Optional<QueueStatistics> agentStatisticsOf(String agentId) {
        synchronized (statistics) {
            if (!agentIds.contains(agentId) && !statistics.agentIds().contains(agentId)) {
                return Optional.empty();
            }
            return Optional.of(recentAndToday(statistics::agentIntervals, statistics::agentDays, agentId));
        }
    }

    private QueueStatistics recentAndToday(Intervals intervals, Days days, String subjectId) {
        long nowMs = clock.nowInMs();
        ReportingCalendar calendar = statistics.calendar();
        long intervalStart = calendar.intervalStartOf(nowMs);
        LocalDate today = calendar.dayOf(nowMs);
        List<Map<String, Object>> recent = intervals
                .of(subjectId, intervalStart - (RECENT_INTERVALS - 1) * Statistics.INTERVAL_MS, intervalStart + 1)
                .stream()
                .map(IntervalFigures::of)
                .toList();
        return new QueueStatistics(
                recent, IntervalFigures.of(days.of(subjectId, today, today).getFirst()));
    }

    private interface Intervals {
        List<IntervalStats> of(String subjectId, long fromMs, long toMs);
    }

    private interface Days {
        List<IntervalStats> of(String subjectId, LocalDate first, LocalDate last);
    }
}
