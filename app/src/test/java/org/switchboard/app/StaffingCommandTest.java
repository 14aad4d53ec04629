package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffingCommandTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        return Main.commandLine().execute(args);
    }

    @Test
    void printsTheFewestAgentsAsOneJsonObject() throws IOException {
        Path out = dir.resolve("staffing.json");

        int code = run(
                "staffing",
                "--arrivals-per-hour",
                "200",
                "--aht-seconds",
                "180",
                "--sl-percent",
                "80",
                "--sl-seconds",
                "20",
                "--patience-seconds",
                "120",
                "--shrinkage",
                "30",
                "--out",
                out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out))
                .matches("\\{\"agents\":12,\"serviceLevel\":0\\.83\\d*,\"probWait\":[0-9.]+,\"asaSeconds\":[0-9.]+,"
                        + "\"occupancy\":[0-9.]+,\"probAbandon\":0\\.06\\d*,\"scheduledAgents\":18}\n");
    }

    @Test
    void staffsEachIntervalOfAForecastFile() throws IOException {
        Path forecast = Files.writeString(dir.resolve("forecast.csv"), """
                interval_start,queue,offered,aht_seconds,low,high
                2026-12-01T09:00,info,100,180,90,110
                2026-12-01T09:30,info,150,180,140,160
                """);
        Path out = dir.resolve("need.csv");

        int code = run(
                "staffing",
                "--forecast",
                forecast.toString(),
                "--sl-percent",
                "80",
                "--zone",
                "Europe/Moscow",
                "--out",
                out.toString());

        assertThat(code).isZero();
        assertThat(Files.readAllLines(out))
                .hasSize(3)
                .element(2)
                .asString()
                .startsWith("2026-12-01T09:30+03:00,info,150,180,19,19,");
    }

    @Test
    void aMissingTargetOrFileIsAClearErrorAndWritesNothing() {
        Path out = dir.resolve("never.json");

        assertThat(run("staffing", "--arrivals-per-hour", "200", "--aht-seconds", "180", "--out", out.toString()))
                .isEqualTo(1);
        assertThat(run("staffing", "--forecast", dir.resolve("nope.csv").toString(), "--sl-percent", "80"))
                .isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
