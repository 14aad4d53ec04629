package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/** "Could not get through does not exist": callbacks keep the caller's place, or come at the chosen time. */
class CallbackRulesTest {

    private final EngineFixture f = new EngineFixture();

    @Test
    void callbackKeepsThePlaceInLine() {
        f.queue("info").skills("info");
        UUID first = f.arrive("info");
        UUID caller = f.at(1).arrive("info");
        UUID third = f.at(2).arrive("info");

        UUID callback = f.at(60).callback(caller);

        Event.ContactEnded ended = f.ended(caller);
        assertThat(ended.state()).isEqualTo(ContactState.CALLBACK_SCHEDULED);
        assertThat(ended.successorId()).isEqualTo(callback);
        assertThat(f.contact(callback).parentId()).isEqualTo(caller);
        assertThat(f.contact(callback).channel()).isEqualTo(Channel.CALLBACK);
        assertThat(f.line("info")).containsExactly(first, callback, third);
        assertThat(f.position(callback)).isEqualTo(2);
        assertThat(f.position(third)).isEqualTo(3);
    }

    /**
     * A caller whose call an operator rejected takes a callback, or the server restarts under the waiting call: the
     * callback keeps the rejection's hold, so it goes to that operator only when the minute is up; a journal written
     * before callbacks kept holds (keepsHolds false) replays as it was, offering it at once.
     */
    @Test
    void aCallbackKeepsTheHoldOfItsCallsRejection() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID asked = f.arrive("info", Channel.VOICE);
        UUID lost = f.arrive("info", Channel.VOICE);
        f.at(1).rejectOffer(asked, "a1");
        f.ready("a1"); // offered the next call, asked being held from a1
        f.at(2).rejectOffer(lost, "a1");
        f.ready("a1");

        UUID callback = f.at(10).callback(asked);
        assertThat(f.agentOf(callback)).as("held from a1 for the call's minute").isNull();
        f.at(20).restartLosingCalls();
        UUID lostsCallback = f.line("info").get(1);
        f.ready("a1");
        assertThat(f.agentOf(lostsCallback)).isNull();
        f.at(60.999);
        assertThat(f.agentOf(callback)).isNull();
        f.at(61);
        assertThat(f.agentOf(callback)).isEqualTo("a1");
        assertThat(f.contact(lostsCallback).parentId()).isEqualTo(lost);

