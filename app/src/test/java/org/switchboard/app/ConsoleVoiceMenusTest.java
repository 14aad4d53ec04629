package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;
import org.switchboard.voice.Ivr;

/** The menu a start uses: the console's last change over {@code voice.ivr-file}, over the built-in one. */
class ConsoleVoiceMenusTest {

    private static final String TECH = "{no-choice: {queue: tech}, menus: {main: {}}}\n";

    @TempDir
    Path directory;

    @Test
    void theConsolesLastChangeWinsOverTheFileWhichWinsOverTheBuiltInMenu() throws Exception {
        Path file = Files.writeString(directory.resolve("menu.yaml"), TECH);
        try (Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")))) {
            assertThat(ConsoleVoiceMenus.load(database.voiceMenu(), null)
                            .startingMenu()
                            .queues())
                    .as("the built-in menu of 111")
                    .contains("info", "tech", "remote");
            assertThat(ConsoleVoiceMenus.load(database.voiceMenu(), file)
                            .startingMenu()
                            .queues())
                    .containsExactly("tech");

            database.voiceMenu().save(TECH.replace("tech", "remote"), 0, "root", 1, "version 1");

            Ivr started = ConsoleVoiceMenus.load(database.voiceMenu(), file).startingMenu();
            assertThat(started.queues()).containsExactly("remote");
            database.voiceMenu().save("menus: [", 1, "root", 2, "version 2"); // written around the console
            assertThatThrownBy(() ->
                            ConsoleVoiceMenus.load(database.voiceMenu(), file).startingMenu())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the menu changed in the console (version 2)");
        }
    }

    @Test
    void aMissingFileIsNamedAsTheSettingItComesFrom() throws Exception {
        try (Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")))) {
            assertThatThrownBy(() -> ConsoleVoiceMenus.load(database.voiceMenu(), directory.resolve("gone.yaml")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("voice.ivr-file: ");
        }
    }
}
