package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.Subscriber;
import org.switchboard.web.EventStreamTest.Listener;

/**
 * What a supervisor does from the wallboard, each audited under their name: raise a waiting contact's priority, give
 * an agent a skill, and hear at once that a line locked after wrong code words was tried again (operators do not).
 */
class SupervisorActionsTest {

    private static RunningCenter center;
    private static String supervisor;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        supervisor = center.user("supervisor");
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aRaisedContactIsNextAndAnAgentGivenTheSkillTakesIt() throws Exception {
        String line = unique("vip");
        center.queue(line, line);
        String first = center.contact(line, "+79120000011").text("id");
        String second = center.contact(line, "+79120000012").text("id");

        var raise = center.request("/api/v1/contacts/" + second + "/priority", supervisor)
                .header("Idempotency-Key", "raise-" + second)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"priority\":10}"));
        JsonNode raised = center.send(raise).expect(200).json();
        center.send(raise).expect(200); // a retry: answered again, changed and audited once
        assertThat(raised.get("position").asInt()).isEqualTo(1);
        center.post("/api/v1/contacts/" + second + "/priority", center.agent(unique("a"), "x"), "{\"priority\":10}")
                .expect(403);

        String agent = unique("olga");
        String token = center.agent(agent, "other");
        center.ready(agent, token);
        JsonNode changed = center.put(
                        "/api/v1/agents/" + agent + "/skills", supervisor, "{\"skills\":{\"" + line + "\":6}}")
                .expect(200)
                .json();
        assertThat(changed.get("skills").get(line).asInt()).isEqualTo(6);
        assertThat(changed.get("contacts").get(0).asText())
                .as("offered at once, the raised one first")
                .isEqualTo(second);
        assertThat(center.get("/api/v1/contacts/" + first, supervisor)
                        .expect(200)
                        .text("state"))
                .isEqualTo("QUEUED");
        assertThat(center.audit.about(second, 5)).extracting(r -> r.action()).containsExactly("contact.priority");
        assertThat(center.audit.about(agent, 5)).extracting(r -> r.action()).contains("agent.skills");
    }

    @Test
    void aLockedLineTriedAgainAlertsSupervisorsButNotOperators() throws Exception {
        String msisdn = "+79130001234";
        center.subscribers.save(new Subscriber(msisdn, "Anna", "Basic", 500, "RUB", List.of(), "ru"), "Perm");
        try (Listener wallboard = Listener.connect(center, "?token=" + supervisor)) {
            String[] served = center.servedCall(msisdn);
            try (Listener desk = Listener.connect(center, "?token=" + served[1])) {
                String wrong = "{\"codeWord\":\"Omsk\",\"contactId\":\"" + served[2] + "\"}";
                for (int i = 0; i < 5; i++) {
                    center.post("/api/v1/subscribers/" + msisdn + "/verify-code-word", served[1], wrong)
                            .expect(200);
                }
                center.post("/api/v1/subscribers/" + msisdn + "/verify-code-word", served[1], wrong)
                        .expect(429);

                JsonNode alert = wallboard.next("AlertRaised");
                assertThat(alert.get("kind").asText()).isEqualTo("code-word-lock");
                assertThat(alert.get("subject").asText()).isEqualTo(msisdn);
                assertThat(alert.get("detail").asText()).contains(served[0]).contains(served[2]);
                center.post("/api/v1/contacts/" + served[2] + "/notes", served[1], "{\"text\":\"after\"}")
                        .expect(200);
                desk.next("ContactNoted");
                assertThat(desk.seen()).noneMatch(m -> m.get("type").asText().equals("AlertRaised"));
            }
        }
    }
}
