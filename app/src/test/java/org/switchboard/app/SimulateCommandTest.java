package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    @Test
    void aRunBuildsTheOneSubcommandItNamesAndEveryNameIsItsCommands() {
        assertThat(Main.commandLine(new String[] {"simulate", "--agents", "5"}).getSubcommands())
                .containsOnlyKeys("simulate");
        assertThat(Main.commandLine(new String[] {"simulat"}).getSubcommands().keySet())
                .as("a misspelt name gets every command, for suggestions")
                .containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine(new String[] {"help", "simulate"}).getSubcommands())
                .hasSameSizeAs(Main.SUBCOMMANDS);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine(new String[0]).execute()).isZero();
            assertThat(Main.commandLine(new String[] {"version", "--help"}).execute("version", "--help"))
                    .isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("no arguments: the usage lists every command")
                .contains("Commands:", "simulate", "plan-launch", "demo-data");
        Main.SUBCOMMANDS.forEach((name, command) -> assertThat(
                        command.getAnnotation(picocli.CommandLine.Command.class).name())
                .isEqualTo(name));
    }

    @Test
    void theTimeZoneIsTheOptionsOrTheEnvironmentsOrTheSystems() {
        assertThat(SimulateCommand.zone("Asia/Kathmandu", "Europe/Moscow")).isEqualTo(ZoneId.of("Asia/Kathmandu"));
        assertThat(SimulateCommand.zone(null, "Europe/Moscow")).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(SimulateCommand.zone(null, null)).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void anUnknownTimeZoneIsAnErrorNamingTheOption() {
        assertThatThrownBy(() -> SimulateCommand.zone("Mars/Olympus", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--time-zone")
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> SimulateCommand.zone(null, "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_TIME_ZONE");
        assertThatThrownBy(() -> SimulateCommand.zone("--zone", "Mars/Olympus", null))
                .as("the planning commands' option is --zone")
                .hasMessageContaining("--zone")
                .hasMessageNotContaining("--time-zone");
    }

    @Test
    void takesTheTimeZoneOption() {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command)
                .parseArgs("--agents", "2", "--arrivals-per-hour", "10", "--time-zone", "Asia/Yekaterinburg");

        assertThat(command.timeZone).isEqualTo("Asia/Yekaterinburg");
    }
}
