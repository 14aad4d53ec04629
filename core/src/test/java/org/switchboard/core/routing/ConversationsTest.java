package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.MessageStatus;

class ConversationsTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void aConversationOpensWithItsFirstMessageBeforeItIsOfferedAndItsAnswersNameTheHolder() {
        f.queue("sms").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID contact = f.newContactId();
        UUID first = f.newContactId();

        f.at(1).apply(open(contact, first, "Не работает интернет"));

        assertThat(f.events)
                .filteredOn(e -> e instanceof Event.ContactEvent)
                .extracting(e -> e.getClass().getSimpleName())
                .containsSubsequence("ContactCreated", "MessageReceived", "ContactQueued", "ContactOffered");
        assertThat(f.events(Event.MessageReceived.class))
                .containsExactly(new Event.MessageReceived(
                        contact,
                        first,
                        Channel.SMS,
                        "+79120000001",
                        "Не работает интернет",
                        "smsc-1",
                        null,
                        EngineFixture.msAt(1)));

        f.at(2).accept(contact, "a1");
        UUID answer = f.newContactId();
        UUID more = f.newContactId();
        f.at(3).apply(new Command.SendMessage(contact, answer, "a1", "a1", "Перезагрузите телефон"));
        f.at(4).apply(new Command.ReceiveMessage(contact, more, "Спасибо!", null));

