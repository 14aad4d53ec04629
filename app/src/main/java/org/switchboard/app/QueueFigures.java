package org.switchboard.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.port.StatisticsArchive;
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
    private final StatisticsArchive archive;

    /** Reads {@code projection}, the center's live one, and for older periods {@code archive}. */
    QueueFigures(StatisticsProjection projection, StatisticsArchive archive, Clock clock) {
        this.statistics = projection.statistics;
        this.queueIds = projection.queueIds;
        this.agentIds = projection.agentIds;
        this.archive = archive;
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

    /**
     * Every period of the range, oldest first, zeros included: those the live projection still holds (it keeps the
     * last {@link StatisticsProjection#MEMORY_MS}) from it, older ones from the archive, which holds every period the
     * projection ever had contacts in.
     */
    @Override
    public Optional<List<IntervalStats>> report(
            boolean queue, String subjectId, long fromMs, long toMs, Period period) {
        StatisticsArchive.Subject kind = queue ? StatisticsArchive.Subject.QUEUE : StatisticsArchive.Subject.AGENT;
        ReportingCalendar calendar = statistics.calendar();
        long floorMs = calendar.firstIntervalStartFrom(clock.nowInMs() - StatisticsProjection.MEMORY_MS);
        Map<Long, IntervalStats> archived = new HashMap<>();
        if (fromMs < floorMs) {
            List<IntervalStats> old = period == Period.DAY
                    ? archive.days(kind, subjectId, fromMs, Math.min(toMs, floorMs))
                    : archive.intervals(kind, subjectId, fromMs, Math.min(toMs, floorMs));
            old.forEach(s -> archived.put(s.startMs(), s));
        }
        synchronized (statistics) {
            if (!knows(queue, subjectId)) {
                return Optional.empty();
            }
            List<IntervalStats> rows = new ArrayList<>();
            if (period == Period.DAY) {
                for (LocalDate day = calendar.dayOf(fromMs); calendar.startOf(day) < toMs; day = day.plusDays(1)) {
                    long startMs = calendar.startOf(day);
                    long endMs = calendar.startOf(day.plusDays(1));
                    rows.add(
                            startMs >= floorMs
                                    ? (queue
                                                    ? statistics.queueDays(subjectId, day, day)
                                                    : statistics.agentDays(subjectId, day, day))
                                            .getFirst()
                                    : archived.getOrDefault(startMs, IntervalStats.empty(subjectId, startMs, endMs)));
                }
                return Optional.of(rows);
            }
            for (long startMs = calendar.firstIntervalStartFrom(fromMs);
                    startMs < Math.min(toMs, floorMs);
                    startMs = calendar.nextIntervalStart(startMs)) {
                rows.add(archived.getOrDefault(
                        startMs, IntervalStats.empty(subjectId, startMs, calendar.nextIntervalStart(startMs))));
            }
            long recentFromMs = Math.max(fromMs, floorMs);
            if (recentFromMs < toMs) {
                rows.addAll(
                        queue
                                ? statistics.queueIntervals(subjectId, recentFromMs, toMs)
                                : statistics.agentIntervals(subjectId, recentFromMs, toMs));
            }
            return Optional.of(rows);
        }
    }

    private boolean knows(boolean queue, String subjectId) {
        return queue
                ? queueIds.contains(subjectId) || statistics.queueIds().contains(subjectId)
                : agentIds.contains(subjectId) || statistics.agentIds().contains(subjectId);
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
