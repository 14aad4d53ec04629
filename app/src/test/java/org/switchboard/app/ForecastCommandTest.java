package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    @TempDir
    Path dir;

    /** Eight weeks of a queue open 09:00–18:00, busier on Mondays, with a launch on a Tuesday. */
    private Path history() throws IOException {
        StringBuilder csv = new StringBuilder("interval_start,queue,offered,aht_seconds\n");
        LocalDate start = LocalDate.of(2026, 10, 5);
        for (int d = 0; d < 56; d++) {
            LocalDate date = start.plusDays(d);
            for (int slot = 18; slot < 36; slot++) {
                int offered = (date.getDayOfWeek().getValue() == 1 ? 60 : 40) + (slot % 5) * 3 + (d * 7 + slot) % 4;
                if (date.equals(LocalDate.of(2026, 11, 10))) {
                    offered *= 2;
                }
                csv.append(date.atTime(slot / 2, slot % 2 * 30))
                        .append(",info,")
                        .append(offered)
                        .append(",180\n");
            }
        }
        return Files.writeString(dir.resolve("history.csv"), csv);
    }

    @Test
    void writesTheForecastCsvAndPrintsTheBacktest() throws IOException {
        Path special = Files.writeString(dir.resolve("special.csv"), "date,kind\n2026-11-10,launch\n");
        Path out = dir.resolve("forecast.csv");

        int code = Main.commandLine()
                .execute(
                        "forecast",
                        "--history",
                        history().toString(),
                        "--horizon-days",
                        "7",
                        "--special-days",
                        special.toString(),
                        "--zone",
                        "Europe/Moscow",
                        "--out",
                        out.toString());

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("interval_start,queue,offered,aht_seconds,low,high");
        assertThat(lines).hasSize(1 + 7 * 18); // open 09:00–18:00 only
        assertThat(lines.get(1)).startsWith("2026-11-30T09:00+03:00,info,");
    }

    @Test
    void aBadHistoryIsAClearErrorAndWritesNothing() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("bad.csv"), "interval_start,queue,offered,aht_seconds\nmonday,info,1,1\n");
        Path out = dir.resolve("never.csv");

        assertThat(Main.commandLine().execute("forecast", "--history", bad.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(Main.commandLine().execute("forecast", "--history", history().toString(), "--horizon-days", "0"))
                .isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void whatWasReadFromACenterNamesEveryQueueAndTheOnesWithoutHistory() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2026-12-01T09:00+05:00");
        List<org.switchboard.planning.IntervalForecast> rows = List.of(
                new org.switchboard.planning.IntervalForecast(at, "info", 10, 180, null, null),
                new org.switchboard.planning.IntervalForecast(at.plusMinutes(30), "info", 12, 180, null, null),
                new org.switchboard.planning.IntervalForecast(at, "tech", 3, 400, null, null));
        assertThat(ForecastCommand.readFrom(rows, List.of("info", "sales", "tech"), "http://127.0.0.1:8080"))
                .isEqualTo("Read from http://127.0.0.1:8080: 2 intervals of info, 1 of tech;"
                        + " no history of sales (not forecast)");
        assertThat(ForecastCommand.readFrom(rows, List.of("info", "tech"), "http://c"))
                .isEqualTo("Read from http://c: 2 intervals of info, 1 of tech");
    }
}
