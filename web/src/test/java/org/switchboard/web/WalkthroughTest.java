package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The five-minute walkthrough of docs/api.md, against a real center behind a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalkthroughTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aCallIsQueuedOfferedAcceptedWrappedUpAndCompletedWithItsWholeTimeline() {
        var queue = center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"info\",\"name\":\"Information\",\"skills\":[\"info\"]}")
                .expect(201);
        assertThat(queue.json().get("steps").get(0).get("skills").asText()).isEqualTo("info>=1");
        assertThat(queue.text("strategy")).isEqualTo("longest-idle");

        var agent = center.post(
                        "/api/v1/agents", ADMIN_TOKEN, "{\"id\":\"a1\",\"name\":\"Anton\",\"skills\":{\"info\":5}}")
                .expect(201);
        String anton = agent.text("token");
        assertThat(anton).hasSizeGreaterThanOrEqualTo(43);
        assertThat(agent.text("status")).isEqualTo("LOGGED_OUT");

        var ready = center.put("/api/v1/agents/a1/state", anton, "{\"state\":\"READY\"}")
                .expect(200);
        assertThat(ready.text("status")).isEqualTo("READY");

        var created = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"voice\",\"from\":\"+79120000001\",\"queue\":\"info\",\"priority\":0}")
                .expect(201);
        String id = created.text("id");
        assertThat(created.text("state")).isIn("OFFERED", "QUEUED");
        assertThat(created.text("queue")).isEqualTo("info");

        var offered = center.get("/api/v1/contacts/" + id, anton).expect(200);
        assertThat(offered.text("state")).isEqualTo("OFFERED");
        assertThat(offered.text("agent")).isEqualTo("a1");
        assertThat(offered.text("channel")).isEqualTo("voice");
        assertThat(offered.text("from")).isEqualTo("+79120000001");
        assertThat(types(offered.json())).containsExactly("ContactCreated", "ContactQueued", "ContactOffered");

        var connected =
                center.post("/api/v1/contacts/" + id + "/accept", anton, "").expect(200);
        assertThat(connected.text("state")).isEqualTo("CONNECTED");

        var wrapUp = center.post("/api/v1/contacts/" + id + "/complete", anton, "{\"disposition\":\"resolved\"}")
                .expect(200);
        assertThat(wrapUp.text("state")).isEqualTo("WRAP_UP");
        assertThat(center.get("/api/v1/contacts/" + id, anton).expect(200).text("disposition"))
                .as("the disposition given is there while the agent wraps up")
                .isEqualTo("resolved");
        assertThat(center.get("/api/v1/agents/a1", anton).expect(200).text("status"))
                .isEqualTo("WRAP_UP");

        var completed =
                center.post("/api/v1/contacts/" + id + "/complete", anton, "").expect(200);
        assertThat(completed.text("state")).isEqualTo("COMPLETED");
        assertThat(completed.text("disposition")).isEqualTo("resolved");
        assertThat(completed.text("agent")).isEqualTo("a1");
        assertThat(completed.text("queue")).isEqualTo("info");
        assertThat(completed.json().get("position").isNull()).isTrue();
        var history = center.get("/api/v1/contacts/" + id, anton).expect(200);
        assertThat(types(history.json()))
                .containsExactly(
                        "ContactCreated",
                        "ContactQueued",
                        "ContactOffered",
                        "ContactConnected",
                        "ContactWrapUpStarted",
                        "ContactEnded");
        JsonNode first = history.json().get("timeline").get(0);
        assertThat(first.get("contactId").asText()).isEqualTo(id);
        assertThat(first.get("at").asText()).endsWith("Z");
        assertThat(first.get("atMs").isIntegralNumber()).isTrue();

        assertThat(center.get("/api/v1/contacts/" + id, ADMIN_TOKEN).expect(200).text("state"))
                .isEqualTo("COMPLETED");
        assertThat(center.get("/api/v1/agents/a1", anton).expect(200).text("status"))
                .isEqualTo("READY");
    }

    static List<String> types(JsonNode contact) {
        List<String> types = new ArrayList<>();
        contact.get("timeline").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
