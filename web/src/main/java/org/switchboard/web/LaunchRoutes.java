package org.switchboard.web;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning;
import org.switchboard.core.port.Role;

/**
 * {@code POST /api/v1/planning/launch}: the launch-day playbook of {@code switchboard plan-launch} from a forecast's
 * rows, with its one-page HTML report. Runs like the other planning computations, within their time budget.
 */
final class LaunchRoutes {

    private final Auth auth;
    private final JsonBodies bodies;
    private final Supplier<Planning> planning;
    private final PlanningRoutes computations;

    LaunchRoutes(Auth auth, JsonBodies bodies, Supplier<Planning> planning, PlanningRoutes computations) {
        this.auth = auth;
        this.bodies = bodies;
        this.planning = planning;
        this.computations = computations;
    }

    void register(RouteTable routes) {
        routes.post(PlanningRoutes.BASE + "/launch", this::launch);
    }

    /** The forecast's rows, the launch day ({@code on}, YYYY-MM-DD) and its uplift; the rest as the command's. */
    record LaunchRequest(
            @Nullable List<PlanningRoutes.Interval> forecast,
            @Nullable Double uplift,
            @Nullable String on,
            @Nullable Double asaSeconds,
            @Nullable Double patienceSeconds,
            @Nullable Double callbackWithinMinutes,
            @Nullable Double callbackTakeUpPercent,
            @Nullable Double maxAbandonPercent,
            @Nullable Integer slSeconds,
            @Nullable Integer intervalMinutes,
            @Nullable Long seed,
            @Nullable String timeZone) {}

    private void launch(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        LaunchRequest r = computations.body(ctx, LaunchRequest.class);
        List<Planning.Traffic> forecast = PlanningRoutes.traffic(r.forecast(), "forecast");
        if (r.uplift() == null || r.on() == null) {
            throw ApiException.badRequest("'uplift' (e.g. 1.8) and 'on' (the launch day, YYYY-MM-DD) are required");
        }
        Planning.LaunchRequest request;
        try {
            request = new Planning.LaunchRequest(
                    day(r.on()),
                    r.uplift(),
                    r.asaSeconds() == null ? 30 : r.asaSeconds(),
                    r.patienceSeconds() == null ? 120 : r.patienceSeconds(),
                    r.slSeconds() == null ? 20 : r.slSeconds(),
                    r.intervalMinutes() == null ? 30 : r.intervalMinutes(),
                    computations.zone(r.timeZone()),
                    r.seed() == null ? 1 : r.seed(),
                    r.callbackWithinMinutes() == null ? 1_800 : r.callbackWithinMinutes() * 60,
                    r.callbackTakeUpPercent() == null ? 1 : r.callbackTakeUpPercent() / 100,
                    fraction(r.maxAbandonPercent()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiErrors.messageOr(e, "the launch day's figures are invalid"));
        }
        Planning.LaunchPlan plan = computations.compute(() -> planning.get().planLaunch(forecast, request));
        Map<String, Object> body = ScenarioRoutes.object(bodies, plan.json());
        body.put("reportHtml", plan.reportHtml());
        ctx.json(body);
    }

    private static LocalDate day(String text) {
        LocalDate day;
        try {
            day = LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("'on' is the launch day, YYYY-MM-DD");
        }
        if (day.getYear() < 2000 || day.getYear() > 2999) {
            throw ApiException.badRequest("'on' is not between the years 2000 and 2999");
        }
        return day;
    }

    private static @Nullable Double fraction(@Nullable Double percent) {
        return percent == null ? null : percent / 100;
    }
}
