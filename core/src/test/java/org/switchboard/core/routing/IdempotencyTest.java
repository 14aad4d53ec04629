package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.message.RequestKey;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;

/** A command sent again with its idempotency key is answered as the first time and changes nothing. */
class IdempotencyTest {

    private final EngineFixture f = new EngineFixture();

    @BeforeEach
    void queue() {
        f.queue("info").skills("info");
    }

    @Test
    void aRepeatIsAnsweredWithTheFirstOutcomeAndChangesNothing() {
        RequestKey key = new RequestKey("ivr", "call-1", 42);
        Outcome first = f.engine.apply(register(f.newContactId()), key, f.nowMs());
        int mark = f.mark();

        Outcome again = f.engine.apply(register(f.newContactId()), key, f.nowMs());

        assertThat(again).isEqualTo(new Outcome.Repeated((Outcome.Accepted) first));
        assertThat(f.eventsSince(mark)).isEmpty();
        assertThat(f.engine.liveContacts()).isEqualTo(1);
        assertThat(((Outcome.Accepted) first).contact().state()).isEqualTo(ContactState.QUEUED);
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        f.engine.apply(register(f.newContactId()), new RequestKey("ivr", "call-1", 42), f.nowMs());

        Outcome other = f.engine.apply(register(f.newContactId()), new RequestKey("ivr", "call-1", 43), f.nowMs());

        assertThat(other)
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.KEY_REUSED));
        assertThat(f.engine.liveContacts()).isEqualTo(1);
    }

    @Test
    void keysAreScopedToWhoSentThem() {
        f.engine.apply(register(f.newContactId()), new RequestKey("ivr", "k", 1), f.nowMs());

        Outcome fromAnother = f.engine.apply(register(f.newContactId()), new RequestKey("sms", "k", 2), f.nowMs());

        assertThat(fromAnother).isInstanceOf(Outcome.Accepted.class);
        assertThat(f.engine.liveContacts()).isEqualTo(2);
    }

    @Test
    void aRefusedCommandIsNotRememberedSoItsRetryIsEvaluatedAgain() {
        RequestKey key = new RequestKey("ivr", "k", 1);
        UUID id = f.newContactId();
        Command toNowhere =
                new Command.RegisterContact(id, Channel.VOICE, "+79001112233", null, "nowhere", 0, Map.of(), null);
        assertThat(f.engine.apply(toNowhere, key, f.nowMs())).isInstanceOf(Outcome.Rejected.class);

        assertThat(f.engine.apply(register(id), key, f.nowMs())).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void keysAreForgottenAfterADayOfEngineTime() {
        RequestKey key = new RequestKey("ivr", "k", 1);
        f.engine.apply(register(f.newContactId()), key, f.nowMs());

        f.after(24 * 3600 - 1);
        assertThat(f.engine.apply(register(f.newContactId()), key, f.nowMs())).isInstanceOf(Outcome.Repeated.class);
        f.after(1);
        assertThat(f.engine.apply(register(f.newContactId()), key, f.nowMs())).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void replayingTheInputsRebuildsWhatIsRemembered() {
        RequestKey key = new RequestKey("ivr", "k", 1);
        Command first = register(f.newContactId());
        Outcome original = f.engine.apply(first, key, f.nowMs());
        List<Event> replayed = new ArrayList<>();
        RoutingEngine replica = new RoutingEngine(replayed::add);
        replica.apply(
                new Command.DefineQueue(f.engine.queue("info").orElseThrow().config()), f.nowMs());
        replica.apply(first, key, f.nowMs());

        assertThat(replica.apply(register(f.newContactId()), key, f.nowMs()))
                .isEqualTo(new Outcome.Repeated((Outcome.Accepted) original));
    }

    @Test
    void aSnapshotKeepsWhatIsRememberedAndWhoHoldsWhichName() throws Exception {
        RequestKey key = new RequestKey("ivr", "k", 1);
        Outcome original = f.engine.apply(register(f.newContactId()), key, f.nowMs());
        f.engine.apply(
                new Command.DefineUser(
                        "sv",
                        org.switchboard.core.port.Role.SUPERVISOR,
                        org.switchboard.core.message.DefinitionMode.CREATE,
                        new org.switchboard.core.message.Credential("c".repeat(64))),
                f.nowMs());

        RoutingEngine restored = SnapshotFixture.roundTrip(f.engine, event -> {});

        assertThat(restored.apply(register(f.newContactId()), key, f.nowMs()))
                .isEqualTo(new Outcome.Repeated((Outcome.Accepted) original));
        Outcome clash = restored.apply(
                new Command.DefineAgent(org.switchboard.core.model.AgentConfig.of("sv", null, Map.of())), f.nowMs());
        assertThat(clash).isInstanceOf(Outcome.Rejected.class);
        Outcome sameToken = restored.apply(
                new Command.DefineUser(
                        "other",
                        org.switchboard.core.port.Role.SUPERVISOR,
                        org.switchboard.core.message.DefinitionMode.CREATE,
                        new org.switchboard.core.message.Credential("c".repeat(64))),
                f.nowMs());
        assertThat(sameToken).isInstanceOf(Outcome.Rejected.class);
    }

    private static Command register(UUID id) {
        return new Command.RegisterContact(id, Channel.VOICE, "+79001112233", null, "info", 0, Map.of(), null);
    }
}
