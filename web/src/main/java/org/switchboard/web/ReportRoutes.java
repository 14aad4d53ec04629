package org.switchboard.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.time.Clock;

/**
 * Reports for supervisors: {@code GET /api/v1/reports/queues/{id}} and {@code /agents/{id}}, the figures of every
 * 15-minute interval or day of a date range in the center's zone, with their total, as JSON or CSV
 * ({@code format=csv}); the numbers are those of docs/metrics.md, the same as {@code /stats}. An agent may read its own
 * report. Ranges are bounded: {@value #MAX_INTERVAL_DAYS} days of intervals, {@value #MAX_DAYS} of days.
 */
final class ReportRoutes {

    static final int MAX_INTERVAL_DAYS = 31;
    static final int MAX_DAYS = 400;
    private static final List<String> COLUMNS = List.of(
            "start",
            "end",
            "offered",
            "handled",
            "answered",
            "answeredWithinThreshold",
            "abandoned",
            "shortAbandoned",
            "serviceLevelPercent",
            "asaSeconds",
            "ahtSeconds",
            "averageWrapUpSeconds",
            "longestWaitSeconds",
            "transferred",
            "callbacksRequested",
            "callbacksCompleted");

    private final Auth auth;
    private final StatisticsSource statistics;
    private final ReadLane reads;
    private final Clock clock;

    ReportRoutes(Auth auth, StatisticsSource statistics, ReadLane reads, Clock clock) {
        this.clock = clock;
        this.auth = auth;
        this.statistics = statistics;
        this.reads = reads;
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/reports/queues/{id}", ctx -> report(ctx, true));
        routes.get("/api/v1/reports/agents/{id}", ctx -> report(ctx, false));
    }

    private void report(Context ctx, boolean queue) {
        Principal viewer = auth.require(ctx, Role.SUPERVISOR, Role.ADMIN, Role.AGENT);
        String id = ctx.pathParam("id");
        if (viewer.role() == Role.AGENT && (queue || !id.equals(viewer.agentId()))) {
            throw ApiException.forbidden("an agent reads its own report only");
        }
        StatisticsSource.Period period = period(ctx.queryParam("period"));
        ZoneId zone = statistics.timeZone();
        LocalDate from =
                date("from", ctx.queryParam("from"), LocalDate.ofInstant(Instant.ofEpochMilli(clock.nowInMs()), zone));
        LocalDate to = date("to", ctx.queryParam("to"), from);
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        int max = period == StatisticsSource.Period.INTERVAL ? MAX_INTERVAL_DAYS : MAX_DAYS;
        if (days < 1) {
            throw ApiException.badRequest(
                    "'to' (" + to + ") is before 'from' (" + from + "): choose a 'to' on or after it");
        }
        if (days > max) {
            throw ApiException.badRequest("the range has " + days + " days; one report holds at most " + max
                    + " days of " + period.name().toLowerCase(Locale.ROOT) + "s");
        }
        boolean csv = "csv".equals(ctx.queryParam("format"));
        if (ctx.queryParam("format") != null && !csv && !"json".equals(ctx.queryParam("format"))) {
            throw ApiException.badRequest("'format' is json (the default) or csv");
        }
        long fromMs = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        List<IntervalStats> rows = reads.answer(() -> statistics
                .report(queue, id, fromMs, toMs, period)
                .orElseThrow(() -> ApiException.notFound("no " + (queue ? "queue" : "agent") + " '" + id + "'")));
        if (csv) {
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\"" + (queue ? "queue-" : "agent-") + safe(id) + "-" + from + "-" + to
                            + ".csv\"");
            ctx.result(csv(rows, zone));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", queue ? "queue" : "agent");
        body.put("id", id);
        body.put("period", period.name().toLowerCase(Locale.ROOT));
        body.put("timeZone", zone.getId());
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("rows", rows.stream().map(IntervalFigures::of).toList());
        body.put("total", IntervalFigures.of(total(id, fromMs, toMs, rows)));
        ctx.json(body);
    }

    private static IntervalStats total(String id, long fromMs, long toMs, List<IntervalStats> rows) {
        IntervalStats total = IntervalStats.empty(id, fromMs, toMs);
        for (IntervalStats row : rows) {
            total = total.plus(row);
        }
        return total;
    }

    /**
     * The rows as CSV: a header of the JSON names, then one line per period; empty averages are empty cells. A period's
     * start and end are written in the center's zone with its offset ({@code 2026-12-01T00:00+05:00}), as the page and
     * a spreadsheet read them, where the JSON gives UTC instants.
     */
    static String csv(List<IntervalStats> rows, java.time.ZoneId zone) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (IntervalStats row : rows) {
            Map<String, Object> figures = IntervalFigures.of(row);
            List<String> cells = new ArrayList<>(COLUMNS.size());
            for (String column : COLUMNS) {
                Object value = figures.get(column);
                if (value != null && (column.equals("start") || column.equals("end"))) {
                    value = java.time.Instant.parse(value.toString())
                            .atZone(zone)
                            .toOffsetDateTime();
                }
                cells.add(value == null ? "" : String.valueOf(value));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static StatisticsSource.Period period(@Nullable String text) {
        if (text == null || text.equals("day")) {
            return StatisticsSource.Period.DAY;
        }
        if (text.equals("interval")) {
            return StatisticsSource.Period.INTERVAL;
        }
        throw ApiException.badRequest("'period' is interval (15 minutes) or day");
    }

    static LocalDate date(String name, @Nullable String text, @Nullable LocalDate byDefault) {
        if (text == null) {
            if (byDefault == null) {
                throw ApiException.badRequest("'" + name + "' is required: a date such as 2026-12-01");
            }
            return byDefault;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (date.getYear() < 2000 || date.getYear() > 2999) {
                throw ApiException.badRequest("'" + name + "' is a date between the years 2000 and 2999");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' is a date such as 2026-12-01");
        }
    }

    /** An id as it may stand in a file name. */
    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
