package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.web.StatisticsSource;

/** The live figures follow the center's zone: recent intervals on its quarter hours, today from its midnight. */
class QueueFiguresTest {

    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(KATHMANDU).toInstant().toEpochMilli();
    }

    @Test
    void recentIntervalsAndTodayAreCutInTheCentersZone() {
        QueueFigures figures = figuresAfterCallsAt("2026-11-26T23:55", "2026-11-27T10:07");

        var statistics = figures.statisticsOf("info").orElseThrow();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> intervals = (List<Map<String, Object>>) statistics.intervals();
        @SuppressWarnings("unchecked")
        Map<String, Object> today = (Map<String, Object>) statistics.today();
        assertThat(intervals).hasSize(8);
        assertThat(intervals.getLast().get("start")).as("10:15 in Kathmandu").isEqualTo("2026-11-27T04:30:00Z");
        assertThat(intervals.get(6).get("offered"))
                .as("10:00, the call of 10:07")
                .isEqualTo(1L);
        assertThat(today.get("start")).as("midnight in Kathmandu").isEqualTo("2026-11-26T18:15:00Z");
        assertThat(today.get("offered")).as("not yesterday's call of 23:55").isEqualTo(1L);
        assertThat(figures.timeZone()).isEqualTo(KATHMANDU);
    }

    @Test
    void theDemosQueuesAreOpenAroundTheClock() {
        assertThat(Demo.queues()).allSatisfy(queue -> assertThat(queue.hours()).isNull());
    }

    /**
     * The figures at 2026-11-27 10:20 in Kathmandu of queue info (defined the evening before), after one call at each
     * local time given; older periods from {@link OldFigures}.
     */
    private static QueueFigures figuresAfterCallsAt(String... localTimes) {
        StatisticsProjection projection =
                StatisticsProjection.kind(KATHMANDU, null).create();
        List<Event> events = new ArrayList<>();
        RoutingEngine engine = new RoutingEngine(events::add);
        engine.apply(
                new Command.DefineQueue(QueueConfig.simple("info", null, List.of("info"))), at("2026-11-26T23:50"));
        for (int i = 0; i < localTimes.length; i++) {
            engine.apply(
                    new Command.RegisterContact(
                            new UUID(1, i + 1),
                            Channel.VOICE,
                            "+7912000000" + (i + 1),
                            null,
                            "info",
                            0,
                            Map.of(),
                            null),
                    at(localTimes[i]));
        }
        projection.apply(events, 1);
        return new QueueFigures(projection, new OldFigures(), () -> at("2026-11-27T10:20"));
    }

    /** An archive holding one old day and one old interval of queue info, 7 and 3 contacts offered. */
    static final class OldFigures implements StatisticsArchive {
        @Override
        public void saveIntervals(Subject kind, List<IntervalStats> intervals) {}

        @Override
        public void saveDays(Subject kind, List<IntervalStats> days) {}

        @Override
        public List<IntervalStats> intervals(Subject kind, String subjectId, long fromMs, long toMs) {
            long start = at("2026-11-25T10:15");
            return start >= fromMs && start < toMs && subjectId.equals("info")
                    ? List.of(offered(subjectId, start, start + 900_000, 3))
                    : List.of();
        }

        @Override
        public List<IntervalStats> days(Subject kind, String subjectId, long fromMs, long toMs) {
            long start = at("2026-11-21T00:00");
            return start >= fromMs && start < toMs && subjectId.equals("info")
                    ? List.of(offered(subjectId, start, at("2026-11-22T00:00"), 7))
                    : List.of();
        }

        @Override
        public long forgetBefore(long beforeMs) {
            return 0;
        }

        private static IntervalStats offered(String subjectId, long startMs, long endMs, long offered) {
            return new IntervalStats(subjectId, startMs, endMs, offered, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void aReportTakesOldPeriodsFromTheArchiveAndRecentOnesFromTheProjectionFillingTheGapsWithZeros() {
        QueueFigures figures = figuresAfterCallsAt("2026-11-26T23:55");

        List<IntervalStats> days = figures.report(
                        true, "info", at("2026-11-20T00:00"), at("2026-11-28T00:00"), StatisticsSource.Period.DAY)
                .orElseThrow();
        List<IntervalStats> intervals = figures.report(
                        true, "info", at("2026-11-25T10:00"), at("2026-11-25T11:00"), StatisticsSource.Period.INTERVAL)
                .orElseThrow();

        assertThat(days).extracting(IntervalStats::offered).containsExactly(0L, 7L, 0L, 0L, 0L, 0L, 1L, 0L);
        assertThat(days.get(6).startMs()).isEqualTo(at("2026-11-26T00:00"));
        assertThat(intervals)
                .extracting(IntervalStats::startMs)
                .containsExactly(
                        at("2026-11-25T10:00"), at("2026-11-25T10:15"), at("2026-11-25T10:30"), at("2026-11-25T10:45"));
        assertThat(intervals).extracting(IntervalStats::offered).containsExactly(0L, 3L, 0L, 0L);
        assertThat(figures.report(true, "nowhere", 0, 1, StatisticsSource.Period.DAY))
                .isEmpty();
    }
}
