package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Queue lists come from the read model a page at a time: bounded, in order, resumable with a cursor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagingTest {

    private RunningCenter center;
    private String queue;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    void start() {
        center = new RunningCenter();
        queue = unique("busy");
        center.queue(queue, queue);
        for (int i = 0; i < 120; i++) {
            String channel = i % 3 == 0 ? "sms" : "voice";
            created.add(center.post(
                            "/api/v1/contacts",
                            ADMIN_TOKEN,
                            "{\"channel\":\"" + channel + "\",\"from\":\"+7912" + i + "\",\"queue\":\"" + queue + "\"}")
                    .expect(201)
                    .text("id"));
        }
        created.add(center.post(
                        "/api/v1/contacts",
                        ADMIN_TOKEN,
                        "{\"channel\":\"callback\",\"from\":\"+79120006000\"," + "\"queue\":\"" + queue
                                + "\",\"scheduledAt\":\"2099-01-01T00:00:00Z\"}")
                .expect(201)
                .text("id"));
    }

    @AfterAll
    void stop() {
        center.close();
    }

    @Test
    void aPageHoldsFiftyContactsByDefaultAndTheCursorsWalkThemAllInOrder() {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = center.get(
                            "/api/v1/queues/" + queue + "/contacts" + (cursor == null ? "" : "?cursor=" + cursor),
                            ADMIN_TOKEN)
                    .expect(200)
                    .json();
            page.get("contacts").forEach(c -> walked.add(c.get("id").asText()));
            assertThat(page.get("contacts").size()).isLessThanOrEqualTo(50);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(walked).containsExactlyElementsOf(created);
    }

    @Test
    void positionsCountTheContactsOfTheSameCapacityClassAhead() {
        JsonNode contacts = center.get("/api/v1/queues/" + queue + "/contacts?limit=6", ADMIN_TOKEN)
                .expect(200)
                .json()
                .get("contacts");

        assertThat(contacts.get(0).get("channel").asText()).isEqualTo("sms");
        assertThat(contacts.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(contacts.get(1).get("position").asInt()).isEqualTo(1);
        assertThat(contacts.get(2).get("position").asInt()).isEqualTo(2);
        assertThat(contacts.get(3).get("position").asInt()).isEqualTo(2);
    }

    @Test
    void aPageOfContactsWithLargeAttributesEndsPastAMebibyteAndTheCursorGoesOnFromThere() {
        String heavy = unique("heavy");
        center.queue(heavy, heavy);
        String attributes = attributes(10, 4_000); // about 40 KB of JSON per contact
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(center.post(
                            "/api/v1/contacts",
                            ADMIN_TOKEN,
                            "{\"channel\":\"voice\",\"from\":\"+7913" + i + "\",\"queue\":\"" + heavy
                                    + "\",\"attributes\":" + attributes + "}")
                    .expect(201)
                    .text("id"));
        }

        List<String> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            var answer = center.get(
                            "/api/v1/queues/" + heavy + "/contacts?limit=1000"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            ADMIN_TOKEN)
                    .expect(200);
            answer.json().get("contacts").forEach(c -> walked.add(c.get("id").asText()));
            sizes.add(answer.json().get("contacts").size());
            assertThat(answer.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThan(QueueRoutes.MAX_PAGE_BYTES + 50_000);
            cursor = answer.json().get("nextCursor").isNull()
                    ? null
                    : answer.json().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(sizes).hasSize(2).allSatisfy(size -> assertThat(size).isGreaterThan(1));
        assertThat(walked).containsExactlyElementsOf(ids);
    }

    /** A JSON object of {@code count} attributes, each value {@code length} characters long. */
    private static String attributes(int count, int length) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"note").append(i).append("\":\"");
            json.append(String.valueOf((char) ('a' + i)).repeat(length)).append('"');
        }
        return json.append('}').toString();
    }

    @Test
    void limitsOutsideOneToAThousandAndForeignCursorsAreRefused() {
        center.get("/api/v1/queues/" + queue + "/contacts?limit=1000", ADMIN_TOKEN)
                .expect(200);
        center.get("/api/v1/queues/" + queue + "/contacts?limit=1001", ADMIN_TOKEN)
                .expect(400);
        center.get("/api/v1/queues/" + queue + "/contacts?limit=0", ADMIN_TOKEN).expect(400);
        center.get("/api/v1/queues/" + queue + "/contacts?cursor=bm90LWEtY3Vyc29y", ADMIN_TOKEN)
                .expect(400);
        center.get("/api/v1/queues/" + queue + "/contacts?cursor=~~~", ADMIN_TOKEN)
                .expect(400);
    }
}
