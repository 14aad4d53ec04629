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
import org.switchboard.core.routing.RoutingEngine;

/** The live figures follow the center's zone: recent intervals on its quarter hours, today from its midnight. */
class QueueFiguresTest {

    static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(KATHMANDU).toInstant().toEpochMilli();
    }

    @Test
    void recentIntervalsAndTodayAreCutInTheCentersZone() {
        StatisticsProjection projection =
                StatisticsProjection.kind(KATHMANDU, null).create();
        QueueFigures figures = new QueueFigures(projection, () -> at("2026-11-27T10:20"));
        List<Event> events = new ArrayList<>();
        RoutingEngine engine = new RoutingEngine(events::add);
        engine.apply(
                new Command.DefineQueue(QueueConfig.simple("info", null, List.of("info"))), at("2026-11-26T23:50"));
        engine.apply(
                new Command.RegisterContact(
                        new UUID(1, 1), Channel.VOICE, "+79120000001", null, "info", 0, Map.of(), null),
                at("2026-11-26T23:55"));
        engine.apply(
                new Command.RegisterContact(
                        new UUID(1, 2), Channel.VOICE, "+79120000002", null, "info", 0, Map.of(), null),
                at("2026-11-27T10:07"));
        projection.apply(events, 1);

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
}
