package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.view.ContactView;

/**
 * The model kept up to date batch by batch and the model rebuilt at once from the engine (as a start does, filling
 * its maps in place) show the same: every queue's waiting line page by page, every contact, agent and queue. The kept
 * model's estimated waits are as of each queue's last change, the rebuilt one's as of now: they are not compared.
 */
class ReadModelBuilderTest {

    private static final long START_MS = 1_700_000_000_000L;

    @Test
    void aRebuiltModelShowsWhatTheModelKeptUpToDateShows() {
        List<Event> emitted = new ArrayList<>();
        RoutingEngine engine = new RoutingEngine(emitted::add);
        ReadModelBuilder kept = new ReadModelBuilder();
        Random random = new Random(42);
        long nowMs = START_MS;
        long position = 0;
        long nextSeq = 1;
        List<UUID> contacts = new ArrayList<>();
        List<Command> setup = List.of(
                new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))),
                new Command.DefineQueue(QueueConfig.simple("tech", "Tech", List.of("tech"))),
                new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))),
                new Command.DefineAgent(AgentConfig.of("a2", "Boris", Map.of("tech", 5))));
        for (int step = 0; step < setup.size() + 2_000; step++) {
            nowMs += random.nextInt(2_000);
            Command command = step < setup.size() ? setup.get(step) : next(random, contacts, nowMs);
            engine.advanceTo(nowMs);
            engine.apply(command, nowMs);
            position++;
            kept.update(engine, List.copyOf(emitted), position, nextSeq + emitted.size());
            nextSeq += emitted.size();
            emitted.clear();
        }
        ReadModel updated = kept.current();
        ReadModelBuilder rebuilder = new ReadModelBuilder();
        ReadModel rebuilt = rebuilder.rebuild(engine, position, nextSeq);
        List<ContactView> walkedBefore = walk(rebuilt, "info");

        assertThat(rebuilt.liveContacts()).isEqualTo(updated.liveContacts()).isGreaterThan(100);
        assertThat(rebuilt.queues()) // a queue's estimate is as of its last change in the kept model, now in the
                // rebuilt
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("estimatedWaitSeconds")
                .isEqualTo(updated.queues());
        assertThat(rebuilt.agents()).isEqualTo(updated.agents());
        for (String queue : List.of("info", "tech")) {
            assertThat(cursors(rebuilt, queue))
                    .isEqualTo(cursors(updated, queue))
                    .hasSizeGreaterThan(10);
            assertThat(walk(rebuilt, queue))
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("estimatedWaitSeconds")
                    .isEqualTo(walk(updated, queue));
        }
        for (int step = 0; step < 200; step++) { // a model once published never changes: later ones are new maps
            nowMs += 1_000;
            engine.apply(next(random, contacts, nowMs), nowMs);
            rebuilder.update(engine, List.copyOf(emitted), ++position, nextSeq + emitted.size());
            nextSeq += emitted.size();
            emitted.clear();
        }
        assertThat(walk(rebuilt, "info")).isEqualTo(walkedBefore);
        assertThat(walk(rebuilder.current(), "info")).isNotEqualTo(walkedBefore);
        assertThat(contacts.stream().map(rebuilt::contact).flatMap(Optional::stream))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("estimatedWaitSeconds")
                .isEqualTo(contacts.stream()
                        .map(updated::contact)
                        .flatMap(Optional::stream)
                        .toList());
    }

    private static Command next(Random random, List<UUID> contacts, long nowMs) {
        int kind = random.nextInt(10);
        if (kind < 6 || contacts.isEmpty()) {
            UUID id = ContactIds.next(nowMs);
            contacts.add(id);
            return new Command.RegisterContact(
                    id,
                    Channel.VOICE,
                    "+7912" + contacts.size(),
                    null,
                    random.nextBoolean() ? "info" : "tech",
                    random.nextInt(10),
                    Map.of(),
                    kind == 5 ? nowMs + random.nextInt(600_000) : null);
        }
        UUID someone = contacts.get(random.nextInt(contacts.size()));
        return switch (kind) {
            case 6 -> new Command.AbandonContact(someone, "hung up");
            case 7 -> new Command.ChangePresence(random.nextBoolean() ? "a1" : "a2", Presence.READY, null);
            case 8 -> new Command.AcceptOffer(someone, null);
            default -> new Command.RequestCallback(someone, ContactIds.next(nowMs), null, nowMs + 60_000);
        };
    }

    /** The queue's waiting contacts, walked page by page along the cursors. */
    private static List<ContactView> walk(ReadModel model, String queue) {
        return pages(model, queue).stream()
                .flatMap(page -> page.contacts().stream())
                .toList();
    }

    private static List<String> cursors(ReadModel model, String queue) {
        return pages(model, queue).stream()
                .map(page -> String.valueOf(page.nextCursor()))
                .toList();
    }

    private static List<ReadModel.Page> pages(ReadModel model, String queue) {
        List<ReadModel.Page> pages = new ArrayList<>();
        String cursor = null;
        do {
            ReadModel.Page page = model.waiting(queue, cursor, 7);
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor != null);
        return pages;
    }
}
