package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.Channel;

/** A supervisor raises a waiting contact's priority: it moves ahead of lower priorities and keeps its arrival. */
class PriorityChangeTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void aRaisedContactPassesLowerPrioritiesButNotEarlierContactsOfItsNewPriority() {
        f.queue("info").skills("info");
        UUID vip = f.at(1).arrive("info", Channel.VOICE, 5);
        UUID first = f.at(2).arrive("info");
        UUID second = f.at(3).arrive("info");
        UUID third = f.at(4).arrive("info");

        f.at(5).apply(new Command.ChangePriority(third, 5));

        assertThat(f.line("info")).containsExactly(vip, third, first, second);
        assertThat(f.events(Event.ContactPriorityChanged.class))
                .containsExactly(new Event.ContactPriorityChanged(third, "info", 5, 2, EngineFixture.msAt(5)));

        f.at(6).apply(new Command.ChangePriority(vip, 0));
        assertThat(f.line("info"))
                .as("back among priority 0 by its arrival")
                .containsExactly(third, vip, first, second);

        f.agent("a1").skill("info", 5).ready();
        assertThat(f.offeredTo("a1")).containsExactly(third);
    }

    @Test
    void anAgentGivenASkillIsOfferedWhatWaitsForItAndKeepsTheRestOfItsConfiguration() {
        f.queue("info").skills("info");
        f.queue("tech").skills("tech");
        f.agent("a1")
                .skill("info", 5)
                .capacity(org.switchboard.core.model.CapacityClass.TEXT, 7)
                .ready();
        UUID waiting = f.at(1).arrive("tech");

        f.at(2).apply(new Command.ChangeSkills("a1", java.util.Map.of("info", 5, "tech", 8)));

        assertThat(f.offeredTo("a1")).containsExactly(waiting);
        assertThat(f.engine.agent("a1").orElseThrow().capacity())
                .containsEntry(org.switchboard.core.model.CapacityClass.TEXT, 7);
        Outcome unknown = f.apply(new Command.ChangeSkills("nobody", java.util.Map.of("info", 5)));
        assertThat(((Outcome.Rejected) unknown).rejection().code()).isEqualTo(Rejection.Code.NOT_FOUND);
    }

    @Test
    void anAlertIsAnEventForSupervisorsAndChangesNothingElse() {
        f.queue("info").skills("info");
        UUID waiting = f.at(1).arrive("info");
        int mark = f.events.size();

        f.at(2).apply(new Command.RaiseAlert("code-word-lock", "+79120000001", "5 wrong code words"));

        assertThat(f.eventsSince(mark))
                .containsExactly(new Event.AlertRaised(
                        "code-word-lock", "+79120000001", "5 wrong code words", EngineFixture.msAt(2)));
        assertThat(f.line("info")).containsExactly(waiting);
    }

    @Test
    void onlyAWaitingContactChangesAndTheSamePriorityChangesNothing() {
        f.queue("info").skills("info");
        UUID scheduled = f.arriveScheduledAt("info", 60);
        UUID waiting = f.at(1).arrive("info");
        int mark = f.events.size();

        assertThat(f.apply(new Command.ChangePriority(waiting, 0))).isInstanceOf(Outcome.Accepted.class);
        assertThat(f.eventsSince(mark)).isEmpty();
        f.apply(new Command.ChangePriority(scheduled, 7));
        assertThat(f.events(Event.ContactPriorityChanged.class).getLast().position())
                .isNull();

        f.agent("a1").skill("info", 5).ready();
        Outcome offered = f.apply(new Command.ChangePriority(waiting, 9));
        assertThat(((Outcome.Rejected) offered).rejection().code()).isEqualTo(Rejection.Code.ILLEGAL_STATE);
        Outcome unknown = f.apply(new Command.ChangePriority(f.newContactId(), 9));
        assertThat(((Outcome.Rejected) unknown).rejection().code()).isEqualTo(Rejection.Code.NOT_FOUND);

        f.at(61);
        assertThat(f.events(Event.ContactQueued.class).getLast().contactId()).isEqualTo(scheduled);
        assertThat(f.events(Event.ContactCreated.class)).hasSize(2);
    }
}
