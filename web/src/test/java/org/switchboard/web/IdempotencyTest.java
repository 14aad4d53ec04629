package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A request sent again with its Idempotency-Key gets the first answer and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {

    private RunningCenter center;
    private String queue;

    @BeforeAll
    void start() {
        center = new RunningCenter();
        queue = unique("info");
        center.queue(queue, queue);
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aRetriedCreationReturnsTheFirstContactAndCreatesNoSecond() {
        String body = contactBody("+79120003001");
        var first = post("/api/v1/contacts", "call-1", body).expect(201);
        int journaled = center.journal.size();

        var again = post("/api/v1/contacts", "call-1", body).expect(201);

        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(again.json().get("position")).isEqualTo(first.json().get("position"));
        assertThat(center.journal.size()).isEqualTo(journaled);
        assertThat(waiting()).containsOnlyOnce(first.text("id"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        post("/api/v1/contacts", "call-2", contactBody("+79120003002")).expect(201);

        var mismatch =
                post("/api/v1/contacts", "call-2", contactBody("+79120003099")).expect(422);

        assertThat(mismatch.text("error")).isEqualTo("idempotency_mismatch");
    }

    @Test
    void concurrentDuplicatesCreateOneContact() throws Exception {
        String body = contactBody("+79120003003");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<RunningCenter.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Callable<RunningCenter.Answer> send = () -> post("/api/v1/contacts", "call-3", body);
                answers.add(pool.submit(send));
            }
            Set<String> ids = new HashSet<>();
            for (Future<RunningCenter.Answer> answer : answers) {
                ids.add(answer.get().expect(201).text("id"));
            }
            assertThat(ids).hasSize(1);
            assertThat(waiting()).containsOnlyOnce(ids.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aChannelMayChooseTheContactsId() {
        String id = "0192f7c4-5e6a-7b8c-9d0e-1f2a3b4c5d6e";
        var created = center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + id + "\"," + contactBody("+7912").substring(1))
                .expect(201);

        assertThat(created.text("id")).isEqualTo(id);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"id\":\"" + id + "\"," + contactBody("+7912").substring(1))
                .expect(409);
        center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"id\":\"not-a-uuid\"," + contactBody("+7912").substring(1))
                .expect(400);
    }

    @Test
    void aRepeatedActionAnswersAsTheFirstTime() {
        String agent = unique("anna");
        String token = center.agent(agent, queue);
        center.ready(agent, token);
        String id = center.contact(queue, "+79120003004").text("id");
        HttpRequest.Builder accept = center.request("/api/v1/contacts/" + id + "/accept", token)
                .header("Idempotency-Key", "accept-1")
                .POST(HttpRequest.BodyPublishers.noBody());
        var first = center.send(accept).expect(200);

        var again = center.send(center.request("/api/v1/contacts/" + id + "/accept", token)
                        .header("Idempotency-Key", "accept-1")
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .expect(200);

        assertThat(first.text("state")).isEqualTo("CONNECTED");
        assertThat(again.body()).isEqualTo(first.body());
        center.post("/api/v1/contacts/" + id + "/accept", token, "").expect(409);
    }

    @Test
    void aMalformedKeyIsRefused() {
        center.send(center.request("/api/v1/contacts", ADMIN_TOKEN)
                        .header("Idempotency-Key", "x".repeat(129))
                        .POST(HttpRequest.BodyPublishers.ofString(contactBody("+79120003005"))))
                .expect(400);
    }

    private RunningCenter.Answer post(String path, String key, String body) {
        return center.send(center.request(path, ADMIN_TOKEN)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String contactBody(String from) {
        return "{\"channel\":\"voice\",\"from\":\"" + from + "\",\"queue\":\"" + queue + "\"}";
    }

    private List<String> waiting() {
        List<String> ids = new ArrayList<>();
        center.get("/api/v1/queues/" + queue + "/contacts?limit=1000", ADMIN_TOKEN)
                .expect(200)
                .json()
                .get("contacts")
                .forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
