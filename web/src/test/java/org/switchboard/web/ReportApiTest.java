package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.stats.IntervalStats;

/** Reports over a date range: periods cut in the center's zone, a total, CSV with the same numbers, bounded ranges. */
class ReportApiTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Yekaterinburg");
    private static RunningCenter center;
    private static final List<String> asked = new ArrayList<>();

    @BeforeAll
    static void start() {
        center = new RunningCenter(WebOptions.DEFAULTS, System::currentTimeMillis, new StatisticsSource() {
            @Override
            public Optional<QueueStatistics> statisticsOf(String queueId) {
                return Optional.empty();
            }

            @Override
            public ZoneId timeZone() {
                return ZONE;
            }

            /** Each period offers as many contacts as its index + 1, one answered within the threshold. */
            @Override
            public Optional<List<IntervalStats>> report(
                    boolean queue, String id, long fromMs, long toMs, Period period) {
                asked.add((queue ? "queue " : "agent ") + id + " " + fromMs + ".." + toMs + " " + period);
                if (id.equals("ghost")) {
                    return Optional.empty();
                }
                long step = period == Period.DAY ? 86_400_000L : 900_000L;
                List<IntervalStats> rows = new ArrayList<>();
                for (long start = fromMs, n = 1; start < toMs; start += step, n++) {
                    if (id.startsWith("young") && start < fromMs + 86_400_000L) { // no contact on its first day
                        rows.add(IntervalStats.empty(id, start, start + step));
                        continue;
                    }
                    rows.add(new IntervalStats(
                            id, start, start + step, n, 1, 1, 0, n - 1, 0, 0, 0, 0, 1, 4_000, 120_000, 10_000, 9_000));
                }
                return Optional.of(rows);
            }
        });
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aQueuesDaysAreCutInTheCentersZoneWithATotalAndTheSameNumbersAsCsv() {
        var report = center.get("/api/v1/reports/queues/info?from=2026-12-01&to=2026-12-03", ADMIN_TOKEN)
                .expect(200);

        long midnight =
                LocalDate.parse("2026-12-01").atStartOfDay(ZONE).toInstant().toEpochMilli();
        assertThat(asked.getLast()).isEqualTo("queue info " + midnight + ".." + (midnight + 3 * 86_400_000L) + " DAY");
        assertThat(report.text("timeZone")).isEqualTo("Asia/Yekaterinburg");
        assertThat(report.json().get("rows")).hasSize(3);
        assertThat(report.json().get("rows").get(0).get("start").asText()).isEqualTo("2026-11-30T19:00:00Z");
        assertThat(report.json().get("total").get("offered").asLong()).isEqualTo(6);
        assertThat(report.json().get("total").get("abandoned").asLong()).isEqualTo(3);

        var csv = center.get("/api/v1/reports/queues/info?from=2026-12-01&to=2026-12-03&format=csv", ADMIN_TOKEN)
                .expect(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(csv.headers("Content-Type").getFirst()).startsWith("text/csv");
        assertThat(csv.headers("Content-Disposition").getFirst()).contains("queue-info-2026-12-01-2026-12-03.csv");
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).startsWith("start,end,offered,handled,answered,");
        assertThat(lines.get(3)) // the day as the center and the page name it, not its UTC instants
                .startsWith("2026-12-03T00:00+05:00,2026-12-04T00:00+05:00,3,1,1,1,2,");
    }

    @Test
    void rangesAndParametersAreChecked() {
        String base = "/api/v1/reports/queues/info";
        String today = java.time.LocalDate.now(ZONE).toString();
        var todays = center.get(base, ADMIN_TOKEN).expect(200);
        assertThat(List.of(todays.text("from"), todays.text("to")))
                .as("today in the center's zone, whatever the server's")
                .containsAnyOf(today, java.time.LocalDate.now(ZONE).minusDays(1).toString())
                .containsOnly(todays.text("from"));
        assertThat(center.get(base + "?from=2026-12-03&to=", ADMIN_TOKEN).status())
                .isEqualTo(400);
        assertThat(center.get(base + "?from=2026-12-03&to=2026-12-01", ADMIN_TOKEN)
                        .status())
                .isEqualTo(400);
        assertThat(center.get(base + "?from=2026-01-01&to=2026-03-01&period=interval", ADMIN_TOKEN)
                        .status())
                .isEqualTo(400);
        assertThat(center.get(base + "?from=2026-01-01&to=2026-03-01&period=day", ADMIN_TOKEN)
                        .status())
                .isEqualTo(200);
        assertThat(center.get(base + "?from=2026-12-01&period=hour", ADMIN_TOKEN)
                        .status())
                .isEqualTo(400);
        assertThat(center.get(base + "?from=2026-12-01&format=xml", ADMIN_TOKEN).status())
                .isEqualTo(400);
        assertThat(center.get(base + "?from=0001-01-01", ADMIN_TOKEN).status()).isEqualTo(400);
        assertThat(center.get(base + "?from=%00", ADMIN_TOKEN).status()).isEqualTo(400);
        assertThat(center.get("/api/v1/reports/queues/ghost?from=2026-12-01", ADMIN_TOKEN)
                        .status())
                .isEqualTo(404);
        var intervals = center.get(base + "?from=2026-12-01&period=interval", ADMIN_TOKEN)
                .expect(200);
        assertThat(intervals.json().get("rows")).hasSize(96);
    }

    @Test
    void anAgentReadsItsOwnReportOnlyAndChannelsNone() {
        String agent = unique("anton");
        String token = center.agent(agent, "info");

        center.get("/api/v1/reports/agents/" + agent + "?from=2026-12-01", token)
                .expect(200);
        assertThat(center.get("/api/v1/reports/agents/someone?from=2026-12-01", token)
                        .status())
                .isEqualTo(403);
        assertThat(center.get("/api/v1/reports/queues/info?from=2026-12-01", token)
                        .status())
                .isEqualTo(403);
        assertThat(center.get("/api/v1/reports/queues/info?from=2026-12-01", center.user("channel"))
                        .status())
                .isEqualTo(403);
        center.get("/api/v1/reports/agents/" + agent + "?from=2026-12-01", center.user("supervisor"))
                .expect(200);
    }

    /** The center's own history as the forecast reads it: 15-minute figures summed into half hours, AHT per handled. */
    @Test
    void aPlannerReadsAQueuesHistoryInTheForecastsFormat() {
        String queue = unique("hist");
        center.queue(queue, queue);
        String planner = center.user("planner");

        var history = center.get("/api/v1/planning/history?queue=" + queue + "&from=2026-12-01", planner)
                .expect(200);

        List<String> lines = history.body().lines().toList();
        assertThat(history.headers("Content-Type").getFirst()).startsWith("text/csv");
        assertThat(lines.getFirst()).isEqualTo("interval_start,queue,offered,aht_seconds");
        assertThat(lines).hasSize(1 + 48);
        // the day's first two quarters offer 1 and 2 contacts, one handled in each, 120 s of handling apiece
        assertThat(lines.get(1)).isEqualTo("2026-12-01T00:00+05:00," + queue + ",3,120.0");
        assertThat(lines.get(48)).startsWith("2026-12-01T23:30+05:00," + queue + ",191,");
        assertThat(center.get("/api/v1/planning/history?queue=" + queue + "&from=2026-12-01", ADMIN_TOKEN)
                        .status())
                .isEqualTo(200);
        assertThat(center.get("/api/v1/planning/history?queue=" + queue + "&from=2026-12-01", center.user("supervisor"))
                        .status())
                .isEqualTo(403);

        // a queue without a contact on its first day: that day is before it was used, not a day nobody called
        String young = unique("young");
        center.queue(young, young);
        List<String> used = center.get(
                        "/api/v1/planning/history?queue=" + young + "&from=2026-12-01&to=2026-12-02", planner)
                .expect(200)
                .body()
                .lines()
                .toList();
        assertThat(used).hasSize(1 + 48);
        assertThat(used.get(1)).startsWith("2026-12-02T00:00+05:00," + young + ",");

        // a queue open 09:00–18:00 on Tuesdays: the hours it is closed are not history, they are closed
        String office = unique("office");
        center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + office + "\",\"skills\":[\"" + office + "\"],\"hours\":{\"week\":{\"tuesday\":"
                                + "[{\"from\":\"09:00\",\"to\":\"18:00\"}]}}}")
                .expect(201);
        List<String> open = center.get(
                        "/api/v1/planning/history?queue=" + office + "&from=2026-12-01&to=2026-12-02", planner)
                .expect(200)
                .body()
                .lines()
                .toList();
        assertThat(open).hasSize(1 + 18); // Tuesday 1 December only; Wednesday is closed all day
        assertThat(open.get(1)).startsWith("2026-12-01T09:00+05:00," + office + ",");
    }
}