        var before = new EngineFixture();
        before.queue("info").skills("info");
        before.agent("a1").skill("info", 5).ready();
        UUID call = before.arrive("info", Channel.VOICE);
        before.at(1).rejectOffer(call, "a1");
        before.ready("a1");
        UUID old = before.newContactId();
        before.at(10).apply(new Command.RequestCallback(call, old, null, null, false));
        assertThat(before.agentOf(old)).as("as journals before replay").isEqualTo("a1");
    }

    @Test
    void callbackIsDialledWhenItsTurnComes() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        UUID caller = f.arrive("info");
        UUID callback = f.callback(caller);

        f.at(5).ready("a1");

        assertThat(f.agentOf(callback)).isEqualTo("a1");
        assertThat(f.events(Event.DialOutRequested.class))
                .containsExactly(new Event.DialOutRequested(
                        callback, "a1", f.contact(callback).from(), 1, EngineFixture.msAt(5)));
    }

    @Test
    void callbackDialsTheNumberTheSubscriberGave() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        f.arrive("info");
        UUID caller = f.arrive("info");
        UUID callback = f.newContactId();

        f.apply(new Command.RequestCallback(caller, callback, " +79005550000 ", null));

        assertThat(f.contact(callback).from()).isEqualTo("+79005550000");
    }

    @Test
    void scheduledCallbackQueuesAtItsTime() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        UUID caller = f.arrive("info");

        UUID callback = f.at(10).callbackAt(caller, 600);
        assertThat(f.state(callback)).isEqualTo(ContactState.SCHEDULED);
        assertThat(f.contact(callback).dueAtMs()).isEqualTo(EngineFixture.msAt(600));
        assertThat(f.queueView("info").scheduled()).isEqualTo(1);
        f.ready("a1");
        f.at(599.999);
        assertThat(f.state(callback)).isEqualTo(ContactState.SCHEDULED);
        f.at(600);

        assertThat(f.agentOf(callback)).isEqualTo("a1");
        assertThat(f.queueView("info").scheduled()).isZero();
        assertThat(f.events(Event.ContactQueued.class))
                .extracting(Event.ContactQueued::contactId)
                .containsExactly(caller, callback);
    }

    @Test
    void contactRegisteredForLaterQueuesAtItsTime() {
        f.queue("info").skills("info");
        UUID contact = f.arriveScheduledAt("info", 300);
        assertThat(f.state(contact)).isEqualTo(ContactState.SCHEDULED);

        f.at(300);

        assertThat(f.state(contact)).isEqualTo(ContactState.QUEUED);
        assertThat(f.contact(contact).queuedAtMs()).isEqualTo(EngineFixture.msAt(300));
    }

    @Test
    void scheduledCallbackQueuesBehindThoseWhoWaitedLonger() {
        f.queue("info").skills("info");
        UUID caller = f.arrive("info");
        UUID callback = f.callbackAt(caller, 100);
        UUID patient = f.at(50).arrive("info");

        f.at(100);

        assertThat(f.line("info")).containsExactly(patient, callback);
    }

    @Test
    void dialOutFailureRetriesThenGivesUp() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        UUID callback = f.callback(f.arrive("info"));
        f.ready("a1");

        f.dialOutFailed(callback);
        assertThat(f.state(callback)).isEqualTo(ContactState.SCHEDULED);
        assertThat(f.contact(callback).dueAtMs()).isEqualTo(EngineFixture.msAt(120));
        f.at(120);
        assertThat(f.agentOf(callback)).isEqualTo("a1");
        f.dialOutFailed(callback);
        f.at(240);
        f.dialOutFailed(callback);

        assertThat(f.events(Event.DialOutRequested.class))
                .extracting(Event.DialOutRequested::attempt)
                .containsExactly(1, 2, 3);
        Event.ContactEnded ended = f.ended(callback);
        assertThat(ended.state()).isEqualTo(ContactState.ABANDONED);
        assertThat(ended.reason()).isEqualTo("callback unreachable after 3 attempts: busy");
        assertThat(f.agentView("a1").status()).isEqualTo(AgentStatus.READY);
        assertThat(f.agentView("a1").contacts()).isEmpty();
    }

    /** The probe's callback passed through simulated agents who rejected it: 28 "attempts", then given up at once. */
    @Test
    void aDialTakenBackBeforeItsResultIsNotAnAttempt() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).define();
        f.agent("a2").skill("info", 5).define();
        UUID callback = f.callback(f.arrive("info"));
        f.ready("a1");
        f.rejectOffer(callback, "a1");
        f.ready("a2");
        f.at(15); // a2 lets it ring: that dial counts, the subscriber did not answer it
        f.at(61).ready("a1");

        f.dialOutFailed(callback);

        assertThat(f.events(Event.DialOutRequested.class))
                .extracting(Event.DialOutRequested::attempt)
                .containsExactly(1, 1, 2);
        assertThat(f.state(callback)).as("retried: two dials failed, not three").isEqualTo(ContactState.SCHEDULED);
    }

    @Test
    void dialOutRetryKeepsThePlaceInLine() {
        f.queue("info").skills("info");
        f.agent("a1").skill("info", 5).ready();
        UUID busy = f.arrive("info");
        f.accept(busy, "a1");
        UUID caller = f.arrive("info");
        UUID callback = f.callback(caller);
        f.complete(busy, "a1");
        assertThat(f.agentOf(callback)).isEqualTo("a1");
        f.dialOutFailed(callback);
        f.notReady("a1", "break");
        UUID later = f.at(60).arrive("info");

        f.at(120);

        assertThat(f.line("info")).containsExactly(callback, later);
    }
}
