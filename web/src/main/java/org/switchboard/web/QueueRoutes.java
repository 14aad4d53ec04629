package org.switchboard.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.http.Context;
import io.javalin.json.JsonMapper;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.DefinitionMode;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.OpeningRange;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.port.Principal;
import org.switchboard.core.port.Role;
import org.switchboard.core.time.Clock;
import org.switchboard.core.view.ContactView;
import org.switchboard.core.view.QueueView;
import org.switchboard.runtime.ReadModel;

/**
 * {@code /api/v1/queues}: departments' queues. Administrators define them ({@code POST} creates, {@code PUT}
 * replaces); everyone signed in may read them and their real-time figures.
 */
final class QueueRoutes {

    private static final String QUEUES = "/api/v1/queues";
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 1_000;
    /** A page ends after the contact that takes its contacts' JSON past this many bytes, whatever the limit. */
    static final int MAX_PAGE_BYTES = 1 << 20;

    private final Auth auth;
    private final CenterGateway center;
    private final JsonBodies bodies;
    private final AuditTrail audit;
    private final StatisticsSource statistics;
    private final ReadLane reads;

    private final Clock clock;

    QueueRoutes(
            Auth auth,
            CenterGateway center,
            JsonBodies bodies,
            AuditTrail audit,
            StatisticsSource statistics,
            ReadLane reads,
            Clock clock) {
        this.clock = clock;
        this.auth = auth;
        this.center = center;
        this.bodies = bodies;
        this.audit = audit;
        this.statistics = statistics;
        this.reads = reads;
    }

    void register(RouteTable routes) {
        routes.post(QUEUES, this::create);
        routes.get(QUEUES, this::list);
        routes.get(QUEUES + "/{id}", this::show);
        routes.put(QUEUES + "/{id}", this::replace);
        routes.get(QUEUES + "/{id}/stats", this::stats);
        routes.get(QUEUES + "/{id}/contacts", this::contacts);
    }

    private void create(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        QueueRequest request = bodies.read(ctx, QueueRequest.class);
        QueueConfig config = request.toConfig(request.id(), statistics.timeZone());
        Outcome outcome = define(ctx, admin, config, DefinitionMode.CREATE);
        audit.recordApplied(
                outcome, admin, "queue.create", config.id(), config.steps().size() + " routing step(s)");
        Idempotency.replied(ctx, outcome)
                .status(201)
                .header("Location", QUEUES + "/" + config.id())
                .json(QueueBody.of(config));
    }

