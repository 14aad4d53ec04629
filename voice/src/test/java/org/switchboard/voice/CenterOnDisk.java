package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.net.AddressBlocks;
import org.switchboard.core.port.Recordings;
import org.switchboard.runtime.ContactCenter;
import org.switchboard.runtime.InProcessChannelPort;
import org.switchboard.storage.Database;
import org.switchboard.storage.DatabaseConfig;

/**
 * A real center on the embedded database for the voice tests, with the queues of the demo menu (info, tech, remote),
 * once sipp is known to be installed (SWITCHBOARD_SKIP_SIPP=1 skips the test instead); and the gateways the tests
 * call.
 */
final class CenterOnDisk implements AutoCloseable {

    final Database database;
    final ContactCenter center;
    final PhoneBook phones = new PhoneBook();
    final Recordings recordings;

    private CenterOnDisk(Database database, ContactCenter center, Path directory) {
        this.database = database;
        this.center = center;
        this.recordings = database.recordings(directory.resolve("recordings"));
    }

    static CenterOnDisk start(Path directory) {
        Assumptions.assumeFalse(
                "1".equals(System.getenv("SWITCHBOARD_SKIP_SIPP")), "SWITCHBOARD_SKIP_SIPP=1: no sipp calls");
        assertThat(Sipp.installed())
                .as("sipp is not installed: apt-get install sip-tester (or SWITCHBOARD_SKIP_SIPP=1 to skip)")
                .isTrue();
        Database database = Database.open(DatabaseConfig.embedded(directory.resolve("db")));
        ContactCenter center = new ContactCenter(database.journal(), System::currentTimeMillis, 1024).start();
        for (String queue : List.of("info", "tech", "remote")) {
            center.submit(new Command.DefineQueue(QueueConfig.simple(queue, queue, List.of(queue))))
                    .join();
        }
        return new CenterOnDisk(database, center, directory);
    }

    /** Defines agent anton, who takes calls of queue "info" (skill 5). */
    void antonTakesInfo() {
        center.submit(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("info", 5))))
                .join();
    }

    /** Makes {@code queue}'s offers time out after {@code seconds} (RONA), all else as it was. */
    void offerSeconds(String queue, int seconds) {
        QueueConfig now = center.view().queue(queue).orElseThrow().config();
        center.submit(new Command.DefineQueue(new QueueConfig(
                        now.id(),
                        now.name(),
                        now.steps(),
                        now.serviceLevel(),
                        now.strategy(),
                        now.wrapUpSeconds(),
                        seconds,
                        now.priorityAgingSeconds(),
                        now.plannedAhtSeconds(),
                        now.hours())))
                .join();
    }

    /** A menu that sends every caller straight to queue "info", without a prompt. */
    static final Ivr STRAIGHT_TO_INFO = Ivr.parse("test", "{no-choice: {queue: info}, menus: {main: {}}}".getBytes());

    /** A gateway on a free port, trusting {@code trunks}, answering 111 with {@code ivr}. */
    SipGateway gateway(String trunks, Ivr ivr) {
        return gateway(trunks, ivr, null);
    }

    /** As above, dialling callbacks through {@code dialOut} (null: it does not dial them). */
    SipGateway gateway(String trunks, Ivr ivr, @Nullable DialOut dialOut) {
        return SipGateway.start(
                new VoiceSettings(
                        "127.0.0.1", 0, AddressBlocks.parse(trunks), Set.of("111"), ivr, 30_000, 39_998, null, dialOut),
                new InProcessChannelPort(center, "voice"),
                database.subscribers(),
                phones,
                recordings,
                database.auditLog());
    }

    @Override
    public void close() {
        center.close();
        database.close();
    }
}
