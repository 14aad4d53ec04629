package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.planning.PlanningService;
import org.switchboard.web.RunningCenter.Answer;

class PlanningApiTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    /** Computations get the server's own budget (a loaded host takes seconds for a launch day)... */
    @org.junit.jupiter.api.BeforeEach
    void fullBudget() {
        center.server.planWith(new PlanningService());
    }

    /** ...but for the tests of what happens over it, which make it short. */
    private static void shortBudget() {
        center.server.planWith(new PlanningService(), java.time.Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aPlannerStaffsALoadAsTheCommandLineDoes() {
        String planner = center.user("planner");

        Answer answer = center.post(
                        "/api/v1/planning/staffing",
                        planner,
                        "{\"arrivalsPerHour\":200,\"ahtSeconds\":180,\"serviceLevelPercent\":80,\"slSeconds\":20}")
                .expect(200);

        assertThat(answer.json().get("agents").asInt()).isEqualTo(14);
        assertThat(answer.json().get("serviceLevel").asDouble()).isBetween(0.8, 1.0);
        assertThat(answer.json().has("probAbandon")).isFalse();
    }

    /** The forecast's own rows, prediction interval included, are what staffing takes; a negative bound is not. */
    @Test
    void aForecastsRowsAreStaffedAsTheForecastAnswersThem() {
        String planner = center.user("planner");
        String row = "{\"intervalStart\":\"2026-12-08T10:00+05:00\",\"queue\":\"info\",\"offered\":100,"
                + "\"ahtSeconds\":180,\"low\":%s,\"high\":120}";

        Answer staffed = center.post(
                        "/api/v1/planning/staffing",
                        planner,
                        "{\"serviceLevelPercent\":80,\"forecast\":[" + row.formatted("80") + "]}")
                .expect(200);
        Answer negative = center.post(
                "/api/v1/planning/staffing",
                planner,
                "{\"serviceLevelPercent\":80,\"forecast\":[" + row.formatted("-1") + "]}");

        assertThat(staffed.json().at("/intervals/0/agents").asInt()).isPositive();
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text("detail")).contains("'forecast' row 1: low and high");
        for (String bad : new String[] {"110,\"high\":120", "80,\"high\":1e32", "80,\"high\":90"}) {
            Answer refused = center.post(
                    "/api/v1/planning/staffing",
                    planner,
                    "{\"serviceLevelPercent\":80,\"forecast\":["
                            + row.replace(",\"high\":120", "").formatted(bad) + "]}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text("detail")).contains("0 <= low <= offered <= high <= 100000000");
        }
    }

    /** A planner sees figures only: no contact, no queue's callers, no live event, no subscriber. */
    @Test
    void aPlannerReadsNoContactsQueuesOrEvents() {
        String planner = center.user("planner");
        String queue = RunningCenter.unique("plan");
        center.queue(queue, queue);

        assertThat(center.get("/api/v1/queues", planner).status()).isEqualTo(403);
        assertThat(center.get("/api/v1/queues/" + queue + "/contacts", planner).status())
                .isEqualTo(403);
        assertThat(center.get("/api/v1/subscribers/+79120000001", planner).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> EventStreamTest.Listener.connect(center, "?token=" + planner))
                .as("the live event stream refuses the upgrade")
                .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(403));
        assertThat(center.post("/api/v1/planning/staffing", center.user("supervisor"), "{}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badInputIsNamedAndChangesNothing() {
        String planner = center.user("planner");

        Answer noTarget =
                center.post("/api/v1/planning/staffing", planner, "{\"arrivalsPerHour\":200,\"ahtSeconds\":180}");
        Answer badRow = center.post(
                "/api/v1/planning/forecast",
                planner,
                "{\"history\":[{\"intervalStart\":\"yesterday\",\"queue\":\"info\",\"offered\":1,\"ahtSeconds\":1}]}");
        Answer longQueue = center.post(
                "/api/v1/planning/forecast",
                planner,
                "{\"history\":[{\"intervalStart\":\"2026-12-01T09:00Z\",\"queue\":\"" + "q".repeat(5000)
                        + "\",\"offered\":1,\"ahtSeconds\":1}]}");

        // a patience 10^302 handle times long made Erlang A's sums diverge: 503 "unavailable", retried for ever
        Answer tinyAht = center.post(
                "/api/v1/planning/staffing",
                planner,
                "{\"arrivalsPerHour\":200,\"ahtSeconds\":1e-300,\"serviceLevelPercent\":80,\"patienceSeconds\":120}");
        Answer tinyPatience = center.post(
                "/api/v1/planning/staffing",
                planner,
                "{\"arrivalsPerHour\":200,\"ahtSeconds\":180,\"serviceLevelPercent\":80,\"patienceSeconds\":1e-300}");

        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.text("detail")).contains("at least one target");
        assertThat(tinyAht.status()).isEqualTo(400);
        assertThat(tinyAht.text("detail")).contains("0.001..86400");
        assertThat(tinyPatience.status()).isEqualTo(400);
        assertThat(badRow.status()).isEqualTo(400);
        assertThat(badRow.text("detail")).contains("row 1").contains("ISO-8601");
        assertThat(longQueue.status()).isEqualTo(400);
        assertThat(longQueue.text("detail").length()).isLessThan(300);
    }

    /** A planner replays a morning's calls with the plan's agents, and with two fewer. */
    @Test
    void aPlannerReplaysACallLogBesideTheLog() {
        String planner = center.user("planner");
        StringBuilder calls = new StringBuilder();
        for (int minute = 0; minute < 60; minute++) {
            calls.append(calls.isEmpty() ? "" : ",")
                    .append("{\"arrivedAt\":\"2026-12-01T09:")
                    .append(String.format("%02d", minute))
                    .append(":00+05:00\",\"queue\":\"info\",")
                    .append(
                            minute % 6 == 0
                                    ? "\"outcome\":\"abandoned\",\"waitSeconds\":45}"
                                    : "\"outcome\":\"answered\",\"waitSeconds\":12,\"handleSeconds\":150}");
        }
        String staffing =
                "\"staffing\":[{\"intervalStart\":\"2026-12-01T09:00+05:00\",\"queue\":\"info\",\"agents\":3},"
                        + "{\"intervalStart\":\"2026-12-01T09:30+05:00\",\"queue\":\"info\",\"agents\":3}]";

        Answer planned = center.post(
                        "/api/v1/planning/replay",
                        planner,
                        "{\"calls\":[" + calls + "]," + staffing + ",\"timeZone\":\"Asia/Yekaterinburg\"}")
                .expect(200);
        Answer fewer = center.post(
                        "/api/v1/planning/replay",
                        planner,
                        "{\"calls\":[" + calls + "]," + staffing + ",\"agentsPlus\":-2}")
                .expect(200);

        Answer routed = center.post(
                        "/api/v1/planning/replay",
                        planner,
                        "{\"calls\":[" + calls + "]," + staffing + ",\"routing\":{\"info\":[{\"queues\":[\"info\"],"
                                + "\"seconds\":10},{\"queues\":[\"info\"]}]}}")
                .expect(200);
        Answer strangeStep = center.post(
                "/api/v1/planning/replay",
                planner,
                "{\"calls\":[" + calls + "]," + staffing + ",\"routing\":{\"info\":[{\"queues\":[\"" + "x".repeat(3000)
                        + "\"]}]}}");
        Answer unknownQueue = center.post(
                "/api/v1/planning/replay",
                planner,
                "{\"calls\":[" + calls + "]," + staffing + ",\"routing\":{\"info\":[{\"queues\":[\"roaming\"]}]}}");

        assertThat(routed.json().at("/total/replay").toString())
                .as("one step of its own agents then the same: the plan as it was")
                .isEqualTo(planned.json().at("/total/replay").toString());
        assertThat(strangeStep.status()).isEqualTo(400);
        assertThat(strangeStep.text("detail").length()).isLessThan(300);
        assertThat(unknownQueue.status()).isEqualTo(400);
        assertThat(center.post(
                                "/api/v1/planning/replay",
                                planner,
                                "{\"calls\":[" + calls + "]," + staffing
                                        + ",\"callbackAfterSeconds\":5,\"callbackTakeUpPercent\":101}")
                        .text("detail"))
                .contains("callback take-up must be 1..100 %");
        assertThat(center.post(
                                "/api/v1/planning/replay",
                                planner,
                                "{\"calls\":[" + calls + "]," + staffing + ",\"callbackAfterSeconds\":-1}")
                        .status())
                .isEqualTo(400);
        assertThat(unknownQueue.text("detail")).contains("'roaming', which neither the log nor the staffing has");
        assertThat(planned.json().at("/total/log/offered").asInt()).isEqualTo(60);
        assertThat(planned.json().at("/total/log/abandoned").asInt()).isEqualTo(10);
        assertThat(planned.json().at("/queues/info/replay/offered").asInt()).isEqualTo(60);
        assertThat(planned.json().at("/intervals/0/intervalStart").asText()).isEqualTo("2026-12-01T09:00+05:00");
        assertThat(planned.json().at("/intervals/0/agents").asInt()).isEqualTo(3);
        assertThat(fewer.json().at("/total/replay/serviceLevel").asDouble())
                .isLessThan(planned.json().at("/total/replay/serviceLevel").asDouble());
        assertThat(center.post(
                                "/api/v1/planning/replay",
                                planner,
                                "{\"calls\":[" + calls + "],\"staffing\":["
                                        + "{\"intervalStart\":\"2026-12-01T09:00+05:00\",\"queue\":\"info\",\"agents\":null}]}")
                        .text("detail"))
                .contains("'staffing' row 1");
        assertThat(center.post(
                                "/api/v1/planning/replay",
                                planner,
                                "{\"calls\":[{\"arrivedAt\":\"2026-12-01T09:00Z\","
                                        + "\"queue\":\"info\",\"outcome\":\"answered\",\"waitSeconds\":1}]," + staffing
                                        + "}")
                        .text("detail"))
                .contains("'calls' row 1")
                .contains("handle_seconds");
    }

    /** A planner schedules a day open 08:00-20:00: every requirement met, nobody working while closed. */
    @Test
    void aPlannerSchedulesShiftsThatCoverTheRequirement() {
        String planner = center.user("planner");
        StringBuilder required = new StringBuilder();
        for (int slot = 16; slot < 40; slot++) {
            required.append(required.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"2026-12-07T")
                    .append(String.format("%02d:%02d", slot / 2, slot % 2 * 30))
                    .append("+05:00\",\"agents\":")
                    .append(slot >= 20 && slot < 34 ? 9 : 4)
                    .append('}');
        }

        Answer answer = center.post(
                        "/api/v1/planning/schedule",
                        planner,
                        "{\"requirements\":[" + required + "],\"patterns\":[\"8h\",\"4h\"],"
                                + "\"timeZone\":\"Asia/Yekaterinburg\"}")
                .expect(200);

        assertThat(answer.json().get("underCoverageHours").asDouble()).isZero();
        assertThat(answer.json().get("paidHours").asDouble())
                .isGreaterThanOrEqualTo(answer.json().get("lowerBoundHours").asDouble());
        assertThat(answer.json().get("coverage")).hasSize(48);
        assertThat(answer.json().get("shifts")).allSatisfy(shift -> {
            assertThat(shift.get("start").asText()).matches("2026-12-07T(0[89]|1\\d):\\d\\d\\+05:00");
            assertThat(shift.get("end").asText()).matches("2026-12-07T(1\\d|20):\\d\\d\\+05:00");
        });
        assertThat(answer.json().get("chartSvg").asText()).startsWith("<svg");
        assertThat(center.post(
                                "/api/v1/planning/schedule",
                                planner,
                                "{\"requirements\":[" + required + "],\"days\":99,\"from\":\"2026-12-07\"}")
                        .text("detail"))
                .contains("1..35 days");
        // every agent of an interval is a shift to place: a fuzzer's 86,400 in one half hour took the roster minutes
        assertThat(center.post(
                                "/api/v1/planning/schedule",
                                planner,
                                "{\"requirements\":[{\"intervalStart\":\"2026-12-07T08:00+05:00\",\"agents\":86400}]}")
                        .expect(400)
                        .text("detail"))
                .contains("agents must be 0..10000");
        assertThat(center.post(
                                "/api/v1/planning/schedule",
                                planner,
                                "{\"requirements\":[{\"intervalStart\":\"2026-12-07T08:00+05:00\",\"agents\":6000},"
                                        + "{\"intervalStart\":\"2026-12-07T08:00+05:00\",\"agents\":6000}]}")
                        .expect(400)
                        .text("detail"))
                .contains("more than 10000 agents at once");
    }

    /**
     * A probe froze the whole server with two 8 KB staffing requests of huge loads: they ran for three minutes on the
     * threads that serve every request, /health included. Now they run on their own threads and stop at the budget.
     */
    @Test
    void computationsOverTheirBudgetAreStoppedAndTheCenterAnswersMeanwhile() throws Exception {
        shortBudget();
        String planner = center.user("planner");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"")
                    .append(java.time.Instant.parse("2026-12-08T00:00:00Z").plusSeconds(1_800L * i))
                    .append("\",\"queue\":\"q\",\"offered\":")
                    .append(40_000 + i * 150)
                    .append(",\"ahtSeconds\":")
                    .append(3_000 + i)
                    .append('}');
        }
        String heavy = "{\"serviceLevelPercent\":80,\"patienceSeconds\":86400,\"forecast\":[" + rows + "]}";
        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> center.post("/api/v1/planning/staffing", planner, heavy));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> center.post("/api/v1/planning/staffing", planner, heavy));
        Thread.sleep(500);

        assertThat(center.get("/health", null).status()).isEqualTo(200);
        assertThat(center.post(
                                "/api/v1/planning/staffing",
                                planner,
                                "{\"arrivalsPerHour\":200,\"ahtSeconds\":180," + "\"serviceLevelPercent\":80}")
                        .status())
                .as("a third computation while two run")
                .isIn(200, 503);
        for (Answer answer : java.util.List.of(first.get(), second.get())) {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.text("detail")).contains("stopped after 3 s");
        }
        // a stopped computation keeps its slot until it notices (the busy answer says so): free again within seconds
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        Answer small;
        do {
            small = center.post(
                    "/api/v1/planning/staffing",
                    planner,
                    "{\"arrivalsPerHour\":200,\"ahtSeconds\":180," + "\"serviceLevelPercent\":80}");
            if (small.status() == 503) {
                assertThat(small.text("error")).isEqualTo("busy");
                Thread.sleep(50);
            }
        } while (small.status() == 503 && System.nanoTime() < deadline);
        assertThat(small.status()).as("the planning threads are free again").isEqualTo(200);
    }

    /** From a probe: "NaN" as a string, a negative multiplier and a forecast of millions of rows were taken. */
    @Test
    void numbersMustBeFiniteAndAForecastMustStayASensibleSize() {
        String planner = center.user("planner");
        String history = "\"history\":[{\"intervalStart\":\"2026-11-01T10:00Z\",\"queue\":\"q\",\"offered\":5,"
                + "\"ahtSeconds\":180}]";

        Answer nan = center.post(
                "/api/v1/planning/staffing",
                planner,
                "{\"arrivalsPerHour\":\"NaN\",\"ahtSeconds\":180,\"serviceLevelPercent\":80}");
        Answer huge = center.post(
                "/api/v1/planning/staffing",
                planner,
                "{\"arrivalsPerHour\":1e400,\"ahtSeconds\":180,\"serviceLevelPercent\":80}");
        Answer negative = center.post(
                "/api/v1/planning/forecast",
                planner,
                "{" + history + ",\"specialDays\":" + "[{\"date\":\"2026-11-08\",\"kind\":\"x\",\"multiplier\":-3}]}");
        Answer enormous = center.post(
                "/api/v1/planning/forecast",
                planner,
                "{\"history\":[{\"intervalStart\":"
                        + "\"2026-11-01T10:00Z\",\"queue\":\"q\",\"offered\":1e308,\"ahtSeconds\":180}]}");
        String twoQueues = "\"history\":[{\"intervalStart\":\"2026-11-01T10:00Z\",\"queue\":\"q\",\"offered\":5,"
                + "\"ahtSeconds\":180},{\"intervalStart\":\"2026-11-01T10:00Z\",\"queue\":\"r\",\"offered\":5,"
                + "\"ahtSeconds\":180}]";
        Answer tooMany = center.post(
                "/api/v1/planning/forecast", planner, "{" + twoQueues + ",\"horizonDays\":366,\"intervalMinutes\":5}");

        assertThat(nan.status()).isEqualTo(400);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.text("detail")).contains("finite");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text("detail")).contains("multiplier must be 0..100");
        Answer word = center.post( // the planner's page sends a multiplier that is not a number as written
                "/api/v1/planning/forecast",
                planner,
                "{" + history + ",\"specialDays\":"
                        + "[{\"date\":\"2026-11-08\",\"kind\":\"x\",\"multiplier\":\"abc\"}]}");
        assertThat(word.status()).isEqualTo(400);
        assertThat(word.text("detail")).contains("specialDays[0].multiplier");
        assertThat(enormous.status()).isEqualTo(400);
        assertThat(enormous.text("detail")).contains("offered must be 0..10,000,000");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("detail")).contains("at most 200000");
    }

    /** Two queues, a specialist group and a generalist, two hours of half hours (the file format as JSON). */
    private static String scenario(int arrivalsPerHour) {
        return "{\"start\":\"2026-12-01\",\"zone\":\"Europe/Moscow\",\"seed\":3,\"queues\":["
                + "{\"id\":\"billing\",\"arrivalsPerHour\":" + arrivalsPerHour + ","
                + "\"handle\":{\"distribution\":\"exponential\",\"meanSeconds\":180},"
                + "\"patience\":{\"distribution\":\"exponential\",\"meanSeconds\":120},"
                + "\"target\":{\"slPercent\":80,\"slSeconds\":20}},"
                + "{\"id\":\"internet\",\"arrivalsPerHour\":" + arrivalsPerHour / 2 + ","
                + "\"handle\":{\"distribution\":\"lognormal\",\"meanSeconds\":300,\"sdSeconds\":200},"
                + "\"target\":{\"slPercent\":80,\"slSeconds\":30}}],"
                + "\"groups\":[{\"id\":\"desk\",\"skills\":{\"billing\":8},\"agents\":1},"
                + "{\"id\":\"any\",\"skills\":{\"billing\":4,\"internet\":6},\"agents\":1}]}";
    }

    /** A planner staffs a two-skill scenario by simulation, then simulates the staffing found and nobody at all. */
    @Test
    void aPlannerStaffsAMultiSkillScenarioAndSimulatesIt() {
        String planner = center.user("planner");
        String day = scenario(60);
        Answer found = center.post(
                        "/api/v1/planning/scenario/staffing",
                        planner,
                        "{\"scenario\":" + day.replace("\"seed\":3", "\"seed\":3,\"intervalMinutes\":60")
                                + ",\"replications\":1}")
                .expect(200);

        var staffing = found.json().get("staffing");
        assertThat(staffing).hasSize(24 * 2);
        assertThat(staffing.get(0).get("intervalStart").asText()).isEqualTo("2026-12-01T00:00+03:00");
        assertThat(found.json().get("intervalsMissingTarget").asInt()).isZero();
        assertThat(found.json().at("/simulated/total/offered").asLong()).isPositive();

        StringBuilder rows = new StringBuilder();
        StringBuilder nobody = new StringBuilder();
        for (var row : staffing) {
            String head = "{\"intervalStart\":\"" + row.get("intervalStart").asText() + "\",\"group\":\""
                    + row.get("group").asText() + "\",\"agents\":";
            rows.append(rows.isEmpty() ? "" : ",")
                    .append(head)
                    .append(row.get("agents").asInt())
                    .append('}');
            nobody.append(nobody.isEmpty() ? "" : ",").append(head).append("0}");
        }
        String hourly = day.replace("\"seed\":3", "\"seed\":3,\"intervalMinutes\":60");
        Answer asFound = center.post(
                        "/api/v1/planning/scenario/simulate",
                        planner,
                        "{\"scenario\":" + hourly + ",\"staffing\":[" + rows + "]}")
                .expect(200);
        Answer unstaffed = center.post(
                        "/api/v1/planning/scenario/simulate",
                        planner,
                        "{\"scenario\":" + hourly + ",\"staffing\":[" + nobody + "]}")
                .expect(200);

        assertThat(asFound.json().at("/total/offered").asLong())
                .isEqualTo(found.json().at("/simulated/total/offered").asLong());
        assertThat(asFound.json().at("/total/agentHours").asDouble())
                .isEqualTo(found.json().get("agentHours").asDouble());
        assertThat(asFound.json().get("intervals"))
                .hasSize(24 * 2)
                .allSatisfy(i -> assertThat(i.get("meetsTarget").asBoolean()).isTrue());
        assertThat(unstaffed.json().at("/total/answered").asLong()).isZero();
        assertThat(unstaffed.json().at("/total/agentHours").asDouble()).isZero();
        assertThat(unstaffed.json().at("/queues/billing/intervalsMissingTarget").asInt())
                .isPositive();
    }

    @Test
    void aScenarioIsTakenAsYamlTextToo() {
        String planner = center.user("planner");
        String yaml = "start: 2026-12-01\nzone: Europe/Moscow\nintervalMinutes: 60\nqueues:\n"
                + "  - id: billing\n    arrivalsPerHour: 30\n    handle: {distribution: exponential, meanSeconds: 120}\n"
                + "    target: {slPercent: 80, slSeconds: 20}\ngroups:\n  - id: desk\n    skills: {billing: 5}\n"
                + "    agents: 3\n";

        Answer answer = center.post(
                        "/api/v1/planning/scenario/simulate",
                        planner,
                        "{\"scenario\":" + jsonString(yaml) + ",\"replications\":2}")
                .expect(200);

        assertThat(answer.json().at("/scenario/replications").asInt()).isEqualTo(2);
        assertThat(answer.json().at("/groups/desk/agentHours").asDouble()).isEqualTo(72);
        assertThat(answer.json().at("/total/offered").asLong())
                .isBetween(2L * 24 * 30 * 8 / 10, 2L * 24 * 30 * 12 / 10);
        assertThat(answer.json().get("intervals")).hasSize(24);
    }

    @Test
    void aBadScenarioIsNamedWhereItIsWrongAndBigOnesAreRefused() {
        String planner = center.user("planner");
        String hourly = scenario(60).replace("\"seed\":3", "\"seed\":3,\"intervalMinutes\":60");

        Answer unknownField = center.post(
                "/api/v1/planning/scenario/simulate",
                planner,
                "{\"scenario\":" + hourly.replace("\"slSeconds\":30", "\"slSeconds\":30,\"colour\":1") + "}");
        Answer unknownGroup = center.post(
                "/api/v1/planning/scenario/simulate",
                planner,
                "{\"scenario\":" + hourly + ",\"staffing\":[{\"intervalStart\":\"2026-12-01T00:00+03:00\","
                        + "\"group\":\"nobody\",\"agents\":2}]}");
        Answer offTheGrid = center.post(
                "/api/v1/planning/scenario/simulate",
                planner,
                "{\"scenario\":" + hourly + ",\"staffing\":[{\"intervalStart\":\"2026-12-01T00:10+03:00\","
                        + "\"group\":\"desk\",\"agents\":2}]}");
        Answer aNumber = center.post("/api/v1/planning/scenario/simulate", planner, "{\"scenario\":7}");
        Answer notYaml = center.post("/api/v1/planning/scenario/staffing", planner, "{\"scenario\":\"a: [\"}");
        Answer tooBig = center.post(
                "/api/v1/planning/scenario/staffing",
                planner,
                "{\"scenario\":"
                        + hourly.replace("\"intervalMinutes\":60", "\"intervalMinutes\":15,\"days\":31")
                                .replace("\"queues\":[", "\"queues\":[" + extraQueues(20))
                        + "}");
        Answer tooManyRuns = center.post(
                "/api/v1/planning/scenario/simulate", planner, "{\"scenario\":" + hourly + ",\"replications\":101}");

        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.text("detail")).contains("queues[1].target").contains("colour");
        assertThat(unknownGroup.text("detail")).contains("'staffing' row 1").contains("no group 'nobody'");
        assertThat(offTheGrid.text("detail")).contains("'staffing' row 1").contains("does not start");
        assertThat(aNumber.status()).isEqualTo(400);
        assertThat(aNumber.text("detail")).contains("'scenario'");
        assertThat(notYaml.status()).isEqualTo(400);
        assertThat(notYaml.text("detail")).contains("not YAML or JSON");
        assertThat(tooBig.status()).as(tooBig.text("detail")).isEqualTo(400);
        assertThat(tooBig.text("detail")).contains("at most 50000");
        assertThat(tooManyRuns.text("detail")).contains("replications must be 1..100");
        assertThat(center.post(
                                "/api/v1/planning/scenario/simulate",
                                center.user("supervisor"),
                                "{\"scenario\":" + hourly + "}")
                        .status())
                .isEqualTo(403);
    }

    private static String extraQueues(int n) {
        StringBuilder queues = new StringBuilder();
        for (int i = 0; i < n; i++) {
            queues.append("{\"id\":\"extra-")
                    .append(i)
                    .append("\",\"arrivalsPerHour\":1,")
                    .append("\"handle\":{\"distribution\":\"exponential\",\"meanSeconds\":60},")
                    .append("\"routing\":[{\"skills\":\"billing\"}],")
                    .append("\"target\":{\"slPercent\":80,\"slSeconds\":20}},");
        }
        return queues.toString();
    }

    /**
     * From a probe: a schedule of thousands of agents a day for five weeks was answered 503 at the budget but went on
     * rostering for minutes, holding a planning thread. Now it ends within seconds of the answer.
     */
    @Test
    void aScheduleOverTheBudgetStopsRostering() {
        shortBudget();
        String planner = center.user("planner");
        java.util.Random random = new java.util.Random(1);
        StringBuilder rows = new StringBuilder();
        var start = java.time.OffsetDateTime.parse("2026-12-07T00:00+05:00");
        for (int i = 0; i < 35 * 96; i++) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"")
                    .append(start.plusMinutes(15L * i))
                    .append("\",\"agents\":")
                    .append(random.nextInt(5_000))
                    .append('}');
        }

        Answer stopped = center.post(
                "/api/v1/planning/schedule",
                planner,
                "{\"requirements\":[" + rows + "],\"from\":\"2026-12-07\",\"days\":35,"
                        + "\"patterns\":[\"4h\",\"6h\",\"8h\",\"12h\"],\"minRestHours\":0,\"maxWeeklyHours\":84}");

        assertThat(stopped.status()).isEqualTo(503);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (planningThreadsBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(planningThreadsBusy())
                .as("no planning thread still computes")
                .isFalse();
    }

    private static boolean planningThreadsBusy() {
        return Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(e -> e.getKey().getName().startsWith("planning-")
                        && java.util.Arrays.stream(e.getValue())
                                .anyMatch(f -> f.getClassName().startsWith("org.switchboard.planning.")));
    }

    /** From a probe: years far out overflowed into 500s. */
    @Test
    void yearsFarOutAreRefusedEverywhere() {
        String planner = center.user("planner");
        String far = "-999999999-01-01T00:00+18:00";

        Answer replay = center.post(
                "/api/v1/planning/replay",
                planner,
                "{\"calls\":[{\"arrivedAt\":\"" + far + "\",\"queue\":\"info\",\"outcome\":\"abandoned\","
                        + "\"waitSeconds\":3}],\"staffing\":[{\"intervalStart\":\"2026-12-01T09:00Z\",\"queue\":"
                        + "\"info\",\"agents\":1}]}");
        Answer schedule = center.post(
                "/api/v1/planning/schedule",
                planner,
                "{\"requirements\":[{\"intervalStart\":\"2026-12-07T08:00Z\",\"agents\":3}],\"from\":\"+999999999-12-31\"}");
        Answer scenario = center.post(
                "/api/v1/planning/scenario/simulate",
                planner,
                "{\"scenario\":" + scenario(10) + ",\"staffing\":[{\"intervalStart\":\"" + far
                        + "\",\"group\":\"desk\",\"agents\":1}]}");

        for (Answer answer : java.util.List.of(replay, schedule, scenario)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.text("detail")).contains("between the years 2000 and 2999");
        }
    }

    /** A staffing search outliving the budget is stopped, and the planning threads serve the next request. */
    @Test
    void aScenarioSearchOverTheBudgetIsStoppedAndFreesItsThread() {
        shortBudget();
        String planner = center.user("planner");
        String heavy = scenario(4000).replace("\"seed\":3", "\"seed\":3,\"intervalMinutes\":15,\"days\":3");

        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> center.post(
                "/api/v1/planning/scenario/staffing", planner, "{\"scenario\":" + heavy + ",\"replications\":4}"));
        boolean searched = false;
        while (!running.isDone() && !searched) {
            searched = searchThreadsAlive();
        }
        Answer stopped = running.join();

        assertThat(searched).as("the search ran on its thread").isTrue();

        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.text("detail")).contains("stopped after 3 s");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (searchThreadsAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(searchThreadsAlive())
                .as("the search's threads end once it is stopped")
                .isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(center.post(
                                    "/api/v1/planning/staffing",
                                    planner,
                                    "{\"arrivalsPerHour\":200,\"ahtSeconds\":180,\"serviceLevelPercent\":80}")
                            .status())
                    .as("the planning threads are free again")
                    .isEqualTo(200);
        }
    }

    /** A planner plans a launch day from a forecast: kept within the ASA, interval by interval, with its report. */
    @Test
    void aPlannerPlansALaunchDay() {
        String planner = center.user("planner");
        StringBuilder forecast = new StringBuilder();
        for (int slot = 16; slot < 40; slot++) {
            forecast.append(forecast.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"2026-12-08T")
                    .append(String.format("%02d:%02d", slot / 2, slot % 2 * 30))
                    .append("+05:00\",\"queue\":\"info\",\"offered\":")
                    .append(40 + slot)
                    .append(",\"ahtSeconds\":180,\"low\":30,\"high\":90}"); // as the forecast answers them
        }
        String rows = "\"forecast\":[" + forecast + "]";

        Answer plan = center.post(
                        "/api/v1/planning/launch",
                        planner,
                        "{" + rows + ",\"uplift\":1.8,\"on\":\"2026-12-08\",\"asaSeconds\":30,"
                                + "\"timeZone\":\"Asia/Yekaterinburg\"}")
                .expect(200);
        Answer elsewhere =
                center.post("/api/v1/planning/launch", planner, "{" + rows + ",\"uplift\":1.8,\"on\":\"2027-01-01\"}");
        Answer noDay = center.post("/api/v1/planning/launch", planner, "{" + rows + ",\"uplift\":1.8,\"on\":\"soon\"}");
        Answer wild =
                center.post("/api/v1/planning/launch", planner, "{" + rows + ",\"uplift\":900,\"on\":\"2026-12-08\"}");

        assertThat(plan.json().get("day").asText()).isEqualTo("2026-12-08");
        assertThat(plan.json().at("/chosen/day/asaSeconds").asDouble()).isLessThanOrEqualTo(30);
        assertThat(plan.json().at("/chosen/day/toldBusy").asInt()).isZero();
        assertThat(plan.json().get("intervals")).hasSize(24);
        assertThat(plan.json().at("/intervals/0/intervalStart").asText()).isEqualTo("2026-12-08T08:00+05:00");
        assertThat(plan.json().get("reportHtml").asText())
                .startsWith("<!doctype html>")
                .contains("<svg");
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.text("detail")).contains("no interval on 2027-01-01");
        assertThat(noDay.text("detail")).contains("'on'");
        assertThat(wild.text("detail")).contains("uplift must be 0.1..20");
        assertThat(plan.json().get("warnings").isArray()).isTrue();
        String twice = "\"forecast\":[" + forecast + "," + forecast.substring(0, forecast.indexOf("}") + 1) + "]";
        assertThat(center.post(
                                "/api/v1/planning/launch",
                                planner,
                                "{" + twice + ",\"uplift\":1.8,\"on\":\"2026-12-08\"}")
                        .text("detail"))
                .contains("08:00+05:00 of info twice");
        assertThat(center.post(
                                "/api/v1/planning/launch",
                                planner,
                                "{" + rows + ",\"uplift\":1.8,\"on\":\"2026-12-08\",\"intervalMinutes\":7}")
                        .text("detail"))
                .contains("interval minutes must divide a day");
        assertThat(center.post(
                                "/api/v1/planning/launch",
                                planner,
                                "{" + rows + ",\"uplift\":1.8,\"on\":\"2026-12-08\",\"intervalMinutes\":60}")
                        .text("detail"))
                .contains("does not start on the 60-minute grid");
        assertThat(center.post(
                                "/api/v1/planning/launch",
                                planner,
                                "{" + rows + ",\"uplift\":1.8,\"on\":\"2026-12-08\",\"callbackWithinMinutes\":0}")
                        .text("detail"))
                .contains("1..1440 minutes");
        assertThat(center.post(
                                "/api/v1/planning/launch",
                                planner,
                                "{" + rows + ",\"uplift\":1.8,\"on\":\"2026-12-08\",\"callbackTakeUpPercent\":0}")
                        .text("detail"))
                .contains("callback take-up must be 1..100 %");
        assertThat(center.post("/api/v1/planning/launch", center.user("supervisor"), "{" + rows + "}")
                        .status())
                .isEqualTo(403);
    }

    private static String jsonString(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean searchThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("staffing-search"));
    }
}
