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

        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.text("detail")).contains("at least one target");
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
    }

    /**
     * A probe froze the whole server with two 8 KB staffing requests of huge loads: they ran for three minutes on the
     * threads that serve every request, /health included. Now they run on their own threads and stop at the budget.
     */
    @Test
    void computationsOverTheirBudgetAreStoppedAndTheCenterAnswersMeanwhile() throws Exception {
        String planner = center.user("planner");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            rows.append(rows.isEmpty() ? "" : ",")
                    .append("{\"intervalStart\":\"2026-12-08T00:00Z\",\"queue\":\"q\",\"offered\":")
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
        assertThat(center.post(
                                "/api/v1/planning/staffing",
                                planner,
                                "{\"arrivalsPerHour\":200,\"ahtSeconds\":180," + "\"serviceLevelPercent\":80}")
                        .status())
                .as("the planning threads are free again")
                .isEqualTo(200);
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
        assertThat(enormous.status()).isEqualTo(400);
        assertThat(enormous.text("detail")).contains("offered must be 0..10,000,000");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("detail")).contains("at most 200000");
    }
}
