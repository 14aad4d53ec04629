package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Two queues, three groups: the staffing found by simulation keeps every queue's target in every half hour when
     * the scenario is simulated again with it ({@code simulate --scenario --staffing}), and the check with another
     * seed is reported.
     */
    @Test
    void staffsTheGroupsOfAMultiSkillScenarioBySimulation() throws IOException {
        Path scenario = Files.writeString(
                dir.resolve("scenario.yaml"), """
                start: 2026-12-01
                zone: Europe/Moscow
                queues:
                  - id: billing
                    arrivalsPerHour: [%s]
                    handle: {distribution: lognormal, meanSeconds: 150, sdSeconds: 100}
                    patience: 150
                    routing: [{skills: "billing>=6", seconds: 20}, {skills: billing}]
                  - id: internet
                    arrivalsPerHour: 40
                    handle: {distribution: exponential, meanSeconds: 300}
                    target: {slPercent: 70, slSeconds: 30, asaSeconds: 40}
                groups:
                  - {id: desk, skills: {billing: 8}, agents: 1}
                  - {id: tech, skills: {internet: 8}, agents: 1}
                  - {id: both, skills: {billing: 4, internet: 4}, agents: 1}
                """.formatted("0, ".repeat(16) + "150, ".repeat(31) + "150"));
        Path groups = dir.resolve("groups.csv");
        Path intervals = dir.resolve("intervals.csv");

        String summary = stdout(() -> assertThat(run(
                        "staffing", "--scenario", scenario.toString(), "--check-seed", "7", "--out", groups.toString()))
                .isZero());
        String simulated = stdout(() -> assertThat(run(
                        "simulate",
                        "--scenario",
                        scenario.toString(),
                        "--staffing",
                        groups.toString(),
                        "--replications",
                        "2",
                        "--intervals",
                        intervals.toString()))
                .isZero());

        List<String> rows = Files.readAllLines(groups);
        assertThat(rows.getFirst()).isEqualTo("interval_start,group,agents");
        assertThat(rows).hasSize(1 + 48 * 3).contains("2026-12-01T00:00+03:00,desk,0");
        assertThat(summary).contains("\"replications\":2,\"intervalsMissingTarget\":0,\"check\":{\"seed\":7,");
        List<String> figures = Files.readAllLines(intervals);
        assertThat(figures).hasSize(1 + 48 * 2);
        assertThat(figures.subList(1, figures.size())).allMatch(row -> row.endsWith(",true"));
        assertThat(simulated).contains("\"intervalsMissingTarget\":0").doesNotContain("\"intervalsMissingTarget\":1");
        // no billing callers before 08:00: nobody at the billing desk then, somebody after
        assertThat(rows.subList(1, rows.size()))
                .filteredOn(row -> row.contains(",desk,") && row.compareTo("2026-12-01T08:00") < 0)
                .hasSize(16)
                .allMatch(row -> row.endsWith(",desk,0"));
        assertThat(rows)
                .filteredOn(row -> row.contains(",desk,") && !row.endsWith(",0"))
                .isNotEmpty();
    }

    @Test
    void aScenarioWithAForecastOrAMistakeIsRefusedWithoutOutput() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "start: 2026-12-01\nqueues: []\ngroups: []\n");
        Path out = dir.resolve("never.csv");

        assertThat(run("staffing", "--scenario", bad.toString(), "--out", out.toString()))
                .isNotZero();
        assertThat(run("staffing", "--scenario", bad.toString(), "--arrivals-per-hour", "5"))
                .isNotZero();
        assertThat(run("simulate", "--scenario", bad.toString(), "--agents", "5"))
                .isNotZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void aFlagThatIsNoNumberIsOneLineNamingItNotTheWholeUsage() {
        for (String[] args : List.of(
                new String[] {"simulate", "--agents", "NaN", "--arrivals-per-hour", "20"},
                new String[] {"simulate", "--agents", "99999999999", "--arrivals-per-hour", "20"},
                new String[] {"staffing", "--arrivals-per-hour", "200", "--aht-seconds", "180", "--sl-seconds", "x"})) {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = Main.commandLine().setErr(new java.io.PrintWriter(err)).execute(args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().lines().toList())
                    .hasSize(2)
                    .first()
                    .asString()
                    .startsWith("switchboard: ")
                    .contains("--");
            assertThat(err.toString())
                    .contains("see: switchboard " + args[0] + " --help")
                    .doesNotContain("Usage:")
                    .doesNotContainPattern("not an? (int|long|double)\\b");
        }
        java.io.StringWriter said = new java.io.StringWriter();
        Main.commandLine()
                .setErr(new java.io.PrintWriter(said))
                .execute("plan-launch", "--baseline", "x.csv", "--uplift", "1.8", "--on", "9 December");
        assertThat(said.toString())
                .contains("'9 December' is not a date (YYYY-MM-DD)")
                .doesNotContain("java.");
        said.getBuffer().setLength(0);
        Main.commandLine()
                .setErr(new java.io.PrintWriter(said))
                .execute("plan-launch", "--baseline", "x.csv", "--uplift", "lots", "--on", "2026-12-09");
        assertThat(said.toString()).contains("'lots' is not a number");
        for (String notAsWritten : List.of("0x1p8", "200d", "1.8f", "NaN", "Infinity", " 1.8", "1,8", "")) {
            said.getBuffer().setLength(0);
            Main.commandLine()
                    .setErr(new java.io.PrintWriter(said))
                    .execute("plan-launch", "--baseline", "x.csv", "--uplift", notAsWritten, "--on", "2026-12-09");
            assertThat(said.toString()).as(notAsWritten).contains("'" + notAsWritten + "' is not a number");
        }
        said.getBuffer().setLength(0);
        Main.commandLine()
                .setErr(new java.io.PrintWriter(said))
                .execute("staffing", "--arrivals-per-hour", "1e400", "--aht-seconds", "180", "--sl-percent", "80");
        assertThat(said.toString()).contains("'1e400' is too large a number").doesNotContain("Infinity");
        said.getBuffer().setLength(0);
        Main.commandLine()
                .setErr(new java.io.PrintWriter(said))
                .execute("staffing", "--arrivals-per-hour", "1e9", "--aht-seconds", "180", "--sl-percent", "80");
        assertThat(said.toString())
                .contains("arrivals per hour must be at least 0 and below 1000000000, was 1000000000")
                .doesNotContain("E9");
        assertThat(List.of("200", "1.8", "-2", "+2", ".5", "5.", "2.5e3", "1E-2"))
                .allSatisfy(written -> assertThat(Main.decimal(written)).isEqualTo(Double.parseDouble(written)));
        assertThat(Main.plainTypes("Invalid value for option '--uplift': 'abc' is not a double"))
                .endsWith("'abc' is not a number");
        assertThat(Main.plainTypes("Invalid value for option '--agents': '1.5' is not an int"))
                .endsWith("'1.5' is not a whole number");
        assertThat(Main.plainTypes("Invalid value for option '--zone': cannot convert 'Mars' to class"
                        + " java.time.ZoneId (java.time.zone.ZoneRulesException: Unknown time-zone ID: Mars)"))
                .endsWith("'Mars' is not a valid ZoneId");
    }

    private static String stdout(Runnable action) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
