package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a server: {@code switchboard stop}, SIGTERM and SIGINT all end in the same orderly stop. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StopTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

    @Test
    void stopEndsTheServerOfTheDataDirectoryInOrderAndSaysSo() throws Exception {
        ServerProcess server = ServerProcess.launch(data);
        assertThat(Files.readAllLines(data.resolve(PidFile.NAME)).getFirst())
                .isEqualTo(Long.toString(server.process.pid()));

        int code = StopCommand.stop(data, Duration.ofSeconds(60), out);

        assertThat(code).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8))
                .contains("pid " + server.process.pid())
                .contains("stopped cleanly");
        server.awaitExit();
        assertThat(server.output())
                .contains("Switchboard stopped cleanly (SIP on port ")
                .contains(", HTTP server on port " + server.port + ", routing loop and journal, embedded database in "
                        + data + " closed)");
        assertThat(data.resolve(PidFile.NAME)).doesNotExist();
    }

    @Test
    void stopDrainDrainsTheVoiceChannelBeforeTheOrderlyStop() throws Exception {
        ServerProcess server = ServerProcess.launch(data);

        int code = new picocli.CommandLine(new StopCommand())
                .execute("--drain", "--drain-timeout", "5", "--data", data.toString());

        assertThat(code).isZero();
        server.awaitExit();
        assertThat(server.output())
                .contains("Draining the voice channel (up to 5 s) before stopping")
                .contains("Voice: drained; 0 calls left")
                .contains("Switchboard stopped cleanly (SIP on port ");
        assertThat(data.resolve(DrainRequest.NAME)).as("the request is used up").doesNotExist();
    }

    @Test
    void sigintStopsTheServerAsCleanlyAsSigterm() throws Exception {
        ServerProcess server = ServerProcess.launch(data);

        server.signal("INT");

        server.awaitExit();
        assertThat(server.output()).contains("Switchboard stopped cleanly (");
        assertThat(data.resolve(PidFile.NAME)).doesNotExist();
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedWithTheWayToStopTheFirst() throws Exception {
        ServerProcess first = ServerProcess.launch(data);
        try {
            Settings settings = Settings.load(
                    null,
                    Map.of(),
                    Map.of("http.port", "0", "sip.port", "0", "data.dir", data.toString(), "demo", "false"));

            assertThatThrownBy(() -> Server.start(settings, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining("pid " + first.process.pid())
                    .hasMessageContaining("./switchboard stop --data " + data);
            assertThat(Files.readAllLines(data.resolve(PidFile.NAME)).getFirst())
                    .isEqualTo(Long.toString(first.process.pid()));
        } finally {
            first.signal("TERM");
            first.awaitExit();
        }
    }

    @Test
    void stopSaysSoWhenNoServerRuns() throws Exception {
        int code = StopCommand.stop(data, Duration.ofSeconds(1), out);

        assertThat(code).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8))
                .startsWith("Switchboard is not running on " + data)
                .contains("no switchboard.pid");
    }

    @Test
    void aPidFileLeftByACrashIsReportedAndRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(data.resolve(PidFile.NAME), ended.pid() + "\n");

        int code = StopCommand.stop(data, Duration.ofSeconds(1), out);

        assertThat(code).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8))
                .contains("pid " + ended.pid())
                .contains("has ended")
                .contains("removed the stale file");
        assertThat(data.resolve(PidFile.NAME)).doesNotExist();
    }
}
