package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.port.StatisticsArchive;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.storage.Database;

/**
 * {@code forecast --from-center}: a planner forecasts from the running center's own statistics (the archive of
 * closed 15-minute intervals), read over the API with a token, not from a file someone exported.
 */
class ForecastFromCenterTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Yekaterinburg");

    @TempDir
    Path data;

    @TempDir
    Path dir;

    private Server server;

    /** Eight weeks of the demo's info queue, 08:00–20:00, busier on Mondays, archived as the center archives them. */
    @BeforeEach
    void start() throws IOException {
        Settings settings = Settings.load(
                null,
                Map.of(),
                Map.of(
                        "http.port", "0",
                        "sip.port", "0",
                        "data.dir", data.toString(),
                        "demo", "true",
                        "center.time-zone", ZONE.getId()));
        List<IntervalStats> intervals = new ArrayList<>();
        LocalDate today = LocalDate.now(ZONE);
        for (LocalDate day = today.minusDays(59); day.isBefore(today.minusDays(2)); day = day.plusDays(1)) {
            for (int quarter = 32; quarter < 80; quarter++) {
                long startMs = day.atStartOfDay(ZONE).toInstant().toEpochMilli() + quarter * 900_000L;
                long offered = (day.getDayOfWeek().getValue() == 1 ? 12 : 7) + quarter % 3;
                intervals.add(new IntervalStats(
                        "info",
                        startMs,
                        startMs + 900_000L,
                        offered,
                        offered,
                        offered,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        offered,
                        0,
                        offered * 200_000L,
                        0,
                        0));
            }
        }
        try (Database database = Database.open(Server.databaseConfig(settings))) {
            database.statisticsArchive().saveIntervals(StatisticsArchive.Subject.QUEUE, intervals);
        }
        server = Server.start(settings, Map.of());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void forecastsAQueueFromTheCentersOwnHistory() throws IOException {
        Path out = dir.resolve("forecast.csv");

        int code = Main.commandLine()
                .execute(
                        "forecast",
                        "--from-center",
                        "--queue",
                        "info",
                        "--data",
                        data.toString(),
                        "--center",
                        "http://127.0.0.1:" + server.port(),
                        "--history-days",
                        "120",
                        "--horizon-days",
                        "7",
                        "--out",
                        out.toString());

        assertThat(code).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("interval_start,queue,offered,aht_seconds,low,high");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains("+05:00,info,"));
        // the center's zone and its AHT: a Monday half hour 10:00 of 2 × (12 + 1 of 3) calls, handled in 200 s
        String monday = lines.stream()
                .skip(1)
                .filter(line ->
                        LocalDate.parse(line.substring(0, 10)).getDayOfWeek().getValue() == 1)
                .filter(line -> line.substring(11, 16).equals("10:00"))
                .findFirst()
                .orElseThrow();
        String[] cells = monday.split(",");
        assertThat(Double.parseDouble(cells[2])).isBetween(18.0, 34.0);
        assertThat(Double.parseDouble(cells[3])).isBetween(190.0, 210.0);
    }

    @Test
    void aWrongTokenAQueueItDoesNotHaveOrNoCenterIsAClearErrorAndWritesNothing() throws IOException {
        Path out = dir.resolve("never.csv");
        Path stranger = Files.writeString(dir.resolve("token"), "not-a-token-of-this-center-0123456789\n");
        String center = "http://127.0.0.1:" + server.port();

        assertThat(forecast("--center", center, "--token-file", stranger.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", center, "--queue", "ghost", "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", "http://127.0.0.1:1", "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", center, "--history-days", "5000", "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", center, "--interval-minutes", "20", "--out", out.toString()))
                .isEqualTo(1);
        // a token file that is a directory or far too long, a center address with a query, a listener that is no
        // center: one clear line each (no stack trace, no hang), and nothing written
        Path huge = Files.writeString(dir.resolve("huge"), "x".repeat(5_000));
        assertThat(forecast("--center", center, "--token-file", dir.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", center, "--token-file", huge.toString(), "--out", out.toString()))
                .isEqualTo(1);
        assertThat(forecast("--center", center + "/?x=1", "--out", out.toString()))
                .isEqualTo(1);
        try (java.net.ServerSocket notACenter = new java.net.ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (java.net.Socket peer = notACenter.accept()) {
                    peer.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
                    peer.getInputStream().readNBytes(1);
                } catch (IOException ignored) {
                    // the client went away
                }
            });
            assertThat(forecast("--center", "http://127.0.0.1:" + notACenter.getLocalPort(), "--out", out.toString()))
                    .isEqualTo(1);
        }
        assertThat(out).doesNotExist();
        // a BOM before the token (a Windows editor's file) is not part of it
        Path bom = Files.writeString(dir.resolve("bom"), "\uFEFF" + Files.readString(data.resolve("admin-token")));
        assertThat(forecast(
                        "--center", center, "--token-file", bom.toString(), "--queue", "info", "--out", out.toString()))
                .isZero();
        // a file and the center at once: which is the history?
        assertThat(Main.commandLine()
                        .execute("forecast", "--from-center", "--history", out.toString(), "--data", data.toString()))
                .isEqualTo(2);
    }

    private int forecast(String... options) {
        List<String> args = new ArrayList<>(List.of("forecast", "--from-center", "--data", data.toString()));
        args.addAll(List.of(options));
        return Main.commandLine().execute(args.toArray(String[]::new));
    }
}
