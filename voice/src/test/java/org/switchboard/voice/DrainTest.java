package org.switchboard.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.voice.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.view.ContactView;
import org.switchboard.runtime.InProcessChannelPort;

/**
 * Upgrades without dropping callers: a drain turns the caller waiting in line (a real sipp call) into a callback that
 * keeps its place and hangs up politely, and refuses new calls with 503 and Retry-After so that the switch routes
 * them elsewhere.
 */
class DrainTest {

    @TempDir
    Path directory;

    private CenterOnDisk disk;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startCenter() {
        disk = CenterOnDisk.start(directory);
        new InProcessChannelPort(disk.center, "test").subscribe(events::add);
    }

    @AfterEach
    void stopCenter() {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aDrainMakesTheWaitingCallerACallbackInItsPlaceAndRefusesNewCalls() throws Exception {
        try (SipGateway gateway = disk.gateway("127.0.0.1", CenterOnDisk.STRAIGHT_TO_INFO)) {
            CompletableFuture<Sipp.Run> caller =
                    Sipp.callLater(directory, "call-wait-until-hung-up.xml", gateway.port(), "u1");
            await(() -> events.stream().anyMatch(e -> e instanceof Event.ContactQueued), Duration.ofSeconds(10));

            gateway.drain(Duration.ofSeconds(20));

            Sipp.Run run = caller.get(30, TimeUnit.SECONDS);
            assertThat(run.exitCode())
                    .as("the caller was hung up on: %s", run.output())
                    .isZero();
            assertThat(gateway.activeCalls()).isZero();
            Event.ContactEnded ended = events.stream()
                    .filter(e -> e instanceof Event.ContactEnded)
                    .map(Event.ContactEnded.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(ended.state()).isEqualTo(ContactState.CALLBACK_SCHEDULED);
            List<ContactView> line = disk.center.view().contactsOf("info", 10);
            assertThat(line).singleElement().satisfies(callback -> {
                assertThat(callback.channel()).isEqualTo(Channel.CALLBACK);
                assertThat(callback.parentId()).isEqualTo(ended.contactId());
                assertThat(callback.position()).isEqualTo(1);
            });

            Sipp.Run refused = Sipp.call(directory, "refused-503.xml", gateway.port(), "u1");
            assertThat(refused.exitCode()).as(refused.output()).isZero();
            assertThat(disk.center.view().contactsOf("info", 10)).hasSize(1);
        }
    }
}