    private void replace(Context ctx) {
        Principal admin = auth.require(ctx, Role.ADMIN);
        String id = ctx.pathParam("id");
        QueueRequest request = bodies.read(ctx, QueueRequest.class);
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.badRequest("the body's id '" + request.id() + "' differs from the path's '" + id + "'");
        }
        QueueConfig config = request.toConfig(id, statistics.timeZone());
        Outcome outcome = define(ctx, admin, config, DefinitionMode.REPLACE);
        audit.recordApplied(outcome, admin, "queue.replace", id, config.steps().size() + " routing step(s)");
        Idempotency.replied(ctx, outcome).json(QueueBody.of(config));
    }

    /** Creates or replaces the queue; whether it exists is the engine's to decide, atomically. */
    private Outcome define(Context ctx, Principal admin, QueueConfig config, DefinitionMode mode) {
        try {
            return center.submit(new Command.DefineQueue(config, mode), Idempotency.keyOf(ctx, admin));
        } catch (ApiException refusal) {
            throw switch (refusal.status()) {
                case 409 ->
                    ApiException.conflict(
                            refusal.getMessage() + "; PUT " + QUEUES + "/" + config.id() + " replaces it");
                case 404 -> ApiException.notFound(refusal.getMessage() + "; POST " + QUEUES + " creates it");
                default -> refusal;
            };
        }
    }

    private void list(Context ctx) {
        auth.require(ctx, Auth.CENTER_ROLES);
        ctx.json(center.view().queues().stream()
                .map(q -> QueueBody.of(q.config()))
                .toList());
    }

    private void show(Context ctx) {
        auth.require(ctx, Auth.CENTER_ROLES);
        ctx.json(QueueBody.of(queue(ctx.pathParam("id")).config()));
    }

    /**
     * The queue's waiting contacts, a page at a time: QUEUED ones in routing order with their positions, then the
     * scheduled callbacks by time; {@code nextCursor} fetches the next page. For supervisors and adapters. The page
     * and its JSON are made on the read lane. A page is bounded by bytes too ({@value #MAX_PAGE_BYTES}): a thousand
     * contacts carrying 40 KB of attributes each made a 31.6 MB answer.
     */
    private void contacts(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.SUPERVISOR, Role.CHANNEL);
        String id = ctx.pathParam("id");
        int limit = Limits.of(ctx, DEFAULT_PAGE, MAX_PAGE);
        String cursor = ctx.queryParam("cursor");
        ReadModel view = center.view();
        if (view.queue(id).isEmpty()) {
            throw noQueue(id);
        }
        JsonMapper json = ctx.jsonMapper();
        reads.json(ctx, () -> page(view, id, cursor, limit, json));
    }

    /**
     * Up to {@code limit} contacts, each made into JSON here so that the page stops after the one that takes it past
     * {@link #MAX_PAGE_BYTES} (the first is always taken). The view does not change, so asking it again for as many
     * contacts as were taken gives the same ones, with the cursor after the last.
     */
    private static Map<String, Object> page(
            ReadModel view, String id, @Nullable String cursor, int limit, JsonMapper json) {
        ReadModel.Page page;
        try {
            page = view.waiting(id, cursor, limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'cursor' must be a nextCursor this server gave");
        }
        List<RawValue> contacts = new ArrayList<>(page.contacts().size());
        long bytes = 0;
        for (ContactView contact : page.contacts()) {
            String one = json.toJsonString(ContactDetails.current(contact), Map.class);
            contacts.add(new RawValue(one));
            bytes += utf8Length(one);
            if (bytes > MAX_PAGE_BYTES && contacts.size() < page.contacts().size()) {
                page = view.waiting(id, cursor, contacts.size());
                break;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", id);
        body.put("contacts", contacts);
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    /** How many bytes {@code text} takes in UTF-8, without encoding it. */
    private static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair: 4 bytes for 2 chars
            }
        }
        return bytes;
    }

    private void stats(Context ctx) {
        auth.require(ctx, Auth.CENTER_ROLES);
        String id = ctx.pathParam("id");
        ReadModel view = center.view();
        Map<String, Object> body = realTime(view.queue(id).orElseThrow(() -> noQueue(id)), view.readAtMs(clock));
        statistics.statisticsOf(id).ifPresent(s -> {
            body.put("intervals", s.intervals());
            body.put("today", s.today());
        });
        ctx.json(body);
    }

    private static Map<String, Object> realTime(QueueView q, long atMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queue", q.config().id());
        body.put("at", EventJson.iso(atMs));
        body.put("waiting", q.waiting());
        body.put("scheduled", q.scheduled());
        body.put("oldestWaitSeconds", q.oldestWaitSecondsAt(atMs));
        body.put("agentsReady", q.agentsReady());
        body.put("agentsBusy", q.agentsBusy());
        body.put("agentsWrapUp", q.agentsWrapUp());
        body.put("agentsNotReady", q.agentsNotReady());
        body.put("estimatedWaitSeconds", q.estimatedWaitSeconds());
        body.put("averageHandleSeconds", Math.round(q.averageHandleSeconds() * 1000) / 1000.0); // a smoothed figure: ms
        body.put("serviceLevel", q.config().serviceLevel());
        body.put("open", q.openAt(atMs));
        Long opensAtMs = q.opensAtMs(atMs);
        body.put("opensAt", opensAtMs == null ? null : EventJson.iso(opensAtMs));
        return body;
    }

    private QueueView queue(String id) {
        return center.view().queue(id).orElseThrow(() -> noQueue(id));
    }

    private static ApiException noQueue(String id) {
        return ApiException.notFound("no queue '" + id + "'");
    }

    static String wireName(RoutingStrategy strategy) {
        return strategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A queue as clients send it; see docs/api.md. */
    record QueueRequest(
            @Nullable String id,
            @Nullable String name,
            @Nullable List<String> skills,
            @Nullable List<StepRequest> steps,
            @Nullable ServiceLevelRequest serviceLevel,
            @Nullable String strategy,
            @Nullable Integer wrapUpSeconds,
            @Nullable Integer offerTimeoutSeconds,
            @Nullable Integer priorityAgingSeconds,
            @Nullable Integer plannedAhtSeconds,
            @Nullable HoursRequest hours,
            @Nullable Boolean autoAccept) {

        /** The configuration; business hours given without a zone are in {@code centerZone}. */
        QueueConfig toConfig(@Nullable String queueId, ZoneId centerZone) {
            if (queueId == null) {
                throw ApiException.badRequest("'id' is required");
            }
            return new QueueConfig(
                    queueId,
                    name == null ? queueId : name, // no name is the id, as the model reads it
                    routingSteps(),
                    serviceLevelTarget(),
                    routingStrategy(),
                    orElse(wrapUpSeconds, QueueConfig.DEFAULT_WRAP_UP_SECONDS),
                    orElse(offerTimeoutSeconds, QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS),
                    orElse(priorityAgingSeconds, 0),
                    orElse(plannedAhtSeconds, QueueConfig.DEFAULT_AHT_SECONDS),
                    hours == null ? null : hours.toHours(centerZone),
                    Boolean.TRUE.equals(autoAccept));
        }

        private List<RoutingStep> routingSteps() {
            List<String> oneStep = skills == null || skills.isEmpty() ? null : skills;
            List<StepRequest> given = steps == null || steps.isEmpty() ? null : steps;
            if (oneStep != null && given == null) {
                Map<String, Integer> minimums = new LinkedHashMap<>();
                oneStep.forEach(s -> minimums.put(s, SkillExpression.MIN_PROFICIENCY));
                return List.of(RoutingStep.of(SkillExpression.allOf(minimums), 0));
            }
            if (given != null && oneStep == null) {
                List<RoutingStep> parsed = new ArrayList<>();
                for (int i = 0; i < given.size(); i++) {
                    parsed.add(given.get(i).toStep(i + 1));
                }
                return parsed;
            }
            throw ApiException.badRequest("give either 'skills' (one step) or 'steps', not both nor neither");
        }

        private ServiceLevelTarget serviceLevelTarget() {
            if (serviceLevel == null) {
                return ServiceLevelTarget.DEFAULT;
            }
            ServiceLevelTarget d = ServiceLevelTarget.DEFAULT;
            return new ServiceLevelTarget(
                    orElse(serviceLevel.thresholdSeconds(), d.thresholdSeconds()),
                    orElse(serviceLevel.percent(), d.percent()),
                    orElse(serviceLevel.asaSeconds(), d.asaSeconds()));
        }

        private RoutingStrategy routingStrategy() {
            if (strategy == null) {
                return RoutingStrategy.LONGEST_IDLE;
            }
            try {
                return RoutingStrategy.valueOf(
                        strategy.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "unknown strategy '" + strategy + "'; expected longest-idle, most-skilled or round-robin");
            }
        }

        private static int orElse(@Nullable Integer value, int fallback) {
            return value == null ? fallback : value;
        }
    }

    /** One routing step: {@code skills} is an expression string, a skill→minimum map or a list of skill names. */
    record StepRequest(
            @Nullable JsonNode skills,
            @Nullable Integer timeoutSeconds,
            @Nullable String overflowQueue) {

        RoutingStep toStep(int number) {
            return new RoutingStep(expression(number), timeoutSeconds == null ? 0 : timeoutSeconds, overflowQueue);
        }

        private SkillExpression expression(int number) {
            if (skills == null || skills.isNull()) {
                throw ApiException.badRequest("step " + number + " needs 'skills'");
            }
            if (skills.isTextual()) {
                return SkillExpression.parse(skills.asText());
            }
            Map<String, Integer> minimums = new LinkedHashMap<>();
            if (skills.isArray()) {
                skills.forEach(s -> minimums.put(text(s, number), SkillExpression.MIN_PROFICIENCY));
            } else if (skills.isObject()) {
                skills.properties().forEach(e -> minimums.put(e.getKey(), level(e.getValue(), number)));
            } else {
                throw ApiException.badRequest("skills of step " + number + " must be a string, object or array");
            }
            return SkillExpression.allOf(minimums);
        }

        private static String text(JsonNode node, int number) {
            if (!node.isTextual()) {
                throw ApiException.badRequest("skills of step " + number + " must be skill names");
            }
            return node.asText();
        }

        /** An integer that fits an {@code int}: a larger one is refused, not wrapped (2^32 + 5 would read as 5). */
        private static int level(JsonNode node, int number) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw ApiException.badRequest(
                        "minimum proficiencies of step " + number + " must be whole numbers from 1 to 10");
            }
            return node.asInt();
        }
    }

    record ServiceLevelRequest(
            @Nullable Integer thresholdSeconds,
            @Nullable Integer percent,
            @Nullable Integer asaSeconds) {}

    /**
     * Business hours as clients send them: {@code week} by weekday name (any case), {@code holidays} by ISO date, each
     * a list of ranges; {@code timeZone} defaults to the center's. See docs/api.md.
     */
    record HoursRequest(
            @Nullable String timeZone,
            @Nullable Map<String, List<RangeRequest>> week,
            @Nullable Map<String, List<RangeRequest>> holidays) {

        BusinessHours toHours(ZoneId centerZone) {
            Map<DayOfWeek, List<OpeningRange>> days = new EnumMap<>(DayOfWeek.class);
            if (week != null) {
                week.forEach((name, ranges) -> {
                    if (days.put(weekday(name), RangeRequest.all(ranges)) != null) {
                        throw ApiException.badRequest("hours.week names " + name + " twice");
                    }
                });
            }
            Map<String, List<OpeningRange>> dates = new LinkedHashMap<>();
            if (holidays != null) {
                holidays.forEach((date, ranges) -> dates.put(date, RangeRequest.all(ranges)));
            }
            return new BusinessHours(timeZone == null ? centerZone.getId() : timeZone, days, dates);
        }

        private static DayOfWeek weekday(String name) {
            try {
                return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("hours.week has an unknown weekday '" + name
                        + "'; expected monday, tuesday, wednesday, thursday, friday, saturday or sunday");
            }
        }
    }

    /** One opening range as sent: {@code {"from":"09:00","to":"19:00"}}. */
    record RangeRequest(@Nullable String from, @Nullable String to) {

        static List<OpeningRange> all(@Nullable List<RangeRequest> ranges) {
            if (ranges == null) {
                return List.of();
            }
            List<OpeningRange> converted = new ArrayList<>(ranges.size());
            for (RangeRequest range : ranges) {
                if (range == null) {
                    throw ApiException.badRequest("an opening range of hours is null");
                }
                // a missing time is refused as a malformed one is
                converted.add(new OpeningRange(orEmpty(range.from()), orEmpty(range.to())));
            }
            return converted;
        }
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    /** Business hours as the API shows them: weekdays in lower case, in the week's order. */
    record HoursBody(String timeZone, Map<String, List<OpeningRange>> week, Map<String, List<OpeningRange>> holidays) {

        static HoursBody of(BusinessHours hours) {
            Map<String, List<OpeningRange>> days = new LinkedHashMap<>();
            hours.week().forEach((day, ranges) -> days.put(day.name().toLowerCase(Locale.ROOT), ranges));
            return new HoursBody(hours.timeZone(), days, hours.holidays());
        }
    }

    /** A queue as the API shows it; {@code hours} is null for a queue open around the clock. */
    record QueueBody(
            String id,
            String name,
            List<StepBody> steps,
            ServiceLevelTarget serviceLevel,
            String strategy,
            int wrapUpSeconds,
            int offerTimeoutSeconds,
            int priorityAgingSeconds,
            int plannedAhtSeconds,
            @Nullable HoursBody hours,
            boolean autoAccept) {

        static QueueBody of(QueueConfig q) {
            List<StepBody> steps = q.steps().stream()
                    .map(s -> new StepBody(s.skills().toString(), s.timeoutSeconds(), s.overflowQueue()))
                    .toList();
            return new QueueBody(
                    q.id(),
                    q.name(),
                    steps,
                    q.serviceLevel(),
                    wireName(q.strategy()),
                    q.wrapUpSeconds(),
                    q.offerTimeoutSeconds(),
                    q.priorityAgingSeconds(),
                    q.plannedAhtSeconds(),
                    q.hours() == null ? null : HoursBody.of(q.hours()),
                    q.autoAccept());
        }
    }

    record StepBody(
            String skills, int timeoutSeconds, @Nullable String overflowQueue) {}
}
