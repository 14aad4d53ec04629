package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    /** A morning of two queues: one call a minute each, 3 min talks; a few callers hung up after 40 s. */
    private Path calls() throws IOException {
        StringBuilder csv = new StringBuilder("arrived_at,queue,outcome,wait_seconds,handle_seconds\n");
        for (int minute = 0; minute < 120; minute++) {
            String at = String.format("2026-11-30T09:%02d:%02d", minute % 60, minute / 60 * 30);
            if (minute >= 60) {
                at = String.format("2026-11-30T10:%02d:%02d", minute % 60, 15);
            }
            csv.append(at).append(minute % 7 == 0 ? ",care,abandoned,40,\n" : ",care,answered,8,180\n");
            csv.append(at).append(",tech,answered,0,240\n");
        }
        return Files.writeString(dir.resolve("calls.csv"), csv);
    }

    private Path staffing(int careAgents) throws IOException {
        StringBuilder csv = new StringBuilder("interval_start,queue,agents\n");
        for (String start : List.of("2026-11-30T09:00", "2026-11-30T09:30", "2026-11-30T10:00", "2026-11-30T10:30")) {
            csv.append(start).append(",care,").append(careAgents).append('\n');
            csv.append(start).append(",tech,5\n");
        }
        return Files.writeString(dir.resolve("staffing-" + careAgents + ".csv"), csv);
    }

    @Test
    void printsTheReplayBesideTheLogAndWritesTheIntervals() throws IOException {
        Path out = dir.resolve("replay.json");
        Path intervals = dir.resolve("intervals.csv");

        int code = Main.commandLine()
                .execute(
                        "replay",
                        "--calls",
                        calls().toString(),
                        "--staffing",
                        staffing(4).toString(),
                        "--zone",
                        "Europe/Moscow",
                        "--intervals",
                        intervals.toString(),
                        "--out",
                        out.toString());

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.at("/total/log/offered").asLong()).isEqualTo(240);
        assertThat(json.at("/total/replay/offered").asLong()).isEqualTo(240);
        assertThat(json.at("/queues/care/log/abandoned").asLong()).isEqualTo(18);
        assertThat(json.at("/queues/tech/replay/answered").asLong()).isEqualTo(120);
        assertThat(json.at("/queues/tech/replay/serviceLevel").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/intervalMinutes").asInt()).isEqualTo(30);
        List<String> lines = Files.readAllLines(intervals);
        assertThat(lines.getFirst()).startsWith("interval_start,queue,agents,offered,log_answered,replay_answered");
        assertThat(lines).hasSize(1 + 4 * 2);
        assertThat(lines.get(1)).startsWith("2026-11-30T09:00+03:00,care,4,30,");
    }

    @Test
    void aWhatIfWithFewerAgentsAnswersFewerInTime() throws IOException {
        Path asPlanned = dir.resolve("planned.json");
        Path fewer = dir.resolve("fewer.json");
        assertThat(Main.commandLine()
                        .execute(
                                "replay",
                                "--calls",
                                calls().toString(),
                                "--staffing",
                                staffing(4).toString(),
                                "--zone",
                                "UTC",
                                "--out",
                                asPlanned.toString()))
                .isZero();
        assertThat(Main.commandLine()
                        .execute(
                                "replay",
                                "--calls",
                                calls().toString(),
                                "--staffing",
                                staffing(4).toString(),
                                "--zone",
                                "UTC",
                                "--agents-plus",
                                "-2",
                                "--out",
                                fewer.toString()))
                .isZero();
        ObjectMapper mapper = new ObjectMapper();
        double planned = mapper.readTree(asPlanned.toFile())
                .at("/queues/care/replay/serviceLevel")
                .asDouble();
        double cut = mapper.readTree(fewer.toFile())
                .at("/queues/care/replay/serviceLevel")
                .asDouble();
        assertThat(cut).isLessThan(planned);
    }

    /** tech's agents answer care's callers after 10 s: care's answered calls rise, the total offered stays. */
    @Test
    void otherRoutingStepsLetTechsAgentsHelpCare() throws IOException {
        Path asPlanned = dir.resolve("planned.json");
        Path routed = dir.resolve("routed.json");
        String[] common = {
            "replay", "--calls", calls().toString(), "--staffing", staffing(2).toString(), "--zone", "UTC"
        };
        assertThat(Main.commandLine().execute(concat(common, "--out", asPlanned.toString())))
                .isZero();
        assertThat(Main.commandLine()
                        .execute(concat(common, "--route", "care=care:10,care|tech", "--out", routed.toString())))
                .isZero();
        assertThat(Main.commandLine()
                        .execute(concat(
                                common,
                                "--route",
                                "care=care:x",
                                "--out",
                                dir.resolve("x").toString())))
                .isEqualTo(1);
        assertThat(Main.commandLine()
                        .execute(concat(
                                common,
                                "--callback-after-seconds",
                                "-1",
                                "--out",
                                dir.resolve("x").toString())))
                .as("-1 is not 'no callbacks': leaving the option out is")
                .isEqualTo(1);
        assertThat(dir.resolve("x")).doesNotExist();

        ObjectMapper mapper = new ObjectMapper();
        JsonNode planned = mapper.readTree(asPlanned.toFile());
        JsonNode helped = mapper.readTree(routed.toFile());
        assertThat(helped.at("/total/replay/offered").asLong())
                .isEqualTo(planned.at("/total/replay/offered").asLong());
        assertThat(helped.at("/queues/care/replay/answered").asLong())
                .isGreaterThan(planned.at("/queues/care/replay/answered").asLong());
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aBadLogIsAClearErrorAndWritesNothing() throws IOException {
        Path bad = Files.writeString(
                dir.resolve("bad.csv"),
                "arrived_at,queue,outcome,wait_seconds,handle_seconds\n2026-11-30T09:00,care,maybe,1,\n");
        Path out = dir.resolve("never.json");
        assertThat(Main.commandLine()
                        .execute(
                                "replay",
                                "--calls",
                                bad.toString(),
                                "--staffing",
                                staffing(4).toString(),
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(Main.commandLine()
                        .execute(
                                "replay",
                                "--calls",
                                dir.resolve("missing.csv").toString(),
                                "--staffing",
                                staffing(4).toString(),
                                "--out",
                                out.toString()))
                .isEqualTo(1);
        assertThat(out).doesNotExist();
    }
}
