package org.switchboard.web;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.Ids;
import org.switchboard.core.port.Planning;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;

/**
 * {@code /api/v1/planning/...}: staffing and forecasts for planners and administrators, computed by the planning
 * module on the request's thread (never the routing thread). A computation takes a core for up to seconds, so two at
 * most run at once; a third request is told to come back (503 with Retry-After). Bodies may be larger than commands
 * ({@link #MAX_BODY_BYTES}): a history of months of intervals.
 */
final class PlanningRoutes {

    static final String BASE = "/api/v1/planning";
    static final long MAX_BODY_BYTES = 16L << 20;
    static final long LARGE_BODY_BYTES = 1L << 20;
    /** How long one computation may take before it is stopped. */
    static final java.time.Duration TIME_BUDGET = java.time.Duration.ofSeconds(60);

    /**
     * Where computations run: two platform threads of their own, so a long one never holds the carriers that the
     * requests' virtual threads (health checks, the desk) run on.
     */
    private static final java.util.concurrent.ExecutorService WORKERS =
            java.util.concurrent.Executors.newFixedThreadPool(
                    2,
                    Thread.ofPlatform()
                            .name("planning-", 1)
                            .daemon(true)
                            .priority(Thread.NORM_PRIORITY - 1)
                            .factory());

    private static final int MOST_ROWS = 200_000;

    private final Auth auth;
    private final JsonBodies bodies;
    private final Supplier<Planning> planning;
    private final Supplier<java.time.Duration> budget;
    private final StatisticsSource statistics;
    private final ReadLane reads;
    private final CenterGateway center;
    private final Semaphore running = new Semaphore(2);
    private final LargeBodyGate largeBodies = new LargeBodyGate(LARGE_BODY_BYTES, 2);

    private final Clock clock;

    PlanningRoutes(
            Auth auth,
            JsonBodies bodies,
            Supplier<Planning> planning,
            Supplier<java.time.Duration> budget,
            StatisticsSource statistics,
            ReadLane reads,
            CenterGateway center,
            Clock clock) {
        this.clock = clock;
        this.auth = auth;
        this.bodies = bodies;
        this.planning = planning;
        this.budget = budget;
        this.statistics = statistics;
        this.reads = reads;
        this.center = center;
    }

    void register(RouteTable routes) {
        routes.get(BASE + "/queues", this::queues);
        routes.get(BASE + "/history", this::history);
        routes.post(BASE + "/staffing", this::staffing);
        routes.post(BASE + "/forecast", this::forecast);
        routes.post(BASE + "/replay", this::replay);
        routes.post(BASE + "/schedule", this::schedule);
        new ScenarioRoutes(auth, bodies, planning, this).register(routes);
        new LaunchRoutes(auth, bodies, planning, this).register(routes);
    }

    /** The queues a planner may plan (ids and names only) and the center's time zone. */
    private void queues(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        List<Map<String, Object>> queues = new ArrayList<>();
        for (var queue : center.view().queues()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", queue.config().id());
            row.put("name", queue.config().name());
            queues.add(row);
        }
        ctx.json(Map.of("timeZone", statistics.timeZone().getId(), "queues", queues));
    }

