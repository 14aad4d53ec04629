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
        center.server.planWith(new PlanningService());
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
}
