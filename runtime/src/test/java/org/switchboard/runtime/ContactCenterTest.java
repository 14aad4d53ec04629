package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.JournalEntry;
import org.switchboard.core.view.ContactView;

class ContactCenterTest {

    private final MemoryJournal journal = new MemoryJournal();
    private long nowMs = 1_700_000_000_000L;

    private ContactCenter start() {
        return new ContactCenter(journal, () -> nowMs, 1024).start();
    }

    @Test
    void anAcceptedCommandIsJournaledAndAnsweredWithItsEvents() { // that the answer waits for it: FaultsTest
        try (ContactCenter center = start()) {
            Reply reply = center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                    .join();
            assertThat(reply.isAccepted()).isTrue();
            assertThat(journal.entries)
                    .anySatisfy(entry -> assertThat(entry)
                            .isInstanceOfSatisfying(
                                    JournalEntry.Input.class,
                                    input -> assertThat(input.command()).isInstanceOf(Command.DefineQueue.class)));
            assertThat(reply.events()).singleElement().isInstanceOf(Event.QueueDefined.class);
        }
    }

    @Test
    void rejectedCommandIsAnsweredWithoutJournaling() {
        try (ContactCenter center = start()) {
            int before = journal.entries.size();
            Reply reply =
                    center.submit(arrival(ContactIds.next(nowMs), "nowhere")).join();
            assertThat(reply.outcome())
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.NOT_FOUND));
            assertThat(journal.entries).hasSize(before);
        }
    }

    @Test
    void restartRebuildsQueueOrderAndRequeuesOffersWithAgentsLoggedOut() {
        List<UUID> ids = new ArrayList<>();
        try (ContactCenter center = start()) {
            center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                    .join();
            center.submit(new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))))
                    .join();
            for (int i = 0; i < 5; i++) {
                UUID id = ContactIds.next(nowMs);
                ids.add(id);
                nowMs += 10;
                center.submit(arrival(id, "info")).join();
            }
            center.submit(new Command.ChangePresence("a1", Presence.READY, null))
                    .join();
            assertThat(center.view().contact(ids.get(0)).orElseThrow().state()).isEqualTo(ContactState.OFFERED);
        }
        try (ContactCenter center = start()) {
            List<ContactView> line = center.view().contactsOf("info", 100);
            assertThat(line).extracting(ContactView::id).containsExactlyElementsOf(ids);
            assertThat(line).extracting(ContactView::position).containsExactly(1, 2, 3, 4, 5);
            assertThat(center.view().agent("a1").orElseThrow().status().name()).isEqualTo("LOGGED_OUT");
        }
    }

    @Test
    void restartMakesTheVoiceCallersItCutOffCallbacksInTheirPlaces() {
        UUID caller = ContactIds.next(nowMs);
        try (ContactCenter center = start()) {
            center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                    .join();
            center.submit(new Command.RegisterContact(
                            caller, Channel.VOICE, "+79120000001", null, "info", 0, Map.of(), null))
                    .join();
        }
        try (ContactCenter center = start()) {
            assertThat(center.view().contact(caller)).isEmpty();
            List<ContactView> line = center.view().contactsOf("info", 100);
            assertThat(line).singleElement().satisfies(callback -> {
                assertThat(callback.channel()).isEqualTo(Channel.CALLBACK);
                assertThat(callback.parentId()).isEqualTo(caller);
                assertThat(callback.from()).isEqualTo("+79120000001");
                assertThat(callback.position()).isEqualTo(1);
            });
        }
    }

    @Test
    void listenersSeeReplayedHistoryThenLiveEvents() {
        try (ContactCenter center = start()) {
            center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                    .join();
        }
        List<Boolean> replayFlags = new CopyOnWriteArrayList<>();
        ContactCenter center = new ContactCenter(journal, () -> nowMs, 1024);
        center.addListener((events, replay) -> events.forEach(e -> replayFlags.add(replay)));
        try (center) {
            center.start();
            center.submit(new Command.DefineQueue(QueueConfig.simple("tech", "Tech", List.of("tech"))))
                    .join();
        }
        assertThat(replayFlags).startsWith(true).endsWith(false);
    }

    @Test
    void timersFiredByTheLoopAreJournaledSoReplayMatches() {
        UUID id = ContactIds.next(nowMs);
        try (ContactCenter center = start()) {
            center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                    .join();
            center.submit(new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))))
                    .join();
            center.submit(new Command.ChangePresence("a1", Presence.READY, null))
                    .join();
            center.submit(arrival(id, "info")).join();
            nowMs += 16_000; // past the 15 s offer timeout: RONA
            awaitState(center, id, "a1");
        }
        assertThat(journal.entries).anyMatch(e -> e instanceof JournalEntry.Tick);
        try (ContactCenter center = start()) {
            assertThat(center.view().contact(id).orElseThrow().state()).isEqualTo(ContactState.QUEUED);
        }
    }

    private static void awaitState(ContactCenter center, UUID id, String agentId) {
        for (int i = 0; i < 200; i++) {
            String status = center.view().agent(agentId).orElseThrow().status().name();
            if (status.equals("NOT_READY")) {
                return;
            }
            sleep(10);
        }
        throw new AssertionError("agent never went NOT_READY after the offer timed out");
    }

    /** A text contact: a restart puts it back in its place (a voice call it would make a callback). */
    private static Command.RegisterContact arrival(UUID id, String queue) {
        return new Command.RegisterContact(id, Channel.SMS, "+79120000001", null, queue, 0, Map.of(), null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
