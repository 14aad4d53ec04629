package org.switchboard.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.message.Event;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.ReportingCalendar;
import org.switchboard.core.stats.Statistics;
import org.switchboard.core.time.Clock;
import org.switchboard.runtime.EventListener;
import org.switchboard.web.StatisticsSource;

/**
 * The statistics projection of the running center: fed with every durable event (the replayed history too), read by
 * the stats endpoint. The projection is single-threaded, so feeding and reading take its monitor; both are quick.
 *
 * <p>Every queue and agent the center defined has figures, in the same shape, from its definition on: zeros until
 * something happens. Ids the center never defined have none.
 */
final class QueueFigures implements EventListener, StatisticsSource {

    /** Interval figures shown beside the real-time ones: the last two hours. */
    private static final int RECENT_INTERVALS = 8;
    /** Intervals older than this are dropped from memory (reports of older periods replay the journal). */
    static final long RETENTION_MS = 35L * 24 * 3_600_000;
    private static final long FORGET_EVERY_MS = 3_600_000;

    private final Statistics statistics;
    private final Clock clock;
    private final Set<String> queueIds = new HashSet<>();
    private final Set<String> agentIds = new HashSet<>();
    private long forgottenAtMs;

    /** @param zone the center's time zone: intervals start on its quarter hours, days at its midnights */
    QueueFigures(Clock clock, ZoneId zone) {
        this.statistics = new Statistics(queueId -> null, zone);
        this.clock = clock;
    }

    @Override
    public ZoneId timeZone() {
        return statistics.calendar().zone();
    }

    @Override
    public void onEvents(List<Event> events, boolean replay) {
        synchronized (statistics) {
            events.forEach(this::count);
            long latestMs = events.getLast().atMs();
            if (latestMs - forgottenAtMs >= FORGET_EVERY_MS) {
                statistics.forgetBefore(latestMs - RETENTION_MS);
                forgottenAtMs = latestMs;
            }
        }
    }

    private void count(Event event) {
        switch (event) {
            case Event.QueueDefined e -> queueIds.add(e.queueId());
            case Event.AgentDefined e -> agentIds.add(e.agentId());
            default -> { }
        }
        statistics.accept(event);
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
        List<Map<String, Object>> recent = intervals.of(subjectId,
                intervalStart - (RECENT_INTERVALS - 1) * Statistics.INTERVAL_MS, intervalStart + 1)
                .stream().map(QueueFigures::json).toList();
        return new QueueStatistics(recent, json(days.of(subjectId, today, today).getFirst()));
    }

    private interface Intervals {
        List<IntervalStats> of(String subjectId, long fromMs, long toMs);
    }

    private interface Days {
        List<IntervalStats> of(String subjectId, LocalDate first, LocalDate last);
    }

    private static Map<String, Object> json(IntervalStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", Instant.ofEpochMilli(s.startMs()).toString());
        m.put("end", Instant.ofEpochMilli(s.endMs()).toString());
        m.put("offered", s.offered());
        m.put("handled", s.handled());
        m.put("answered", s.answered());
        m.put("answeredWithinThreshold", s.answeredWithinThreshold());
        m.put("abandoned", s.abandoned());
        m.put("shortAbandoned", s.shortAbandoned());
        m.put("serviceLevelPercent", s.serviceLevelPercent());
        m.put("asaSeconds", s.averageSpeedOfAnswerSeconds());
        m.put("ahtSeconds", s.averageHandleSeconds());
        m.put("averageWrapUpSeconds", s.averageWrapUpSeconds());
        m.put("longestWaitSeconds", s.longestWaitSeconds());
        m.put("transferred", s.transferred());
        m.put("callbacksRequested", s.callbacksRequested());
        m.put("callbacksCompleted", s.callbacksCompleted());
        return m;
    }
}
