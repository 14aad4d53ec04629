package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.Presence;

/** A business "no" is a value, and a refused command changes nothing: no event, the same views. */
class RefusalsTest {

    private final EngineFixture f = new EngineFixture();
    private UUID waiting;
    private UUID offered;
    private UUID connected;

    /** a1 talks to one caller, a2 is being offered another, a third waits. */
    @BeforeEach
    void busyCenter() {
        f.queue("info").wrapUp(30).skills("info");
        f.queue("tech").skills("tech");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).ready();
        connected = f.arrive("info");
        offered = f.arrive("info");
        waiting = f.arrive("info");
        f.accept(connected, "a1");
    }

    @Test
    void agentCannotAcceptAnotherAgentsOffer() {
        assertRefusedWithoutChange(Rejection.Code.NOT_YOURS, new Command.AcceptOffer(offered, "a1"));
    }

    @Test
    void agentCannotRejectAnotherAgentsOffer() {
        assertRefusedWithoutChange(Rejection.Code.NOT_YOURS, new Command.RejectOffer(offered, "a1"));
    }

    @Test
    void agentCannotCompleteAnotherAgentsContact() {
        assertRefusedWithoutChange(Rejection.Code.NOT_YOURS, new Command.CompleteContact(connected, "a2", "x"));
    }

    @Test
    void agentCannotTransferAnotherAgentsContact() {
        assertRefusedWithoutChange(
                Rejection.Code.NOT_YOURS, new Command.TransferContact(connected, f.newContactId(), "tech", "a2", null));
    }

    @Test
    void anAgentRecordsCodeWordChecksAndNotesOnlyForAContactConnectedToIt() {
        String ivan = "+79120000001";
        assertRefusedWithoutChange(
                Rejection.Code.NOT_YOURS, new Command.RecordCodeWordCheck(connected, "a2", "a2", ivan, true));
        assertRefusedWithoutChange(
                Rejection.Code.ILLEGAL_STATE, new Command.RecordCodeWordCheck(offered, "a2", "a2", ivan, true));
        assertRefusedWithoutChange(
                Rejection.Code.NOT_YOURS, new Command.RecordCodeWordCheck(waiting, "a1", "a1", ivan, true));
        assertRefusedWithoutChange(
                Rejection.Code.NOT_FOUND, new Command.RecordCodeWordCheck(f.newContactId(), null, "sue", ivan, true));
        assertRefusedWithoutChange(Rejection.Code.NOT_YOURS, new Command.NoteContact(connected, "a2", "a2", "hi"));
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.NoteContact(offered, "a2", "a2", "hi"));
    }

    @Test
    void aChannelCannotConnectAnOfferToAnotherAgentsPhone() {
        assertRefusedWithoutChange(Rejection.Code.NOT_YOURS, new Command.ConnectContact(offered, "a1"));
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.ConnectContact(connected, "a2"));
    }

    @Test
    void aChannelCannotConnectOrEndTheConversationOfAWaitingContact() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.ConnectContact(waiting, "a1"));
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.EndConversation(waiting, "hung up"));
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.EndConversation(offered, null));
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.EndConversation(f.newContactId(), "hung up"));
    }

    @Test
    void acceptingAWaitingContactIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.AcceptOffer(waiting, "a1"));
    }

    @Test
    void completingAQueuedContactIsRejectedAndChangesNothing() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.CompleteContact(waiting, null, "x"));
    }

    @Test
    void completingAnOfferedContactIsRejectedAndChangesNothing() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.CompleteContact(offered, "a2", "x"));
    }

    @Test
    void abandoningAConnectedContactIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.AbandonContact(connected, null));
    }

    @Test
    void logoutWithConnectedContactIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.ILLEGAL_STATE, new Command.ChangePresence("a1", Presence.LOGGED_OUT, null));
    }

    @Test
    void callbackForAContactAlreadyWithAnAgentIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.ILLEGAL_STATE, new Command.RequestCallback(offered, f.newContactId(), null, null));
    }

    @Test
    void callbackReusingALiveIdIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.CONFLICT, new Command.RequestCallback(waiting, offered, null, null));
    }

    @Test
    void transferToAnUnknownQueueIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.NOT_FOUND,
                new Command.TransferContact(waiting, f.newContactId(), "nowhere", null, null));
    }

    @Test
    void transferReusingALiveIdIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.CONFLICT, new Command.TransferContact(waiting, connected, "tech", null, null));
    }

    @Test
    void dialOutFailureOfAnInboundCallIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.ILLEGAL_STATE, new Command.ReportDialOutFailure(offered, "busy"));
    }

    @Test
    void commandsAboutUnknownContactsAreRejected() {
        UUID unknown = f.newContactId();
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.AcceptOffer(unknown, "a1"));
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.CompleteContact(unknown, null, null));
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.AbandonContact(unknown, null));
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.RequestCallback(unknown, unknown, null, null));
    }

    @Test
    void presenceOfAnUnknownAgentIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, new Command.ChangePresence("ghost", Presence.READY, null));
    }

    @Test
    void contactForAnUnknownQueueIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.NOT_FOUND, register(f.newContactId(), "nowhere", 0));
    }

    @Test
    void contactReusingALiveIdIsRejected() {
        assertRefusedWithoutChange(Rejection.Code.CONFLICT, register(waiting, "info", 0));
    }

    @Test
    void aContactWithAPriorityOutOfRangeCannotBeBuilt() {
        assertThatThrownBy(() -> register(f.newContactId(), "info", 1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority");
        assertThatThrownBy(() -> register(f.newContactId(), "info", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority");
    }

    @Test
    void aContactWithoutSenderOrWithANullAttributeCannotBeBuilt() {
        assertThatThrownBy(() -> new Command.RegisterContact(
                        f.newContactId(), Channel.SMS, " ", null, "info", 0, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
        Map<String, String> withNull = new java.util.HashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> new Command.RegisterContact(
                        f.newContactId(), Channel.SMS, "+79001112233", null, "info", 0, withNull, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute 'a'");
    }

    @Test
    void overflowToAnUnknownQueueIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.INVALID,
                new Command.DefineQueue(
                        f.queue("info").overflow("info", 30, "nowhere").config()));
    }

    @Test
    void overflowOfAQueueIntoItselfIsRejected() {
        assertRefusedWithoutChange(
                Rejection.Code.INVALID,
                new Command.DefineQueue(
                        f.queue("info").overflow("info", 30, "info").config()));
    }

    @Test
    void sameAgentPresenceAgainIsAcceptedWithoutEvents() {
        int mark = f.mark();

        Outcome outcome = f.apply(new Command.ChangePresence("a2", Presence.READY, null));

        assertThat(outcome.isAccepted()).isTrue();
        assertThat(f.eventsSince(mark)).isEmpty();
    }

    private static Command.RegisterContact register(UUID id, String queueId, int priority) {
        return new Command.RegisterContact(id, Channel.VOICE, "+79001112233", null, queueId, priority, Map.of(), null);
    }

    private void assertRefusedWithoutChange(Rejection.Code code, Command command) {
        EngineFixture.Snapshot before = f.snapshot();
        int mark = f.mark();

        Outcome outcome = f.apply(command);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
        assertThat(f.eventsSince(mark)).as("events of a refused command").isEmpty();
        assertThat(f.snapshot()).isEqualTo(before);
    }
}
