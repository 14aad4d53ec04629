package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.CallControl;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/** An agent holds or mutes the call it serves, and arranges a callback for the time the subscriber chose. */
class CallCommandsTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void onlyTheAgentOfAConnectedCallControlsItAndTheEngineOnlyTellsTheChannel() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.agent("a2").skill("info", 5).define();
        UUID call = f.at(1).arrive("info");
        assertThat(refusal(new Command.ControlCall(call, "a1", CallControl.HOLD)))
                .as("offered, not connected")
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
        f.at(2).accept(call, "a1");
        int mark = f.mark();

        f.at(3).apply(new Command.ControlCall(call, "a1", CallControl.HOLD));
        f.at(4).apply(new Command.ControlCall(call, null, CallControl.RESUME));

        assertThat(f.eventsSince(mark))
                .containsExactly(
                        new Event.CallControlled(call, "a1", CallControl.HOLD, EngineFixture.msAt(3)),
                        new Event.CallControlled(call, "a1", CallControl.RESUME, EngineFixture.msAt(4)));
        assertThat(refusal(new Command.ControlCall(call, "a2", CallControl.MUTE)))
                .isEqualTo(Rejection.Code.NOT_YOURS);
        f.ready("a2");
        UUID sms = f.at(5).arrive("info", Channel.SMS);
        f.accept(sms, "a2");
        assertThat(refusal(new Command.ControlCall(sms, "a2", CallControl.HOLD)))
                .isEqualTo(Rejection.Code.ILLEGAL_STATE);
    }

    @Test
    void aCallbackArrangedDuringTheCallWaitsForItsTimeWhileTheCallGoesOn() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID call = f.at(1).arrive("info");
        f.at(2).accept(call, "a1");
        UUID callback = f.newContactId();

        Outcome arranged = f.at(3)
                .apply(new Command.ScheduleCallback(call, callback, "a1", "+79120000077", EngineFixture.msAt(3_600)));

        assertThat(arranged.accepted().contact().state()).isEqualTo(ContactState.CONNECTED);
        assertThat(arranged.accepted().successor().state()).isEqualTo(ContactState.SCHEDULED);
        Event.ContactCreated created = f.events(Event.ContactCreated.class).getLast();
        assertThat(created.contactId()).isEqualTo(callback);
        assertThat(created.parentId()).isEqualTo(call);
        assertThat(created.channel()).isEqualTo(Channel.CALLBACK);
        assertThat(created.from()).isEqualTo("+79120000077");
        String caller = f.events(Event.ContactCreated.class).stream()
                .filter(e -> e.contactId().equals(call))
                .findFirst()
                .orElseThrow()
                .from();
        assertThat(created.subscriberId())
                .as("dialling another number does not make the callback that number's subscriber's")
                .isEqualTo(caller);
        assertThat(refusal(new Command.ScheduleCallback(call, f.newContactId(), "a1", null, EngineFixture.msAt(2))))
                .as("in the past")
                .isEqualTo(Rejection.Code.INVALID);
        assertThat(refusal(new Command.ScheduleCallback(call, callback, "a1", null, EngineFixture.msAt(60))))
                .isEqualTo(Rejection.Code.CONFLICT);

        f.complete(call, "a1", "callback arranged");
        f.at(3_601);
        assertThat(f.events(Event.ContactQueued.class).getLast().contactId()).isEqualTo(callback);
    }

    @Test
    void oneContactArrangesAtMostFiveCallbacksAtOnceAndADoneOneFreesItsPlace() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID call = f.at(1).arrive("info");
        f.at(2).accept(call, "a1");
        UUID firstCallback = f.newContactId();
        f.apply(new Command.ScheduleCallback(call, firstCallback, "a1", null, EngineFixture.msAt(60)));
        for (int i = 1; i < CallCommands.MAX_CALLBACKS_PER_CONTACT; i++) {
            assertThat(f.apply(new Command.ScheduleCallback(
                            call, f.newContactId(), "a1", null, EngineFixture.msAt(3_600 + i))))
                    .isInstanceOf(Outcome.Accepted.class);
        }

        assertThat(refusal(new Command.ScheduleCallback(call, f.newContactId(), "a1", null, EngineFixture.msAt(7_200))))
                .isEqualTo(Rejection.Code.CONFLICT);

        f.at(61); // the first callback is due and waits for the agent: it is still live, and still counts
        assertThat(refusal(new Command.ScheduleCallback(call, f.newContactId(), "a1", null, EngineFixture.msAt(7_200))))
                .isEqualTo(Rejection.Code.CONFLICT);
        f.apply(new Command.AbandonContact(firstCallback, "the subscriber called in"));
        assertThat(f.apply(new Command.ScheduleCallback(call, f.newContactId(), "a1", null, EngineFixture.msAt(7_200))))
                .as("a callback that ended frees its place")
                .isInstanceOf(Outcome.Accepted.class);
    }

    private Rejection.Code refusal(Command command) {
        Outcome outcome = f.apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
