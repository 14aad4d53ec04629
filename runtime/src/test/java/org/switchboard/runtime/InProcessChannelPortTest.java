package org.switchboard.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
import org.switchboard.core.model.InvalidValueException;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.port.ChannelPort;
import org.switchboard.core.port.JournalEntry;

/** A channel adapter's way into the center: keyed commands that a repeat cannot apply twice, events, reads. */
class InProcessChannelPortTest {

    private final MemoryJournal journal = new MemoryJournal();
    private final long nowMs = 1_700_000_000_000L;

    @Test
    void aRepeatedCommandIsAnsweredAsTheFirstWasAndJournaledOnce() {
        try (ContactCenter center = start()) {
            ChannelPort voice = new InProcessChannelPort(center, "voice");
            UUID id = ContactIds.next(nowMs);

            Outcome first = voice.send(call(id, Map.of("ivr", "1", "lang", "ru")), "call-7")
                    .join();
            Outcome again = voice.send(call(id, Map.of("lang", "ru", "ivr", "1")), "call-7")
                    .join();
            Outcome reused = voice.send(call(ContactIds.next(nowMs + 1), Map.of()), "call-7")
                    .join();

            assertThat(first).isInstanceOf(Outcome.Accepted.class);
            assertThat(again)
                    .isInstanceOfSatisfying(
                            Outcome.Repeated.class,
                            repeated -> assertThat(repeated.original()).isEqualTo(first));
            assertThat(reused)
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.KEY_REUSED));
            assertThat(registrations()).containsExactly(id);
            assertThat(voice.view().contact(id).orElseThrow().position()).isEqualTo(1);
        }
    }

    @Test
    void keysOfOneChannelAreNotAnothersAndAMalformedKeyIsRefusedBeforeSending() {
        try (ContactCenter center = start()) {
            ChannelPort voice = new InProcessChannelPort(center, "voice");
            ChannelPort sms = new InProcessChannelPort(center, "sms");

            voice.send(call(ContactIds.next(nowMs), Map.of()), "k1").join();
            Outcome other =
                    sms.send(call(ContactIds.next(nowMs + 1), Map.of()), "k1").join();

            assertThat(other).isInstanceOf(Outcome.Accepted.class);
            assertThatThrownBy(() -> voice.send(call(ContactIds.next(nowMs + 2), Map.of()), "bad key"))
                    .isInstanceOf(InvalidValueException.class);
            assertThat(registrations()).hasSize(2);
        }
    }

    @Test
    void aSubscriberHearsDurableEventsUntilItCloses() throws Exception {
        try (ContactCenter center = start()) {
            ChannelPort voice = new InProcessChannelPort(center, "voice");
            List<Event> heard = new CopyOnWriteArrayList<>();
            AutoCloseable subscription = voice.subscribe(heard::add);
            UUID id = ContactIds.next(nowMs);
            voice.send(call(id, Map.of()), "c1").join();
            center.submit(new Command.ChangePresence("a1", Presence.READY, null))
                    .join();
            await(() -> heard.stream().anyMatch(e -> e instanceof Event.ContactOffered));

            voice.send(new Command.ConnectContact(id, "a1"), "c2").join();
            await(() -> voice.view().contact(id).orElseThrow().state() == ContactState.CONNECTED);
            subscription.close();
            voice.send(new Command.EndConversation(id, "caller hung up"), "c3").join();
            await(() -> voice.view()
                    .contact(id)
                    .map(c -> c.state() != ContactState.CONNECTED)
                    .orElse(true));

            assertThat(heard).anySatisfy(e -> assertThat(e).isInstanceOf(Event.ContactConnected.class));
            assertThat(heard)
                    .noneSatisfy(e ->
                            assertThat(e).isInstanceOfAny(Event.ContactWrapUpStarted.class, Event.ContactEnded.class));
        }
    }

    private ContactCenter start() {
        ContactCenter center = new ContactCenter(journal, () -> nowMs, 1024).start();
        center.submit(new Command.DefineQueue(QueueConfig.simple("info", "Info", List.of("info"))))
                .join();
        center.submit(new Command.DefineAgent(AgentConfig.of("a1", "Anton", Map.of("info", 5))))
                .join();
        return center;
    }

    private static Command.RegisterContact call(UUID id, Map<String, String> attributes) {
        return new Command.RegisterContact(id, Channel.VOICE, "+79120000001", null, "info", 0, attributes, null);
    }

    private List<UUID> registrations() {
        return journal.entries.stream()
                .filter(e ->
                        e instanceof JournalEntry.Input input && input.command() instanceof Command.RegisterContact)
                .map(e -> ((Command.RegisterContact) ((JournalEntry.Input) e).command()).contactId())
                .toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
