package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;
import static org.switchboard.web.RunningCenter.unique;

import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** While the database is away: commands refused honestly, reads served, health degraded, recovery by itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private RunningCenter center;

    @BeforeAll
    void start() {
        center = new RunningCenter();
    }

    @AfterAll
    void stop() {
        center.journal.unavailable = false;
        center.close();
    }

    @Test
    void commandsAreRefusedWithRetryAfterReadsKeepWorkingAndTheCenterRecoversByItself() throws Exception {
        String queue = unique("info");
        center.queue(queue, queue);
        String waiting = center.contact(queue, "+79120005001").text("id");
        center.journal.unavailable = true;
        CompletableFuture<RunningCenter.Answer> inFlight =
                CompletableFuture.supplyAsync(() -> center.contact(queue, "+79120005002"));
        center.awaitHealth(503);

        var health = center.get("/health", null).expect(503);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.text("reason")).isEqualTo("database");
        var refused = center.send(center.request("/api/v1/contacts", ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"voice\",\"from\":\"+79120005003\",\"queue\":\"" + queue + "\"}")));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("error")).isEqualTo("unavailable");
        assertThat(refused.text("detail")).contains("nothing was changed").doesNotContain("SQL", "connection refused");
        var read = center.get("/api/v1/contacts/" + waiting, ADMIN_TOKEN).expect(200);
        assertThat(read.text("state")).isEqualTo("QUEUED");
        assertThat(center.get("/api/v1/queues/" + queue + "/contacts", ADMIN_TOKEN)
                        .expect(200)
                        .json()
                        .get("contacts"))
                .hasSize(1);

        center.journal.unavailable = false;

        assertThat(inFlight.get(15, TimeUnit.SECONDS).status()).isEqualTo(201);
        center.awaitHealth(200);
        center.contact(queue, "+79120005004");
        assertThat(center.get("/api/v1/queues/" + queue + "/contacts", ADMIN_TOKEN)
                        .expect(200)
                        .json()
                        .get("contacts"))
                .hasSize(3);
    }
}
