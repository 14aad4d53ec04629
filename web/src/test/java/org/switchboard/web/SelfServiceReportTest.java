package org.switchboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.web.RunningCenter.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.core.port.SelfServiceLog.Session;

/** The deflection report: per day and topic, contained sessions and the operator minutes they saved. */
class SelfServiceReportTest {

    private static RunningCenter center;

    @BeforeAll
    static void start() {
        center = new RunningCenter();
        center.queue("info", "info"); // planned handle time 90 s until real ones are measured
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void containedSessionsAndTheMinutesTheySavedPerDayAndTopic() {
        ZoneId zone = ZoneId.of(center.get("/api/v1/reports/self-service", ADMIN_TOKEN)
                .expect(200)
                .text("timeZone"));
        long now = System.currentTimeMillis();
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        long longAgo = today.minusDays(3).atStartOfDay(zone).toInstant().toEpochMilli() + 3_600_000;
        center.selfService.record(
                new Session("+79120000001", "ussd-http", "balance", now - 60_000, now - 50_000, "completed"));
        center.selfService.record(
                new Session("+79120000001", "ussd-http", "balance", now - 40_000, now - 30_000, "completed"));
        center.selfService.record(
                new Session("+79120000002", "ussd-smpp", "balance", now - 20_000, now - 10_000, "timed-out"));
        center.selfService.record(
                new Session("+79120000003", "ussd-http", "tariff-change", now - 9_000, now - 8_000, "completed"));
        center.selfService.record(
                new Session("+79120000003", "ussd-http", "balance", longAgo, longAgo + 5_000, "completed"));
        center.selfService.followed.add("+79120000002"); // she called the center afterwards

        JsonNode report = center.get(
                        "/api/v1/reports/self-service?from=" + today.minusDays(3) + "&to=" + today, ADMIN_TOKEN)
                .expect(200)
                .json();

        assertThat(report.path("queue").asText()).isEqualTo("info");
        assertThat(report.path("ahtSeconds").asDouble()).isEqualTo(90.0);
        JsonNode rows = report.path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("day").asText())
                .isEqualTo(today.minusDays(3).toString());
        assertThat(rows.get(0).path("final").asBoolean())
                .as("more than 24 h after its day")
                .isTrue();
        JsonNode balance = rows.get(1);
        assertThat(balance.path("topic").asText()).isEqualTo("balance");
        assertThat(balance.path("sessions").asInt()).isEqualTo(3);
        assertThat(balance.path("subscribers").asInt()).isEqualTo(2);
        assertThat(balance.path("contained").asInt()).isEqualTo(2);
        assertThat(balance.path("containedPercent").asDouble()).isEqualTo(66.7);
        assertThat(balance.path("minutesSaved").asDouble())
                .as("2 contained at 90 s")
                .isEqualTo(3.0);
        assertThat(balance.path("final").asBoolean())
                .as("today's figures may still change")
                .isFalse();
        assertThat(rows.get(2).path("topic").asText()).isEqualTo("tariff-change");
        assertThat(report.path("total").path("sessions").asInt()).isEqualTo(5);
        assertThat(report.path("total").path("contained").asInt()).isEqualTo(4);

        String csv = center.get("/api/v1/reports/self-service?from=" + today + "&format=csv", ADMIN_TOKEN)
                .expect(200)
                .body();
        assertThat(csv.lines())
                .containsExactly(
                        "day,topic,sessions,subscribers,contained,containedPercent,minutesSaved,final",
                        today + ",balance,3,2,2,66.7,3.0,false",
                        today + ",tariff-change,1,1,1,100.0,1.5,false");
    }

    @Test
    void badRangesAndFormatsAreRefusedAndAgentsMayNotRead() {
        center.get("/api/v1/reports/self-service?from=2026-12-02&to=2026-12-01", ADMIN_TOKEN)
                .expect(400);
        center.get("/api/v1/reports/self-service?from=2026-01-01&to=2026-12-01", ADMIN_TOKEN)
                .expect(400);
        center.get("/api/v1/reports/self-service?format=pdf", ADMIN_TOKEN).expect(400);
        center.get("/api/v1/reports/self-service?from=2026-12-01&from=2026-12-02", ADMIN_TOKEN)
                .expect(400);
        String agent = RunningCenter.unique("a");
        center.get("/api/v1/reports/self-service", center.agent(agent, "info")).expect(403);
    }
}
