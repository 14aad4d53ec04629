package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.ContactView;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Blind transfer with real peers: a sipp caller talks with agent anton (baresip); the agent transfers the contact to
 * technical support; the agent's phone is let go, the caller stays on the line, on hold, as the successor contact in
 * the new queue (its history keeps the chain), and hanging up abandons the successor.
 */
class TransferTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        assertThat(Baresip.installed()).as("baresip (.ci/run installs it)").isTrue();
        new InProcessChannelPort(disk.center, "test").subscribe(events::add);
        disk.antonTakesInfo();
        disk.center
                .submit(new Command.DefineQueue(QueueConfig.simple("tech", "Technical support", List.of("tech"))))
                .join();
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aTransferredCallerStaysOnTheLineInTheNewQueueAndTheAgentsPhoneIsLetGo() throws Exception {
        String password = disk.phones.issue("anton");
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO);
                Baresip phone = Baresip.agentPhone(directory, "anton", password, gateway.port(), 440)) {
            Baresip.awaitRegistered(gateway, phone);
            disk.center
                    .submit(new Command.ChangePresence("anton", Presence.READY, null))
                    .join();
            CompletableFuture<Sipp.Run> call =
                    Sipp.callLater(directory, "call-wait-and-hang-up.xml", gateway.port(), "u1", "-d", "8000");
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactConnected), Duration.ofSeconds(15));
            UUID talking = only(Event.ContactConnected.class).contactId();
            UUID successor = UUID.randomUUID();

            disk.center
                    .submit(new Command.TransferContact(talking, successor, "tech", "anton", "a settings question"))
                    .join();

            await(() -> gateway.agentLegs() == 0, Duration.ofSeconds(5));
            assertThat(gateway.activeCalls())
                    .as("the caller is still on the line")
                    .isEqualTo(1);
            ContactView waiting = disk.center.view().contact(successor).orElseThrow();
            assertThat(waiting.queueId()).isEqualTo("tech");
            assertThat(waiting.parentId()).isEqualTo(talking);
            assertThat(waiting.state()).isEqualTo(ContactState.QUEUED);

            Sipp.Run run = call.get(60, TimeUnit.SECONDS);
            assertThat(run.exitCode()).as(run.output()).isZero();
            await(
                    () -> events.stream()
                            .anyMatch(e -> e instanceof Event.ContactEnded ended
                                    && ended.contactId().equals(successor)),
                    Duration.ofSeconds(10));
            Event.ContactEnded ended = events.stream()
                    .filter(e ->
                            e instanceof Event.ContactEnded x && x.contactId().equals(successor))
                    .map(Event.ContactEnded.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(ended.state()).isEqualTo(ContactState.ABANDONED);
            assertThat(ended.reason()).isEqualTo("caller hung up");
        }
    }

    private <E extends Event> E only(Class<E> type) {
        List<E> found = events.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("%s events", type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }
}
