package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.web.RunningCenter.Answer;

/**
 * Supervisors keep the knowledge base, operators search it: an operator may not write, two supervisors do not
 * overwrite each other unseen, every change is audited under who made it.
 */
class KnowledgeApiTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void aSupervisorWritesAnOperatorFindsAndAChangeToAnOldVersionIsRefusedWithTheCurrentOne() {
        String lena = center.user("supervisor");
        String vera = center.user("supervisor");
        String operator = center.agent(unique("anton"), "info");
        String title = unique("Настройки интернета");
        String body = "{\"kind\":\"answer\",\"title\":\"" + title
                + "\",\"body\":\"APN: internet.motiv\",\"tags\":[\"APN\",\"4g\"]}";

        center.post("/api/v1/knowledge", operator, body).expect(403);
        Answer created = center.post("/api/v1/knowledge", lena, body).expect(201);
        String id = created.text("id");
        assertThat(created.httpHeaders().firstValue("Location")).hasValue("/api/v1/knowledge/" + id);
        assertThat(created.json().get("tags").toString()).isEqualTo("[\"apn\",\"4g\"]");

        Answer found = center.get("/api/v1/knowledge?q=APN%20" + title.substring(title.lastIndexOf('-') + 1), operator)
                .expect(200);
        assertThat(found.json().get("articles")).hasSize(1);
        assertThat(found.json().get("articles").get(0).get("body").asText()).isEqualTo("APN: internet.motiv");
        assertThat(center.get("/api/v1/knowledge?q=apn&kind=article", operator)
                        .expect(200)
                        .json()
                        .get("articles"))
                .isEmpty();

        String change = "{\"kind\":\"answer\",\"title\":\"" + title + "\",\"body\":\"APN: internet\",\"version\":1}";
        center.put("/api/v1/knowledge/" + id, vera, change).expect(200);
        Answer stale = center.put("/api/v1/knowledge/" + id, lena, change.replace("internet\"", "wap\""));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("error")).isEqualTo("stale");
        assertThat(stale.json().get("current").get("body").asText()).isEqualTo("APN: internet");
        assertThat(center.get("/api/v1/knowledge/" + id, operator)
                        .expect(200)
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(2);

        center.delete("/api/v1/knowledge/" + id + "?version=2", operator).expect(403);
        center.delete("/api/v1/knowledge/" + id + "?version=2", lena).expect(204);
        center.get("/api/v1/knowledge/" + id, operator).expect(404);
        assertThat(center.audit.about("knowledge/" + id, 10))
                .extracting(r -> r.action())
                .containsExactly("knowledge.delete", "knowledge.change", "knowledge.create");
    }
}