    /**
     * The center's own history of a queue as forecasts read it: CSV {@code interval_start,queue,offered,aht_seconds}
     * per interval of {@code intervalMinutes} (15, 30 or 60) from the 15-minute statistics, {@code from}–{@code to}
     * (dates of the center's zone, at most 400 days). Intervals outside the queue's business hours are closed and left
     * out, and so are the days before the range's first contact (the queue did not exist or the center did not run;
     * zeros there would teach a forecast that nobody calls); an interval without handled contacts takes the queue's
     * planned AHT.
     */
    private void history(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        String queueId = ctx.queryParam("queue");
        if (queueId == null) {
            throw ApiException.badRequest("'queue' is required: a queue's id");
        }
        requireQueueId(queueId, "'queue': ");
        var queue = center.view().queue(queueId).orElseThrow(() -> ApiException.notFound("no queue '" + queueId + "'"));
        int minutes = intervalMinutes(ctx.queryParam("intervalMinutes"));
        ZoneId zone = statistics.timeZone();
        LocalDate from = ReportRoutes.date("from", ctx.queryParam("from"), null);
        LocalDate to = ReportRoutes.date("to", ctx.queryParam("to"), from);
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        if (days < 1 || days > ReportRoutes.MAX_DAYS) {
            throw ApiException.badRequest("'from'..'to' is 1 to " + ReportRoutes.MAX_DAYS + " days");
        }
        long fromMs = from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = Math.max(
                fromMs, Math.min(to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(), clock.nowInMs()));
        List<org.switchboard.core.stats.IntervalStats> rows = reads.answer(() -> statistics
                .report(true, queueId, fromMs, toMs, StatisticsSource.Period.INTERVAL)
                .orElseThrow(() -> ApiException.notFound("no queue '" + queueId + "'")));
        var hours = queue.config().hours();
        double plannedAht = queue.config().plannedAhtSeconds();
        StringBuilder csv = new StringBuilder("interval_start,queue,offered,aht_seconds\n");
        long step = minutes * 60_000L;
        Map<Long, long[]> buckets = new java.util.TreeMap<>(); // start → offered, handled, handle ms
        for (var row : rows) {
            long start = fromMs + (row.startMs() - fromMs) / step * step;
            long[] b = buckets.computeIfAbsent(start, k -> new long[3]);
            b[0] += row.offered();
            b[1] += row.handled();
            b[2] += row.totalHandleMs();
        }
        // what has not happened yet is not history: no zeros for it; nor the days before the queue's first contact
        long closedBeforeMs = clock.nowInMs() / step * step;
        long firstDayMs = buckets.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0)
                .findFirst()
                .map(e -> java.time.Instant.ofEpochMilli(e.getKey())
                        .atZone(zone)
                        .toLocalDate()
                        .atStartOfDay(zone)
                        .toInstant()
                        .toEpochMilli())
                .orElse(Long.MAX_VALUE);
        buckets.forEach((start, b) -> {
            if (start < firstDayMs) {
                return; // before the queue's first contact: it did not exist, or the center did not run
            }
            if (hours != null && !hours.isOpenAt(start)) {
                return; // closed
            }
            if (start + step > closedBeforeMs) {
                return; // not over yet
            }
            double aht = b[1] > 0 ? b[2] / 1000.0 / b[1] : plannedAht;
            csv.append(java.time.Instant.ofEpochMilli(start).atZone(zone).toOffsetDateTime())
                    .append(',')
                    .append(queueId)
                    .append(',')
                    .append(b[0])
                    .append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.1f", aht))
                    .append('\n');
        });
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header(
                "Content-Disposition", "attachment; filename=\"history-" + queueId + "-" + from + "-" + to + ".csv\"");
        ctx.result(csv.toString());
    }

    private static int intervalMinutes(@Nullable String text) {
        if (text == null) {
            return 30;
        }
        return switch (text) {
            case "15" -> 15;
            case "30" -> 30;
            case "60" -> 60;
            default -> throw ApiException.badRequest("'intervalMinutes' is 15, 30 or 60");
        };
    }

    /** Targets in percent as people write them, and the traffic: one load, or a forecast's intervals. */
    record StaffingRequest(
            @Nullable Double arrivalsPerHour,
            @Nullable Double ahtSeconds,
            @Nullable Double serviceLevelPercent,
            @Nullable Double slSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double maxOccupancyPercent,
            @Nullable Double maxAbandonPercent,
            @Nullable Double patienceSeconds,
            @Nullable Double shrinkagePercent,
            @Nullable List<Interval> forecast,
            @Nullable Integer intervalMinutes) {}

    /** One queue's interval: {@code intervalStart} ISO-8601 with an offset. */
    /** A row of a forecast or a history; {@code low} and {@code high} (a forecast's own rows have them) are optional. */
    record Interval(
            @Nullable String intervalStart,
            @Nullable String queue,
            @Nullable Double offered,
            @Nullable Double ahtSeconds,
            @Nullable Double low,
            @Nullable Double high) {}

    record SpecialDayRequest(
            @Nullable String date,
            @Nullable String kind,
            @Nullable Double multiplier) {}

    record ForecastRequest(
            @Nullable List<Interval> history,
            @Nullable Integer horizonDays,
            @Nullable Integer intervalMinutes,
            @Nullable String timeZone,
            @Nullable List<SpecialDayRequest> specialDays,
            @Nullable Integer backtestWeeks) {}

    /** Agents needed from {@code intervalStart} (ISO-8601 with an offset); several rows of one start add up. */
    record RequiredRequest(
            @Nullable String intervalStart, @Nullable Double agents) {}

    record ScheduleRequest(
            @Nullable List<RequiredRequest> requirements,
            @Nullable String from,
            @Nullable Integer days,
            @Nullable List<String> patterns,
            @Nullable Double minRestHours,
            @Nullable Double maxWeeklyHours,
            @Nullable String timeZone) {}

    /**
     * The most agents a schedule's interval may ask for through the API: ten times a 1,000-agent center's peak. Every
     * agent at the peak is a shift to place; one half hour asking for 86,400 (a fuzzer's) took the roster about two
     * minutes, past the 60 s budget, where 10,000 take 4 s. The command line takes what it is given.
     */
    static final int MOST_SCHEDULED_AT_ONCE = 10_000;

    private void schedule(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        ScheduleRequest r = body(ctx, ScheduleRequest.class);
        List<RequiredRequest> requirements = requireRows(r.requirements(), "requirements", "intervalStart, agents");
        java.util.TreeMap<Long, Double> required = new java.util.TreeMap<>();
        for (int i = 0; i < requirements.size(); i++) {
            RequiredRequest row = requirements.get(i);
            String where = "'requirements' row " + (i + 1) + ": ";
            if (row == null || row.intervalStart() == null || row.agents() == null) {
                throw ApiException.badRequest(where + "intervalStart and agents are required");
            }
            if (!(row.agents() >= 0 && row.agents() <= MOST_SCHEDULED_AT_ONCE)) {
                throw ApiException.badRequest(where + "agents must be 0.." + MOST_SCHEDULED_AT_ONCE);
            }
            long startMs = instant(row.intervalStart(), where + "intervalStart");
            if (startMs % 60_000 != 0) {
                throw ApiException.badRequest(where + "intervalStart must be on a whole minute");
            }
            if (required.merge(startMs, row.agents(), Double::sum) > MOST_SCHEDULED_AT_ONCE) {
                throw ApiException.badRequest(where + "the rows of " + row.intervalStart() + " ask for more than "
                        + MOST_SCHEDULED_AT_ONCE + " agents at once");
            }
        }
        List<String> patterns = r.patterns() == null ? List.of("8h", "12h") : r.patterns();
        if (patterns.isEmpty() || patterns.size() > 4 || patterns.stream().anyMatch(java.util.Objects::isNull)) {
            throw ApiException.badRequest("'patterns' names 1 to 4 of 4h, 6h, 8h, 12h");
        }
        LocalDate from;
        try {
            from = r.from() == null ? null : LocalDate.parse(r.from());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("'from' is a date, YYYY-MM-DD");
        }
        if (from != null && (from.getYear() < 2000 || from.getYear() > 2999)) {
            throw ApiException.badRequest("'from' is not between the years 2000 and 2999");
        }
        var request = new Planning.ScheduleRequest(
                required,
                from,
                r.days() == null ? 7 : r.days(),
                patterns,
                r.minRestHours() == null ? 12 : r.minRestHours(),
                r.maxWeeklyHours() == null ? 40 : r.maxWeeklyHours(),
                zone(r.timeZone()));
        Planning.ScheduleResult result = compute(() -> planning.get().schedule(request));
        ZoneId zone = request.zone();
        List<Map<String, Object>> shifts = new ArrayList<>();
        for (Planning.ScheduledShift shift : result.shifts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", shift.agent());
            row.put("start", local(shift.startMs(), zone));
            row.put("end", local(shift.endMs(), zone));
            row.put("pattern", shift.pattern());
            row.put("paidHours", shift.paidHours());
            row.put("breaks", shift.breaks());
            shifts.add(row);
        }
        List<Map<String, Object>> coverage = new ArrayList<>();
        for (Planning.Coverage c : result.coverage()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intervalStart", local(c.startMs(), zone));
            row.put("required", c.required());
            row.put("scheduled", c.scheduled());
            coverage.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agents", result.agents());
        body.put("paidHours", result.paidHours());
        body.put("lowerBoundHours", result.lowerBoundHours());
        body.put("gap", result.gap());
        body.put("requiredHours", result.requiredHours());
        body.put("underCoverageHours", result.underCoverageHours());
        body.put("overCoverageHours", result.overCoverageHours());
        body.put("shifts", shifts);
        body.put("coverage", coverage);
        body.put("chartSvg", result.chartSvg());
        ctx.json(body);
    }

    static String local(long epochMs, ZoneId zone) {
        return java.time.Instant.ofEpochMilli(epochMs)
                .atZone(zone)
                .toOffsetDateTime()
                .toString();
    }

    /** One call of a call log: {@code arrivedAt} ISO-8601 with an offset, {@code outcome} answered or abandoned. */
    record CallRequest(
            @Nullable String arrivedAt,
            @Nullable String queue,
            @Nullable String outcome,
            @Nullable Double waitSeconds,
            @Nullable Double handleSeconds) {}

    record StaffedRequest(
            @Nullable String intervalStart,
            @Nullable String queue,
            @Nullable Integer agents) {}

    /** A what-if routing step: the agents of {@code queues} answer, for {@code seconds} (absent: from then on). */
    record StepRequest(
            @Nullable List<String> queues, @Nullable Integer seconds) {}

    record ReplayRequest(
            @Nullable List<CallRequest> calls,
            @Nullable List<StaffedRequest> staffing,
            @Nullable Integer slSeconds,
            @Nullable Long seed,
            @Nullable Double agentsTimes,
            @Nullable Integer agentsPlus,
            @Nullable Long callbackAfterSeconds,
            @Nullable Double callbackTakeUpPercent,
            @Nullable Map<String, List<StepRequest>> routing,
            @Nullable String timeZone) {}

    private void replay(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        ReplayRequest r = body(ctx, ReplayRequest.class);
        List<Planning.LoggedCall> calls = calls(r.calls());
        List<Planning.StaffedInterval> staffing = staffed(r.staffing());
        ZoneId zone = zone(r.timeZone());
        if (r.callbackAfterSeconds() != null && r.callbackAfterSeconds() < 0) {
            throw ApiException.badRequest("'callbackAfterSeconds' is 0..86400 (leave it out for no callbacks)");
        }
        Planning.ReplaySettings settings;
        try {
            settings = new Planning.ReplaySettings(
                    r.slSeconds() == null ? 20 : r.slSeconds(),
                    r.seed() == null ? 1 : r.seed(),
                    zone,
                    r.agentsTimes() == null ? 1 : r.agentsTimes(),
                    r.agentsPlus() == null ? 0 : r.agentsPlus(),
                    r.callbackAfterSeconds() == null ? -1 : r.callbackAfterSeconds(),
                    routing(r.routing()),
                    r.callbackTakeUpPercent() == null ? 1 : r.callbackTakeUpPercent() / 100);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "the replay's settings are invalid"));
        }
        Planning.ReplayResult result = compute(() -> planning.get().replay(calls, staffing, settings));
        List<Map<String, Object>> intervals = new ArrayList<>();
        for (Planning.ReplayInterval i : result.intervals()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(
                    "intervalStart",
                    java.time.Instant.ofEpochMilli(i.startMs())
                            .atZone(zone)
                            .toOffsetDateTime()
                            .toString());
            row.put("queue", i.queue());
            row.put("agents", i.agents());
            row.put("replay", i.figures().replay());
            row.put("log", i.figures().log());
            intervals.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.total());
        body.put("queues", result.queues());
        body.put("intervalMinutes", result.intervalMinutes());
        body.put("intervals", intervals);
        ctx.json(body);
    }

    /** The what-if's steps per queue; a null anywhere is named. */
    private static Map<String, List<Planning.ReplayStep>> routing(@Nullable Map<String, List<StepRequest>> routing) {
        if (routing == null) {
            return Map.of();
        }
        Map<String, List<Planning.ReplayStep>> steps = new LinkedHashMap<>();
        routing.forEach((queue, ofQueue) -> {
            requireQueueId(queue, "'routing': ");
            if (ofQueue == null || ofQueue.size() > Planning.MOST_REPLAY_STEPS) {
                throw ApiException.badRequest("'routing' of '" + queue + "': 1.." + Planning.MOST_REPLAY_STEPS
                        + " steps of {\"queues\":[…],\"seconds\":20}");
            }
            List<Planning.ReplayStep> list = new ArrayList<>();
            for (StepRequest step : ofQueue) {
                if (step == null || step.queues() == null) {
                    throw ApiException.badRequest("'routing' of '" + queue + "': a step needs its 'queues'");
                }
                list.add(new Planning.ReplayStep(step.queues(), step.seconds() == null ? 0 : step.seconds()));
            }
            steps.put(queue, list);
        });
        return steps;
    }

    private static List<Planning.LoggedCall> calls(@Nullable List<CallRequest> given) {
        List<CallRequest> rows = requireRows(given, "calls", "arrivedAt, queue, outcome, waitSeconds[, handleSeconds]");
        List<Planning.LoggedCall> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CallRequest row = rows.get(i);
            String where = "'calls' row " + (i + 1) + ": ";
            if (row == null
                    || row.arrivedAt() == null
                    || row.queue() == null
                    || row.outcome() == null
                    || row.waitSeconds() == null) {
                throw ApiException.badRequest(where + "arrivedAt, queue, outcome and waitSeconds are required");
            }
            requireQueueId(row.queue(), where);
            boolean answered = switch (row.outcome()) {
                case "answered" -> true;
                case "abandoned" -> false;
                default -> throw ApiException.badRequest(where + "outcome is answered or abandoned");
            };
            try {
                out.add(new Planning.LoggedCall(
                        instant(row.arrivedAt(), where + "arrivedAt"),
                        row.queue(),
                        answered,
                        row.waitSeconds(),
                        row.handleSeconds()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(where + ApiErrors.messageOr(e, "the row is invalid"));
            }
        }
        return out;
    }

    private static List<Planning.StaffedInterval> staffed(@Nullable List<StaffedRequest> given) {
        List<StaffedRequest> rows = requireRows(given, "staffing", "intervalStart, queue, agents");
        List<Planning.StaffedInterval> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StaffedRequest row = rows.get(i);
            String where = "'staffing' row " + (i + 1) + ": ";
            if (row == null || row.intervalStart() == null || row.queue() == null || row.agents() == null) {
                throw ApiException.badRequest(where + "intervalStart, queue and agents are required");
            }
            requireQueueId(row.queue(), where);
            try {
                out.add(new Planning.StaffedInterval(
                        instant(row.intervalStart(), where + "intervalStart"), row.queue(), row.agents()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(where + ApiErrors.messageOr(e, "the row is invalid"));
            }
        }
        return out;
    }

    static long instant(String text, String what) {
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(what + " is ISO-8601 with an offset, e.g. 2026-12-01T09:30+05:00");
        }
        if (at.getYear() < 2000 || at.getYear() > 2999) {
            throw ApiException.badRequest(what + " is not between the years 2000 and 2999");
        }
        return at.toInstant().toEpochMilli();
    }

    /** The rows given: 1 to {@value #MOST_ROWS} of them, else 400. */
    private static <T> List<T> requireRows(@Nullable List<T> rows, String field, String columns) {
        if (rows == null || rows.isEmpty()) {
            throw ApiException.badRequest("'" + field + "' is required: rows of {" + columns + "}");
        }
        if (rows.size() > MOST_ROWS) {
            throw ApiException.badRequest("'" + field + "' has more than " + MOST_ROWS + " rows");
        }
        return rows;
    }

    /** The zone asked for, else the center's. */
    ZoneId zone(@Nullable String timeZone) {
        try {
            return timeZone == null ? statistics.timeZone() : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("'timeZone' is an IANA zone such as Asia/Yekaterinburg");
        }
    }

    private void staffing(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        StaffingRequest r = body(ctx, StaffingRequest.class);
        if (r.forecast() == null) {
            Planning.Need need = compute(() -> planning.get()
                    .staffing(targets(
                            r,
                            required(r.arrivalsPerHour(), "arrivalsPerHour"),
                            required(r.ahtSeconds(), "ahtSeconds"))));
            ctx.json(need(need, r));
            return;
        }
        if (r.arrivalsPerHour() != null || r.ahtSeconds() != null) {
            throw ApiException.badRequest("give either 'forecast' or 'arrivalsPerHour' and 'ahtSeconds'");
        }
        List<Planning.Traffic> intervals = traffic(r.forecast(), "forecast");
        int minutes = r.intervalMinutes() == null ? 30 : r.intervalMinutes();
        List<Planning.IntervalNeed> needs =
                compute(() -> planning.get().staffing(targets(r, 0, 1), intervals, minutes));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Planning.IntervalNeed n : needs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intervalStart", n.interval().start().toString());
            row.put("queue", n.interval().queue());
            row.put("offered", n.interval().offered());
            row.put("ahtSeconds", n.interval().ahtSeconds());
            row.putAll(need(n.need(), r));
            rows.add(row);
        }
        ctx.json(Map.of("intervals", rows));
    }

    private void forecast(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        ForecastRequest r = body(ctx, ForecastRequest.class);
        List<Planning.Traffic> history = traffic(r.history(), "history");
        ZoneId zone = zone(r.timeZone());
        List<Planning.SpecialDay> special = new ArrayList<>();
        for (SpecialDayRequest d : r.specialDays() == null ? List.<SpecialDayRequest>of() : r.specialDays()) {
            if (d == null || d.date() == null || d.kind() == null || !d.kind().matches("[a-z][a-z0-9_-]{0,31}")) {
                throw ApiException.badRequest(
                        "a special day is {\"date\":\"2026-12-08\",\"kind\":\"launch\",\"multiplier\":1.8} (kind in"
                                + " lower-case letters, digits, '_' or '-'; multiplier optional)");
            }
            try {
                special.add(new Planning.SpecialDay(LocalDate.parse(d.date()), d.kind(), d.multiplier()));
            } catch (DateTimeException e) {
                throw ApiException.badRequest("a special day's 'date' is YYYY-MM-DD");
            }
        }
        var request = new Planning.ForecastRequest(
                r.intervalMinutes() == null ? 30 : r.intervalMinutes(),
                r.horizonDays() == null ? 14 : r.horizonDays(),
                zone,
                special,
                r.backtestWeeks() == null ? 4 : r.backtestWeeks());
        Planning.ForecastResult result = compute(() -> planning.get().forecast(history, request));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Planning.Traffic t : result.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intervalStart", t.start().toString());
            row.put("queue", t.queue());
            row.put("offered", t.offered());
            row.put("ahtSeconds", t.ahtSeconds());
            row.put("low", t.low());
            row.put("high", t.high());
            rows.add(row);
        }
        List<Map<String, Object>> queues = new ArrayList<>();
        for (Planning.QueueForecast q : result.queues()) {
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("queue", q.queue());
            queue.put("chosen", q.chosen());
            queue.put("dispersion", finiteOrNull(q.dispersion()));
            queue.put(
                    "backtest",
                    q.backtest().stream().map(PlanningRoutes::accuracy).toList());
            queues.add(queue);
        }
        ctx.json(Map.of("intervals", rows, "queues", queues));
    }

    /** A backtest's errors; one that cannot be computed (no contacts to compare with) is null, never NaN. */
    private static Map<String, Object> accuracy(Planning.Accuracy a) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", a.method());
        row.put("intervalMape", finiteOrNull(a.intervalMape()));
        row.put("intervalWape", finiteOrNull(a.intervalWape()));
        row.put("dayMape", finiteOrNull(a.dayMape()));
        row.put("dayWape", finiteOrNull(a.dayWape()));
        return row;
    }

    private static @Nullable Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Planning.Targets targets(StaffingRequest r, double perHour, double aht) {
        return new Planning.Targets(
                perHour,
                aht,
                fraction(r.serviceLevelPercent()),
                r.slSeconds() == null ? 20 : r.slSeconds(),
                r.asaSeconds(),
                fraction(r.maxOccupancyPercent()),
                fraction(r.maxAbandonPercent()),
                r.patienceSeconds(),
                r.shrinkagePercent() == null ? 0 : r.shrinkagePercent() / 100);
    }

    private static Map<String, Object> need(Planning.Need n, StaffingRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agents", n.agents());
        body.put("serviceLevel", n.serviceLevel());
        body.put("probWait", n.probWait());
        body.put("asaSeconds", n.asaSeconds());
        body.put("occupancy", n.occupancy());
        if (n.probAbandon() != null) {
            body.put("probAbandon", n.probAbandon());
        }
        if (r.shrinkagePercent() != null && r.shrinkagePercent() > 0) {
            body.put("scheduledAgents", n.scheduledAgents());
        }
        return body;
    }

    static List<Planning.Traffic> traffic(@Nullable List<Interval> given, String field) {
        List<Interval> rows = requireRows(given, field, "intervalStart, queue, offered, ahtSeconds");
        List<Planning.Traffic> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Interval row = rows.get(i);
            String where = "'" + field + "' row " + (i + 1) + ": ";
            if (row == null
                    || row.intervalStart() == null
                    || row.queue() == null
                    || row.offered() == null
                    || row.ahtSeconds() == null) {
                throw ApiException.badRequest(where + "intervalStart, queue, offered and ahtSeconds are required");
            }
            OffsetDateTime start;
            try {
                start = OffsetDateTime.parse(row.intervalStart());
            } catch (DateTimeException e) {
                throw ApiException.badRequest(
                        where + "intervalStart is ISO-8601 with an offset, e.g. 2026-12-01T09:30+05:00");
            }
            requireQueueId(row.queue(), where);
            if ((row.low() != null && !(row.low() >= 0 && row.low() <= row.offered()))
                    || (row.high() != null && !(row.high() >= row.offered() && row.high() <= 1e8))) {
                throw ApiException.badRequest(
                        where + "low and high, when given, hold offered: 0 <= low <= offered <= high <= 100000000");
            }
            out.add(new Planning.Traffic(start, row.queue(), row.offered(), row.ahtSeconds(), row.low(), row.high()));
        }
        return out;
    }

    /** A queue id as the core checks it, or 400 (a long one is cut before it is quoted back). */
    private static void requireQueueId(String queue, String where) {
        try {
            Ids.require("queue", queue.length() > 64 ? queue.substring(0, 64) + "…" : queue);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(where + ApiErrors.messageOr(e, "the queue id is invalid"));
        }
    }

    private static double required(@Nullable Double value, String field) {
        if (value == null) {
            throw ApiException.badRequest("'" + field + "' is required (or give 'forecast')");
        }
        return value;
    }

    private static @Nullable Double fraction(@Nullable Double percent) {
        return percent == null ? null : percent / 100;
    }

    /**
     * The request's body read as {@code type}, up to {@link #MAX_BODY_BYTES}. A body over {@value #LARGE_BODY_BYTES}
     * bytes (or of no declared length) is read only while fewer than two others are ({@link LargeBodyGate}): else 503
     * busy at once, so that planners' large bodies cannot fill the heap or take the cores from the center.
     */
    <T> T body(Context ctx, Class<T> type) {
        return largeBodies.read(ctx.req().getContentLengthLong(), () -> bodies.read(ctx, type, MAX_BODY_BYTES));
    }

    /**
     * Runs a computation on the planning threads when a slot is free, stopped when it outlives the time budget (503);
     * a refusal of its input is 400 with the planning module's sentence. The slot is freed when the computation has
     * ended, not when the request gave up on it: one that is slow to notice it was stopped keeps its slot meanwhile,
     * so the next request is told "busy" at once instead of queueing behind it.
     */
    <T> T compute(Supplier<T> work) {
        if (!running.tryAcquire()) {
            throw new ApiException(503, "busy", "two planning computations are running; try again in a few seconds");
        }
        java.util.concurrent.Future<T> future;
        try {
            future = WORKERS.submit(() -> {
                try {
                    return work.get();
                } finally {
                    running.release();
                }
            });
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        try {
            return future.get(budget.get().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new ApiException(
                    503,
                    "too_long",
                    "the computation was stopped after " + budget.get().toSeconds()
                            + " s: ask for less (fewer rows or queues, a shorter horizon or period)");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("the request was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw refusal(cause == null ? e : cause);
        }
    }

    private static RuntimeException refusal(Throwable cause) {
        return switch (cause) {
            case IllegalArgumentException e ->
                ApiException.badRequest(ApiErrors.messageOr(e, "the planning module refused the input"));
            case java.util.concurrent.CancellationException e ->
                ApiException.unavailable(ApiErrors.messageOr(e, "the computation was stopped"));
            case IllegalStateException e ->
                ApiException.unavailable(ApiErrors.messageOr(e, "the computation cannot run now"));
            case RuntimeException e -> e;
            case Error e -> throw e;
            default -> new IllegalStateException(cause);
        };
    }
}
