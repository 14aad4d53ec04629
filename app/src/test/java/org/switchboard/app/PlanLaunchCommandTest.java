package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLaunchCommandTest {

    @TempDir
    Path dir;

    private Path forecast() throws IOException {
        StringBuilder csv = new StringBuilder("interval_start,queue,offered,aht_seconds,low,high\n");
        for (LocalDate day : new LocalDate[] {LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 8)}) {
            for (int slot = 16; slot < 40; slot++) {
                csv.append(day.atTime(slot / 2, slot % 2 * 30))
                        .append(",info,")
                        .append(40 + 60 * Math.exp(-Math.pow((slot / 2.0 - 11.5) / 2.5, 2)))
                        .append(",180,,\n");
            }
        }
        return Files.writeString(dir.resolve("forecast.csv"), csv);
    }

    @Test
    void printsThePlaybookAndWritesTheReport() throws IOException {
        Path out = dir.resolve("launch.json");
        Path report = dir.resolve("launch.html");

        int code = Main.commandLine()
                .execute(
                        "plan-launch",
                        "--baseline",
                        forecast().toString(),
                        "--uplift",
                        "1.8",
                        "--on",
                        "2026-12-08",
                        "--max-abandon-percent",
                        "5",
                        "--zone",
                        "Asia/Yekaterinburg",
                        "--report",
                        report.toString(),
                        "--out",
                        out.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.at("/day").asText()).isEqualTo("2026-12-08");
        assertThat(json.at("/asStaffed/offered").asLong()).isBetween(2_000L, 3_500L);
        assertThat(json.at("/asStaffed/toldBusy").asInt()).isZero();
        assertThat(json.at("/chosen/day/asaSeconds").asDouble()).isLessThanOrEqualTo(30);
        assertThat(json.at("/chosen/day/probAbandon").asDouble()).isLessThanOrEqualTo(0.05);
        assertThat(json.at("/options").size()).isGreaterThanOrEqualTo(1);
        assertThat(json.at("/intervals")).hasSize(24).allSatisfy(row -> {
            assertThat(row.at("/intervalStart").asText())
                    .startsWith("2026-12-08T")
                    .endsWith("+05:00");
            assertThat(row.at("/plan/agents").asInt()) // agents added only where an interval needs them
                    .isBetween(
                            row.at("/asStaffed/agents").asInt(),
                            row.at("/asStaffed/agents").asInt()
                                    + json.at("/chosen/extraAgents").asInt());
            assertThat(row.at("/plan/asaSeconds").asDouble()).isLessThanOrEqualTo(30);
        });
        assertThat(json.at("/intervals").findValues("offered").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .as("each caller counted once as staffed and once with the plan")
                .isEqualTo(2 * json.at("/asStaffed/offered").asLong());
        String html = Files.readString(report);
        assertThat(html)
                .startsWith("<!doctype html>")
                .contains("Launch day 2026-12-08")
                .contains("<svg");
    }

    @Test
    void aDayOutsideTheForecastIsAClearError() throws IOException {
        Path out = dir.resolve("never.json");
        assertThat(Main.commandLine()
                        .execute(
                                "plan-launch",
                                "--baseline",
                                forecast().toString(),
                                "--uplift",
                                "1.8",
                                "--on",
                                "2027-01-01",
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
