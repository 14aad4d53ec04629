package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands' help is copied from: addresses and file names it shows stay whole. At picocli's 80 columns the options'
 * column cut them at ':' and '.' ({@code jdbc:postgresql://127.0.0.1:} / {@code 5432/switchboard}), which a newcomer
 * then could not paste.
 */
class UsageTest {

    private static String usage(String command) {
        CommandLine line = Main.commandLine().getSubcommands().get(command);
        return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void addressesAndFileNamesInTheHelpAreWhole() {
        assertThat(usage("start"))
                .contains("jdbc:postgresql://127.0.0.1:5432/switchboard")
                .contains("./switchboard.properties");
        assertThat(usage("plan-launch")).contains("--report launch.html");
    }
}
