package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path data;

    @Test
    void theBounceKeyIsMadeOnceOwnerReadableAndKeptAcrossStarts() throws Exception {
        byte[] first = Secrets.bounceKey(data);
        Path file = data.resolve("mail-bounce-key");

        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Secrets.bounceKey(data)).as("the next start's").isEqualTo(first);
        assertThat(Secrets.bounceKey(Files.createDirectories(data.resolve("other"))))
                .as("another center's")
                .isNotEqualTo(first);

        Files.writeString(file, "not a key!\n");
        assertThatThrownBy(() -> Secrets.bounceKey(data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mail-bounce-key")
                .hasMessageContaining("delete it");
    }
}
