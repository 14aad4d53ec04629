package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** When a timer acted before the agent did, the refusal says what happened instead of "no live contact". */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimersExplainedTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    /** A queue of its own for each test, with 1-second offers and wrap-ups. */
    private String fastQueue() {
        String queue = unique("fast");
        center.post(
                        "/api/v1/queues",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + queue + "\",\"skills\":[\"" + queue + "\"],"
                                + "\"offerTimeoutSeconds\":1,\"wrapUpSeconds\":1}")
                .expect(201);
        return queue;
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void acceptingAnExpiredOfferSaysItWasTakenBackAndTheAgentSetNotReady() throws Exception {
        String queue = fastQueue();
        String agent = unique("anton");
        String token = center.agent(agent, queue);
        center.ready(agent, token);
        String id = center.contact(queue, "+79120004001").text("id");

        Thread.sleep(1_600);
        var refused =
                center.post("/api/v1/contacts/" + id + "/accept", token, "").expect(409);

        assertThat(refused.text("error")).isEqualTo("illegal_state");
        assertThat(refused.text("detail")).contains("taken back", "no answer", "NOT_READY");
        assertThat(center.get("/api/v1/agents/" + agent, token).expect(200).text("status"))
                .isEqualTo("NOT_READY");
    }

    @Test
    void completingAfterWrapUpEndedByItselfSaysTheContactEnded() throws Exception {
        String queue = fastQueue();
        String agent = unique("vera");
        String token = center.agent(agent, queue);
        center.ready(agent, token);
        String id = center.contact(queue, "+79120004002").text("id");
        center.post("/api/v1/contacts/" + id + "/accept", token, "").expect(200);
        assertThat(center.post("/api/v1/contacts/" + id + "/complete", token, "")
                        .expect(200)
                        .text("state"))
                .isEqualTo("WRAP_UP");

        Thread.sleep(1_600);
        var refused =
                center.post("/api/v1/contacts/" + id + "/complete", token, "").expect(409);

        assertThat(refused.text("detail")).contains("has ended", "COMPLETED", "wrap-up time ended");
        assertThat(refused.text("state")).isEqualTo("COMPLETED");
        center.post("/api/v1/contacts/" + id + "/complete", center.agent(unique("other"), "x"), "")
                .expect(404);
    }
}
