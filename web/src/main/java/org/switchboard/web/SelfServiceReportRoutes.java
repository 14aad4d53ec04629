package org.switchboard.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.switchboard.core.port.Role;
import org.switchboard.core.port.SelfServiceLog;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.QueueView;

/**
 * {@code GET /api/v1/reports/self-service}: does self-service take load off the phones? Per day (the center's zone)
 * and topic: sessions, subscribers, how many were contained (the subscriber opened no contact on any channel within
 * 24 h after), and the operator minutes that saved at the AHT of the queue self-service stands in for. A day is final
 * 24 h after it ends. As JSON or CSV ({@code format=csv}); definitions in docs/metrics.md.
 */
final class SelfServiceReportRoutes {

    static final int MAX_DAYS = 92;
    private static final List<String> COLUMNS = List.of(
            "day", "topic", "sessions", "subscribers", "contained", "containedPercent", "minutesSaved", "final");

    private final Auth auth;
    private final SelfServiceLog log;
    private final CenterGateway center;
    private final ZoneId zone;
    private final Clock clock;
    private final Supplier<String> pricingQueue;

    SelfServiceReportRoutes(
            Auth auth,
            SelfServiceLog log,
            CenterGateway center,
            ZoneId zone,
            Clock clock,
            Supplier<String> pricingQueue) {
        this.auth = auth;
        this.log = log;
        this.center = center;
        this.zone = zone;
        this.clock = clock;
        this.pricingQueue = pricingQueue;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/reports/self-service", this::report);
    }

    private void report(Context ctx) {
        auth.require(ctx, Role.SUPERVISOR, Role.ADMIN);
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(clock.nowInMs()), zone);
        LocalDate from = ReportRoutes.date("from", ctx.queryParam("from"), today);
        LocalDate to = ReportRoutes.date("to", ctx.queryParam("to"), from);
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.badRequest("'to' is on or after 'from', at most " + MAX_DAYS + " days in one report");
        }
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ApiException.badRequest("'format' is json (the default) or csv");
        }
        String queue = pricingQueue.get();
        double aht = ahtSeconds(queue);
        List<Row> rows = rows(log.endedBetween(millis(from), millis(to.plusDays(1))), aht);
        if ("csv".equals(format)) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"self-service-" + from + "-" + to + ".csv\"");
            ctx.result(csv(rows));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timeZone", zone.getId());
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("queue", queue);
        body.put("ahtSeconds", aht);
        body.put("rows", rows.stream().map(Row::json).toList());
        body.put("total", total(rows).json());
        ctx.json(body);
    }

    /** The AHT a contained session is priced at: the queue's recent handle time, else its planned one; 0 unknown. */
    private double ahtSeconds(String queueId) {
        return center.view()
                .queue(queueId)
                .map(q -> q.averageHandleSeconds() > 0 ? q.averageHandleSeconds() : plannedAht(q))
                .orElse(0.0);
    }

    private static double plannedAht(QueueView q) {
        return q.config().plannedAhtSeconds();
    }

    private long millis(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** One day's figures of one topic. */
    record Row(
            String day, String topic, int sessions, int subscribers, int contained, double ahtSeconds, boolean done) {
        double containedPercent() {
            return sessions == 0 ? 0 : Math.round(1000.0 * contained / sessions) / 10.0;
        }

        double minutesSaved() {
            return Math.round(10.0 * contained * ahtSeconds / 60) / 10.0;
        }

        Map<String, Object> json() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("day", day);
            body.put("topic", topic);
            body.put("sessions", sessions);
            body.put("subscribers", subscribers);
            body.put("contained", contained);
            body.put("containedPercent", containedPercent());
            body.put("minutesSaved", minutesSaved());
            body.put("final", done);
            return body;
        }
    }

    private List<Row> rows(List<SelfServiceLog.Outcome> outcomes, double aht) {
        Map<String, List<SelfServiceLog.Outcome>> byDayAndTopic = new TreeMap<>();
        for (SelfServiceLog.Outcome outcome : outcomes) {
            String day = LocalDate.ofInstant(
                            Instant.ofEpochMilli(outcome.session().endedAtMs()), zone)
                    .toString();
            byDayAndTopic
                    .computeIfAbsent(day + " " + outcome.session().topic(), k -> new ArrayList<>())
                    .add(outcome);
        }
        long now = clock.nowInMs();
        List<Row> rows = new ArrayList<>();
        byDayAndTopic.forEach((key, group) -> {
            String day = key.substring(0, key.indexOf(' '));
            long finalAt = millis(LocalDate.parse(day).plusDays(1)) + SelfServiceLog.FOLLOW_UP_WINDOW_MS;
            rows.add(figures(day, key.substring(key.indexOf(' ') + 1), group, aht, now >= finalAt));
        });
        return rows;
    }

    private static Row figures(String day, String topic, List<SelfServiceLog.Outcome> group, double aht, boolean done) {
        Set<String> subscribers = new HashSet<>();
        int contained = 0;
        for (SelfServiceLog.Outcome outcome : group) {
            subscribers.add(outcome.session().msisdn());
            contained += outcome.followedUp() ? 0 : 1;
        }
        return new Row(day, topic, group.size(), subscribers.size(), contained, aht, done);
    }

    private static Row total(List<Row> rows) {
        int sessions = rows.stream().mapToInt(Row::sessions).sum();
        int contained = rows.stream().mapToInt(Row::contained).sum();
        double aht = rows.isEmpty() ? 0 : rows.getFirst().ahtSeconds();
        // subscribers are counted per day and topic; the total adds them up, so one subscriber on two days counts twice
        int subscribers = rows.stream().mapToInt(Row::subscribers).sum();
        return new Row(
                "",
                "",
                sessions,
                subscribers,
                contained,
                aht,
                !rows.isEmpty() && rows.stream().allMatch(Row::done));
    }

    static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%.1f,%.1f,%s\n",
                    row.day(),
                    row.topic(),
                    row.sessions(),
                    row.subscribers(),
                    row.contained(),
                    row.containedPercent(),
                    row.minutesSaved(),
                    row.done()));
        }
        return out.toString();
    }
}
