package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * A real center on the embedded database for the voice tests, with the queue calls wait in ("info"), once sipp is
 * known to be installed (SWITCHBOARD_SKIP_SIPP=1 skips the test instead).
 */
final class CenterOnDisk implements AutoCloseable {

    final Database database;
    final ContactCenter center;

    private CenterOnDisk(Database database, ContactCenter center) {
        this.database = database;
        this.center = center;
    }

    static CenterOnDisk start(Path directory) {
        Assumptions.assumeFalse(
                "1".equals(System.getenv("SWITCHBOARD_SKIP_SIPP")), "SWITCHBOARD_SKIP_SIPP=1: no sipp calls");
        assertThat(Sipp.installed())
                .as("sipp is not installed: apt-get install sip-tester (or SWITCHBOARD_SKIP_SIPP=1 to skip)")
                .isTrue();
        Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
        ContactCenter center = new ContactCenter(database.journal(), System::currentTimeMillis, 1024).start();
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Information", List.of("info"))))
                .join();
        return new CenterOnDisk(database, center);
    }

    @Override
    public void close() {
        center.close();
        database.close();
    }
}
