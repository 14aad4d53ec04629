package org.switchboard.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * What a planner really sends to {@code /api/v1/planning/...}: series of consecutive intervals (a history or a
 * forecast, staffing, requirements), call logs in arrival order, a small scenario, and the figures each field takes.
 * With them a campaign's "valid" planning bodies reach the calculations (forecast, Erlang, schedule, replay and
 * scenario simulations) instead of stopping at the first field check. Every series starts on {@link #FIRST_DAY} in
 * one offset, so that the launch day, the schedule's first day and a replay's staffing meet the rows they belong to.
 * Single-threaded; every choice comes from the campaign's seeded {@link Random}.
 */
final class PlanningRows {

    /** A Monday: every series starts at its midnight, at {@link #OFFSET}. */
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 2);

    private static final ZoneOffset OFFSET = ZoneOffset.ofHours(5);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String QUEUE = "fz-plan";
    private static final String GROUP = "fz-desk";
    /** Rows in a series: one interval, an hour, a day, a week, two weeks (a forecast needs about two). */
    private static final List<Integer> LENGTHS = List.of(1, 2, 48, 336, 672);

    private final Random random;
    private final Hostile hostile;

    PlanningRows(Random random, Hostile hostile) {
        this.random = random;
        this.hostile = hostile;
    }

    /**
     * A plausible value for the planning field {@code field} with schema {@code schema}; null when the field is not
     * a planning one (the caller then follows the schema).
     */
    JsonNode plausible(String field, JsonNode schema) {
        return switch (field) {
            case "history", "forecast" -> intervals(pick(LENGTHS));
            case "requirements" -> requirements(pick(List.of(1, 48, 96)));
            case "staffing" ->
                schema.path("items").toString().contains("PlanningGroupStaffed")
                        ? staffing("group", GROUP, 4, 60, 4)
                        : staffing("queue", QUEUE, 6, 30, 6);
            case "calls" -> calls(1 + random.nextInt(300));
            case "scenario" ->
                random.nextInt(8) == 0 ? NODES.textNode(scenario().toString()) : scenario();
            case "on" -> NODES.textNode(FIRST_DAY.plusDays(random.nextInt(2)).toString());
            case "timeZone" -> NODES.textNode(pick(List.of("Asia/Yekaterinburg", "UTC", "Europe/Moscow")));
            case "arrivalsPerHour" -> number(1, 600);
            case "ahtSeconds" -> number(30, 600);
            case "serviceLevelPercent", "maxOccupancyPercent" -> number(50, 95);
            case "slSeconds" -> NODES.numberNode(between(10, 60));
            case "maxAbandonPercent" -> number(1, 20);
            case "patienceSeconds" -> number(30, 300);
            case "shrinkagePercent" -> number(0, 40);
            case "intervalMinutes" -> NODES.numberNode(pick(List.of(15, 30, 60)));
            case "horizonDays" -> NODES.numberNode(between(1, 14));
            case "backtestWeeks" -> NODES.numberNode(between(1, 4));
            case "uplift" -> number(1, 3);
            case "callbackWithinMinutes" -> number(1, 60);
            case "callbackTakeUpPercent" -> number(1, 100);
            case "callbackAfterSeconds" -> NODES.numberNode(between(10, 300));
            case "agentsTimes" -> number(0.5, 2);
            case "agentsPlus" -> NODES.numberNode(between(-3, 3));
            case "seed", "checkSeed" -> NODES.numberNode(between(1, 1_000));
            case "replications" -> NODES.numberNode(between(1, 2));
            case "days" -> NODES.numberNode(between(1, 2));
            case "minRestHours" -> number(8, 12);
            case "maxWeeklyHours" -> number(20, 60);
            default -> null;
        };
    }

    private ArrayNode intervals(int count) {
        ArrayNode rows = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode row = rows.addObject();
            row.put("intervalStart", at(i * 30L));
            row.put("queue", QUEUE);
            row.put("offered", Math.round(load(i) * 10) / 10.0);
            row.put("ahtSeconds", between(120, 300));
        }
        return rows;
    }

    private ArrayNode requirements(int count) {
        ArrayNode rows = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode row = rows.addObject();
            row.put("intervalStart", at(i * 30L));
            row.put("agents", Math.round(load(i) / 3));
        }
        return rows;
    }

    /** Agents per interval for a queue (a replay's staffing) or a scenario's group: {@code rows} of them. */
    private ArrayNode staffing(String key, String name, int rows, long intervalMinutes, int mostAgents) {
        ArrayNode staffing = NODES.arrayNode();
        for (int i = 0; i < rows; i++) {
            ObjectNode row = staffing.addObject();
            row.put("intervalStart", at(i * intervalMinutes));
            row.put(key, name);
            row.put("agents", between(0, mostAgents));
        }
        return staffing;
    }

    /** {@code count} calls over the first three hours, in arrival order. */
    private ArrayNode calls(int count) {
        ArrayNode rows = NODES.arrayNode();
        long[] seconds = new long[count];
        for (int i = 0; i < count; i++) {
            seconds[i] = random.nextInt(3 * 3600);
        }
        java.util.Arrays.sort(seconds);
        for (long second : seconds) {
            ObjectNode row = rows.addObject();
            row.put(
                    "arrivedAt",
                    OffsetDateTime.of(FIRST_DAY.atStartOfDay(), OFFSET)
                            .plusSeconds(second)
                            .toString());
            row.put("queue", QUEUE);
            boolean answered = random.nextInt(5) > 0;
            row.put("outcome", answered ? "answered" : "abandoned");
            row.put("waitSeconds", between(0, 120));
            if (answered) {
                row.put("handleSeconds", between(30, 400));
            }
        }
        return rows;
    }

    /** A small center: one queue, one group, a few hours' worth of callers a day (docs/planning.md). */
    private ObjectNode scenario() {
        ObjectNode scenario = NODES.objectNode();
        scenario.put("start", FIRST_DAY.toString());
        scenario.put("days", 1);
        scenario.put("zone", "Asia/Yekaterinburg");
        scenario.put("intervalMinutes", 60);
        scenario.put("seed", between(1, 100));
        ObjectNode queue = scenario.putArray("queues").addObject();
        queue.put("id", QUEUE);
        queue.put("arrivalsPerHour", between(1, 12));
        queue.putObject("handle").put("distribution", "exponential").put("meanSeconds", between(60, 300));
        queue.putObject("patience").put("distribution", "exponential").put("meanSeconds", between(30, 300));
        queue.putArray("routing").addObject().put("skills", "s1");
        queue.putObject("target").put("slPercent", 80).put("slSeconds", 20);
        ObjectNode group = scenario.putArray("groups").addObject();
        group.put("id", GROUP);
        group.putObject("skills").put("s1", 5);
        group.put("agents", between(1, 3));
        return scenario;
    }

    /** Contacts in the {@code i}th half hour: a daily swell, never negative. */
    private double load(int i) {
        double hour = (i % 48) / 2.0;
        return Math.max(0, 20 + 15 * Math.sin((hour - 6) / 24 * 2 * Math.PI) + random.nextGaussian() * 3);
    }

    private String at(long minutes) {
        return OffsetDateTime.of(FIRST_DAY.atStartOfDay(), OFFSET)
                .plusMinutes(minutes)
                .toString();
    }

    private JsonNode number(double min, double max) {
        return NODES.numberNode(Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0);
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private <T> T pick(List<T> values) {
        return hostile.pick(values);
    }
}