        assertThat(f.events(Event.MessageSent.class))
                .containsExactly(new Event.MessageSent(
                        contact,
                        answer,
                        Channel.SMS,
                        "+79120000001",
                        "Перезагрузите телефон",
                        "a1",
                        "a1",
                        EngineFixture.msAt(3)));
        assertThat(f.events(Event.MessageReceived.class).getLast().agentId()).isEqualTo("a1");
        assertThat(f.state(contact)).isEqualTo(ContactState.CONNECTED);
    }

    @Test
    void anAgentAnswersOnlyAContactItHoldsAndStaffAnyLiveOne() {
        f.queue("sms").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).define();
        UUID contact = f.newContactId();
        f.at(1).apply(open(contact, f.newContactId(), "hello"));

        assertThat(refusal(new Command.SendMessage(contact, f.newContactId(), "a1", "a1", "hi")))
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        f.at(2).accept(contact, "a1");
        assertThat(refusal(new Command.SendMessage(contact, f.newContactId(), "a2", "a2", "hi")))
                .isEqualTo(Rejection.Code.NOT_YOURS);
        assertThat(f.apply(new Command.SendMessage(contact, f.newContactId(), null, "sue", "a supervisor's word")))
                .isInstanceOf(Outcome.Accepted.class);
        assertThat(refusal(new Command.ReceiveMessage(f.newContactId(), f.newContactId(), "lost", null)))
                .isEqualTo(Rejection.Code.NOT_FOUND);
    }

    @Test
    void voiceContactsHaveNoMessagesAndARefusedConversationLeavesNothing() {
        f.queue("calls").skills("info");
        UUID call = f.arrive("calls", Channel.VOICE);
        int mark = f.events.size();

        assertThat(refusal(new Command.ReceiveMessage(call, f.newContactId(), "text", null)))
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        assertThat(refusal(new Command.SendMessage(call, f.newContactId(), null, "sue", "text")))
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        UUID voice = f.newContactId();
        assertThat(refusal(new Command.OpenConversation(
                        new Command.RegisterContact(voice, Channel.VOICE, "+7912", null, "calls", 0, Map.of(), null),
                        f.newContactId(),
                        "text",
                        null)))
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(refusal(open(f.newContactId(), f.newContactId(), "to a queue that is not there", "nowhere")))
                .isEqualTo(Rejection.Code.NOT_FOUND);
        assertThat(f.eventsSince(mark)).isEmpty();
    }

    @Test
    void aSendersNextMessageContinuesTheirOpenConversationUntilItsAgentIsDoneWithIt() throws Exception {
        f.queue("sms").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.newContactId();
        assertThat(contactOf(f.apply(continued(first, "+79120000001", "Не работает интернет"))))
                .isEqualTo(first);
        f.at(2).accept(first, "a1");

        assertThat(contactOf(f.at(3).apply(continued(f.newContactId(), "+79120000001", "Совсем не работает"))))
                .as("the same sender's next SMS goes to the conversation the agent holds")
                .isEqualTo(first);
        assertThat(f.events(Event.MessageReceived.class).getLast().agentId()).isEqualTo("a1");
        UUID other = f.newContactId();
        assertThat(contactOf(f.apply(continued(other, "+79120000002", "Здравствуйте"))))
                .as("another sender opens a conversation of their own")
                .isEqualTo(other);
        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, event -> {});
        assertThat(contactOf(restored.apply(continued(f.newContactId(), "+79120000001", "ещё"), f.nowMs())))
                .as("a restart keeps where a sender's messages go")
                .isEqualTo(first);

        f.at(4).complete(first, "a1");
        UUID after = f.newContactId();
        assertThat(contactOf(f.at(5).apply(continued(after, "+79120000001", "Снова не работает"))))
                .as("once the agent completed it, a new message opens a new conversation")
                .isEqualTo(after);
        assertThat(f.state(after)).isEqualTo(ContactState.OFFERED);
    }

    @Test
    void aMessageJoinsOnlyAConversationOfTheSameSubscriber() {
        f.queue("sms").skills("info");
        UUID staffMade = f.newContactId();
        assertThat(contactOf(f.apply(new Command.ContinueConversation(
                        new Command.RegisterContact(
                                staffMade, Channel.WEB, "+79120000001", "+79120000002", "sms", 0, Map.of(), null),
                        f.newContactId(),
                        "opened for another subscriber's account",
                        null))))
                .isEqualTo(staffMade);
        UUID own = f.newContactId();
        assertThat(contactOf(f.apply(new Command.ContinueConversation(
                        new Command.RegisterContact(
                                own, Channel.WEB, "+79120000001", "+79120000001", "sms", 0, Map.of(), null),
                        f.newContactId(),
                        "my PIN is 4321",
                        null))))
                .as("the sender's question does not go to a thread of another subscriber's, who could read it")
                .isEqualTo(own);
    }

    @Test
    void aConversationInWrapUpIsDoneForItsSenderAndADeliveryReportOutlivesItsContact() {
        f.queue("sms").wrapUp(60).skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.newContactId();
        f.at(1).apply(open(first, f.newContactId(), "hello"));
        f.at(2).accept(first, "a1");
        UUID answer = f.newContactId();
        f.at(3).apply(new Command.SendMessage(first, answer, "a1", "a1", "Перезагрузите телефон"));

        f.apply(new Command.ReportDelivery(first, answer, MessageStatus.SUBMITTED, "smsc-77", null));
        assertThat(f.events(Event.MessageStatusChanged.class).getLast())
                .isEqualTo(new Event.MessageStatusChanged(
                        first, answer, MessageStatus.SUBMITTED, "smsc-77", null, "a1", EngineFixture.msAt(3)));
        f.apply(new Command.EndConversation(first, "answered"));
        UUID next = f.newContactId();
        assertThat(contactOf(f.at(4).apply(continued(next, "+79120000001", "Спасибо"))))
                .as("the first conversation is in wrap-up: its agent is done with it")
                .isEqualTo(next);

        f.at(5).complete(first, "a1");
        assertThat(f.apply(new Command.ReportDelivery(first, answer, MessageStatus.DELIVERED, "smsc-77", null)))
                .isEqualTo(Outcome.Accepted.PLAIN);
        assertThat(f.events(Event.MessageStatusChanged.class).getLast().agentId())
                .isNull();
        UUID call = f.arrive("sms", Channel.VOICE);
        assertThat(refusal(new Command.ReportDelivery(call, answer, MessageStatus.FAILED, null, "no")))
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
    }

    @Test
    void aFullConversationTakesNoMoreAndTheSendersNextMessageOpensANewOneAcrossARestart() throws Exception {
        f.queue("sms").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID first = f.newContactId();
        f.at(1).apply(open(first, f.newContactId(), "hello"));
        f.at(2).accept(first, "a1");
        for (int i = 1; i < Contact.MAX_MESSAGES - 1; i++) {
            f.apply(new Command.ReceiveMessage(first, f.newContactId(), "flood " + i, null));
        }
        assertThat(f.apply(new Command.SendMessage(first, f.newContactId(), "a1", "a1", "the last one")))
                .as("the thousandth message still fits")
                .isInstanceOf(Outcome.Accepted.class);
        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, f.events::add);

        for (RoutingEngine engine : java.util.List.of(f.engine, restored)) {
            int mark = f.events.size();
            assertThat(engine.apply(
                            new Command.SendMessage(first, f.newContactId(), "a1", "a1", "one more"), f.nowMs()))
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.CONFLICT));
            assertThat(engine.apply(new Command.ReceiveMessage(first, f.newContactId(), "one more", null), f.nowMs()))
                    .isInstanceOfSatisfying(
                            Outcome.Rejected.class,
                            r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.CONFLICT));
            assertThat(f.eventsSince(mark)).as("a refusal changes nothing").isEmpty();
        }
        UUID next = f.newContactId();
        assertThat(contactOf(restored.apply(continued(next, "+79120000001", "and another"), f.nowMs())))
                .as("the sender's next message opens a new conversation; nothing they wrote is lost")
                .isEqualTo(next);
    }

    private static UUID contactOf(Outcome outcome) {
        return outcome.accepted().contact().id();
    }

    private static Command.ContinueConversation continued(UUID contact, String from, String text) {
        return new Command.ContinueConversation(
                new Command.RegisterContact(contact, Channel.SMS, from, null, "sms", 0, Map.of(), null),
                UUID.nameUUIDFromBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                text,
                null);
    }

    private Rejection.Code refusal(Command command) {
        Outcome outcome = f.apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }

    private static Command.OpenConversation open(UUID contact, UUID message, String text) {
        return open(contact, message, text, "sms");
    }

    private static Command.OpenConversation open(UUID contact, UUID message, String text, String queue) {
        return new Command.OpenConversation(
                new Command.RegisterContact(contact, Channel.SMS, "+79120000001", null, queue, 0, Map.of(), null),
                message,
                text,
                "smsc-1");
    }
}
