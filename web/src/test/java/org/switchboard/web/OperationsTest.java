package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.unique;

import io.micrometer.core.instrument.Gauge;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Health, metrics and the OpenAPI document: no token needed (OpenApiConformanceTest checks the document). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest {

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
    void healthIsUpWhileTheCenterTakesCommands() {
        var health = center.get("/health", null).expect(200);

        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.json().get("journal").get("commits").asLong()).isPositive();
    }

    @Test
    void healthSaysStartingUntilTheProcessHasAttachedEverything() {
        center.server.reportStarting();
        try {
            var starting = center.get("/health", null).expect(503);
            assertThat(starting.text("status")).isEqualTo("STARTING");
            assertThat(starting.text("reason")).isEqualTo("starting");
            assertThat(starting.httpHeaders().firstValue("Retry-After")).contains("1");
        } finally {
            center.server.reportStarted();
        }
        assertThat(center.get("/health", null).expect(200).text("status")).isEqualTo("UP");
    }

    @Test
    void metricsExposeCommandsJournalQueuesAndHttpRequests() {
        String queue = unique("info");
        center.queue(queue, "info");
        center.contact(queue, "+79120003001");

        var metrics = center.get("/metrics", null).expect(200);

        assertThat(metrics.body())
                .contains("switchboard_commands_total{outcome=\"accepted\"}")
                .contains("switchboard_commands_total{outcome=\"rejected\"}")
                .contains("switchboard_commands_total{outcome=\"refused\"}")
                .contains("switchboard_journal_commits_total")
                .contains("switchboard_journal_entries_total")
                .contains("switchboard_journal_last_commit_seconds")
                .contains("switchboard_snapshots_total")
                .contains("switchboard_snapshot_last_position")
                .contains("switchboard_snapshot_last_size_bytes")
                .contains("switchboard_snapshot_last_duration_seconds")
                .contains("switchboard_queue_waiting{queue=\"" + queue + "\"} 1.0")
                .contains("switchboard_queue_oldest_wait_seconds{queue=\"" + queue + "\"}")
                .contains("switchboard_queue_agents{queue=\"" + queue + "\",status=\"ready\"}")
                .contains("switchboard_websocket_sessions")
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/v1/contacts\","
                        + "status=\"201\"}");
    }

    @Test
    void metricsAreScrapedOffTheVirtualThreads() {
        Gauge.builder(
                        "test.scraped.on.virtual.thread",
                        () -> Thread.currentThread().isVirtual() ? 1 : 0)
                .register(center.meters);

        var metrics = center.get("/metrics", null).expect(200);

        assertThat(metrics.body()).contains("test_scraped_on_virtual_thread 0.0");
    }

    @Test
    void requestMetricsHaveBoundedLabelsWhateverMethodsClientsInvent() {
        for (int i = 0; i < 20; i++) {
            String invented = "INVENTED" + "X".repeat(i);
            center.send(center.request("/health", null).method(invented, HttpRequest.BodyPublishers.noBody()));
            center.send(center.request("/nowhere/" + i, null)
                    .header("X-HTTP-Method-Override", invented)
                    .GET());
        }

        String metrics = center.get("/metrics", null).expect(200).body();

        assertThat(metrics)
                .doesNotContain("INVENTED", "/nowhere")
                .contains("http_server_requests_seconds_count{method=\"OTHER\",route=\"unmatched\",status=\"405\"} ");
    }

    @Test
    void metricsCanBeMadeToNeedAStaffToken() {
        try (RunningCenter guarded = new RunningCenter(WebOptions.DEFAULTS.withMetricsRequireToken(true))) {
            String agentToken = guarded.agent(unique("a"), "info");

            var anonymous = guarded.get("/metrics", null).expect(401);
            guarded.get("/metrics", agentToken).expect(403);
            guarded.get("/metrics", guarded.user("supervisor")).expect(200);
            guarded.get("/metrics", RunningCenter.ADMIN_TOKEN).expect(200);

            assertThat(anonymous.text("error")).isEqualTo("unauthorized");
            guarded.get("/health", null).expect(200);
            guarded.get("/api/openapi.json", null).expect(200);
        }
    }
}
