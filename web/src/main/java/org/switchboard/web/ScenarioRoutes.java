package org.switchboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning;
import org.switchboard.core.port.Role;

/**
 * {@code /api/v1/planning/scenario/...}: a scenario (several queues, skill groups, arrivals per interval; the file
 * format of docs/planning.md) simulated on the routing engine, or staffed by the search that simulates it. The
 * scenario is the body's {@code scenario}: the file's JSON as an object, or its YAML or JSON text as a string. Runs
 * like the other planning computations: on the planning threads, within their time budget.
 */
final class ScenarioRoutes {

    private static final int MOST_STAFFING_ROWS = 200_000;

    private final Auth auth;
    private final JsonBodies bodies;
    private final Supplier<Planning> planning;
    private final PlanningRoutes computations;

    ScenarioRoutes(Auth auth, JsonBodies bodies, Supplier<Planning> planning, PlanningRoutes computations) {
        this.auth = auth;
        this.bodies = bodies;
        this.planning = planning;
        this.computations = computations;
    }

    void register(RouteTable routes) {
        routes.post(PlanningRoutes.BASE + "/scenario/simulate", this::simulate);
        routes.post(PlanningRoutes.BASE + "/scenario/staffing", this::staffing);
    }

    /** One group's agents from {@code intervalStart} (ISO-8601 with an offset) for one of the scenario's intervals. */
    record GroupAgentsRequest(
            @Nullable String intervalStart,
            @Nullable String group,
            @Nullable Integer agents) {}

    record SimulateRequest(
            @Nullable JsonNode scenario,
            @Nullable List<GroupAgentsRequest> staffing,
            @Nullable Integer replications,
            @Nullable Long seed,
            @Nullable String timeZone) {}

    record StaffingRequest(
            @Nullable JsonNode scenario,
            @Nullable Integer replications,
            @Nullable Long seed,
            @Nullable Long checkSeed,
            @Nullable String timeZone) {}

    private void simulate(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        SimulateRequest r = computations.body(ctx, SimulateRequest.class);
        var request = new Planning.ScenarioRequest(
                scenarioText(r.scenario()),
                computations.zone(r.timeZone()),
                staffing(r.staffing()),
                r.replications() == null ? 1 : r.replications(),
                r.seed());
        Planning.ScenarioOutcome outcome =
                computations.compute(() -> planning.get().simulate(request));
        List<Map<String, Object>> intervals =
                new ArrayList<>(outcome.intervals().size());
        for (Planning.ScenarioInterval i : outcome.intervals()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intervalStart", PlanningRoutes.local(i.startMs(), outcome.zone()));
            row.put("queue", i.queue());
            row.put("offered", i.offered());
            row.put("answered", i.answered());
            row.put("abandoned", i.abandoned());
            row.put("callbacks", i.callbacks());
            row.put("serviceLevel", i.serviceLevel());
            row.put("asaSeconds", i.asaSeconds());
            row.put("probAbandon", i.probAbandon());
            row.put("meetsTarget", i.meetsTarget());
            intervals.add(row);
        }
        Map<String, Object> body = object(bodies, outcome.figuresJson());
        body.put("intervals", intervals);
        ctx.json(body);
    }

    private void staffing(Context ctx) {
        auth.require(ctx, Role.ADMIN, Role.PLANNER);
        StaffingRequest r = computations.body(ctx, StaffingRequest.class);
        var request = new Planning.ScenarioRequest(
                scenarioText(r.scenario()),
                computations.zone(r.timeZone()),
                null,
                r.replications() == null ? 2 : r.replications(),
                r.seed());
        Planning.ScenarioStaffing found =
                computations.compute(() -> planning.get().staff(request, r.checkSeed()));
        List<Map<String, Object>> rows = new ArrayList<>(found.staffing().size());
        for (Planning.GroupAgents g : found.staffing()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intervalStart", PlanningRoutes.local(g.startMs(), found.zone()));
            row.put("group", g.group());
            row.put("agents", g.agents());
            rows.add(row);
        }
        Map<String, Object> body = object(bodies, found.summaryJson());
        body.put("staffing", rows);
        ctx.json(body);
    }

    /** The scenario as the planning module reads it: a JSON object written out, or the text given. */
    private String scenarioText(@Nullable JsonNode scenario) {
        if (scenario == null || scenario.isNull()) {
            throw ApiException.badRequest("'scenario' is required: the scenario file's JSON, or its YAML text");
        }
        if (scenario.isTextual()) {
            return scenario.textValue();
        }
        if (!scenario.isObject()) {
            throw ApiException.badRequest("'scenario' is an object (the scenario file's JSON) or a string (its text)");
        }
        try {
            return bodies.mapper().writeValueAsString(scenario);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed scenario could not be written out", e);
        }
    }

    private static @Nullable List<Planning.GroupAgents> staffing(@Nullable List<GroupAgentsRequest> rows) {
        if (rows == null) {
            return null;
        }
        if (rows.size() > MOST_STAFFING_ROWS) {
            throw ApiException.badRequest("'staffing' has more than " + MOST_STAFFING_ROWS + " rows");
        }
        List<Planning.GroupAgents> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            GroupAgentsRequest row = rows.get(i);
            String where = "'staffing' row " + (i + 1) + ": ";
            if (row == null || row.intervalStart() == null || row.group() == null || row.agents() == null) {
                throw ApiException.badRequest(where + "intervalStart, group and agents are required");
            }
            out.add(new Planning.GroupAgents(
                    PlanningRoutes.instant(row.intervalStart(), where + "intervalStart"), row.group(), row.agents()));
        }
        return out;
    }

    /** The planning module's JSON object, its fields in order, to add to. */
    static Map<String, Object> object(JsonBodies bodies, String json) {
        JsonNode node;
        try {
            node = bodies.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the planning module's JSON could not be read", e);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
