package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCommandTest {

    @TempDir
    Path dir;

    /** A week of requirements as 'staffing --forecast' writes them: open 08:00-20:00, busier at midday. */
    private Path requirements() throws IOException {
        StringBuilder csv = new StringBuilder(
                "interval_start,queue,offered,aht_seconds,agents,scheduled_agents,service_level,prob_wait,"
                        + "asa_seconds,occupancy,prob_abandon\n");
        LocalDate monday = LocalDate.of(2026, 12, 7);
        for (int d = 0; d < 7; d++) {
            for (int slot = 16; slot < 40; slot++) {
                int agents = 4 + (slot > 20 && slot < 34 ? 6 : 0) + (d < 5 ? 3 : 0);
                csv.append(monday.plusDays(d).atTime(slot / 2, slot % 2 * 30))
                        .append(",info,100,180,")
                        .append(agents)
                        .append(',')
                        .append(agents + 2)
                        .append(",0.8,0.3,10,0.8,\n");
            }
        }
        return Files.writeString(dir.resolve("staffing.csv"), csv);
    }

    @Test
    void writesShiftsCoverageAndChart() throws IOException {
        Path shifts = dir.resolve("shifts.csv");
        Path coverage = dir.resolve("coverage.csv");
        Path chart = dir.resolve("coverage.svg");

        int code = Main.commandLine()
                .execute(
                        "schedule",
                        "--requirements",
                        requirements().toString(),
                        "--patterns",
                        "8h",
                        "--zone",
                        "Asia/Yekaterinburg",
                        "--out",
                        shifts.toString(),
                        "--coverage",
                        coverage.toString(),
                        "--chart",
                        chart.toString());

        assertThat(code).isZero();
        List<String> rows = Files.readAllLines(shifts);
        assertThat(rows.getFirst()).isEqualTo("agent,start,end,pattern,paid_hours,breaks");
        assertThat(rows).hasSizeGreaterThan(20);
        assertThat(rows.get(1))
                .matches("agent-\\d+,2026-12-07T\\d\\d:\\d\\d\\+05:00,2026-12-07T\\d\\d:\\d\\d\\+05:00,8h,8,"
                        + "\\d\\d:\\d\\d-\\d\\d:\\d\\d \\d\\d:\\d\\d-\\d\\d:\\d\\d \\d\\d:\\d\\d-\\d\\d:\\d\\d");
        List<String> cover = Files.readAllLines(coverage);
        assertThat(cover.getFirst()).isEqualTo("interval_start,required,scheduled,under,over");
        assertThat(cover).hasSize(1 + 7 * 48);
        assertThat(cover.get(1 + 24)).startsWith("2026-12-07T12:00+05:00,15,"); // scheduled_agents: 13 + 2
        assertThat(cover.stream().skip(1).map(line -> line.split(",")[3])).allMatch("0"::equals);
        assertThat(Files.readString(chart))
                .startsWith("<svg")
                .contains("required")
                .endsWith("</svg>\n");
    }

    @Test
    void badRequirementsOrRulesAreAClearErrorAndWriteNothing() throws IOException {
        Path out = dir.resolve("never.csv");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "interval_start,agents\nMonday,3\n");
        assertThat(Main.commandLine().execute("schedule", "--requirements", bad.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(Main.commandLine()
                        .execute(
                                "schedule",
                                "--requirements",
                                requirements().toString(),
                                "--patterns",
                                "10h",
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(Main.commandLine()
                        .execute(
                                "schedule",
                                "--requirements",
                                requirements().toString(),
                                "--min-rest-hours",
                                "-1",
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
