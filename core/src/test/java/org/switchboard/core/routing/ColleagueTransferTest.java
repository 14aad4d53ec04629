package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.ContactState;

/** An agent hands a contact to a named colleague: offered to that colleague at once, or refused while it cannot. */
class ColleagueTransferTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void theSuccessorIsOfferedToTheColleagueAtOnceEvenOutsideItsSkills() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("anton").skill("info", 5).ready();
        f.agent("anna").skill("tech", 9).ready(); // serves tech only
        UUID call = f.at(1).arrive("info");
        f.at(2).accept(call, "anton");
        UUID successor = f.newContactId();

        Outcome outcome =
                f.at(4).apply(new Command.TransferContact(call, successor, null, "anna", "anton", "knows roaming"));

        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        assertThat(f.ended(call).state()).isEqualTo(ContactState.TRANSFERRED);
        assertThat(f.ended(call).successorId()).isEqualTo(successor);
        assertThat(f.contact(successor).queueId())
                .as("stays in the contact's queue")
                .isEqualTo("info");
        assertThat(f.state(successor)).isEqualTo(ContactState.OFFERED);
        assertThat(f.offeredTo("anna")).containsExactly(successor);
        f.at(5).accept(successor, "anna");
        assertThat(f.state(successor)).isEqualTo(ContactState.CONNECTED);
        assertThat(f.agentView("anton").contacts())
                .as("anton is free for the next")
                .isEmpty();
    }

    @Test
    void aColleagueWhoRejectsSendsTheSuccessorToItsQueuesLineWhereAQualifiedAgentTakesIt() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("anton").skill("info", 5).ready();
        f.agent("anna").skill("info", 5).define();
        f.agent("boris").skill("tech", 5).define();
        UUID call = f.at(1).arrive("info");
        f.at(2).accept(call, "anton");
        f.ready("anna");
        f.ready("boris");
        UUID successor = f.newContactId();

        f.at(3).apply(new Command.TransferContact(call, successor, "tech", "anna", "anton", null));
        assertThat(f.agentOf(successor)).isEqualTo("anna");
        f.at(4).rejectOffer(successor, "anna");

        assertThat(f.state(successor)).as("boris serves tech").isEqualTo(ContactState.OFFERED);
        assertThat(f.agentOf(successor)).isEqualTo("boris");
        assertThat(f.contact(successor).queueId()).isEqualTo("tech");
    }

    @Test
    void aColleagueWhoCannotTakeItNowIsRefusedAndNothingChanges() {
        f.queue("info").skills("info");
        f.agent("anton").skill("info", 5).ready();
        f.agent("anna").skill("info", 5).ready();
        f.agent("olga").skill("info", 5).define();
        UUID call = f.at(1).arrive("info");
        f.at(2).accept(call, "anton");
        UUID second = f.at(3).arrive("info");
        f.at(4).accept(second, "anna"); // anna's one voice slot is taken
        int mark = f.mark();

        assertThat(refusal(call, "anna")).contains("agent 'anna' is busy");
        assertThat(refusal(call, "olga")).contains("agent 'olga' is LOGGED_OUT");
        f.notReady("olga", "break");
        mark = f.mark();
        assertThat(refusal(call, "olga")).contains("NOT_READY (break)");
        assertThat(refusal(call, "anton")).contains("already has contact");
        assertThat(refusalOf(
                        f.apply(new Command.TransferContact(call, f.newContactId(), null, "ghost", "anton", null))))
                .isEqualTo(Rejection.Code.NOT_FOUND);
        f.ready("olga");
        assertThat(refusalOf(f.apply(new Command.TransferContact(call, f.newContactId(), null, "olga", "anna", null))))
                .as("only the contact's own agent hands it on")
                .isEqualTo(Rejection.Code.NOT_YOURS);
        assertThat(f.eventsSince(mark)).as("refusals change nothing").hasSize(1); // olga's READY
        assertThat(f.state(call)).isEqualTo(ContactState.CONNECTED);
    }

    private String refusal(UUID contact, String colleague) {
        Outcome outcome =
                f.apply(new Command.TransferContact(contact, f.newContactId(), null, colleague, "anton", null));
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected) outcome).rejection();
        assertThat(rejection.code()).isEqualTo(Rejection.Code.ILLEGAL_STATE);
        return rejection.detail();
    }

    private static Rejection.Code refusalOf(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
