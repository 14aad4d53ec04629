package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.SkillExpression;

/**
 * The engine is a function of its journal: the commands with the times they were applied at, and the times the
 * clock advanced and fired timers. Replaying them into a fresh engine yields the very same events.
 */
class ReplayTest {

    private final Simulation day = new Simulation();
    private long nextId = 1;

    @Test
    void aJournalReplaysIntoTheSameEventStream() {
        busyDay();

        List<Event> replayed = day.replay();

        assertThat(day.events).hasSizeGreaterThan(80);
        assertThat(replayed).isEqualTo(day.events);
    }

    @Test
    void theJournalOnlyNeedsTheTicksThatFiredTimers() {
        busyDay();

        long ticks = day.inputs.stream()
                .filter(Simulation.Input.Fired.class::isInstance)
                .count();

        assertThat(ticks)
                .as("escalations, offer timeouts, wrap-ups and callbacks fired")
                .isGreaterThan(3);
        assertThat(day.inputs).hasSizeLessThan(day.events.size());
    }

    /** Every kind of input: overflow, bullseye, RONA, wrap-up, callbacks and dial-out retries, transfer, restart. */
    private void busyDay() {
        day.apply(new Command.DefineQueue(new QueueConfig(
                "tech",
                null,
                List.of(
                        RoutingStep.of(SkillExpression.parse("tech>=7"), 30),
                        RoutingStep.of(SkillExpression.parse("tech"), 0)),
                null,
                RoutingStrategy.MOST_SKILLED,
                20,
                15,
                0,
                90)));
        day.apply(new Command.DefineQueue(new QueueConfig(
                "info",
                null,
                List.of(new RoutingStep(SkillExpression.parse("info"), 60, "tech")),
                null,
                RoutingStrategy.LONGEST_IDLE,
                10,
                15,
                30,
                90)));
        agent("anton", Map.of("info", 5, "tech", 3));
        agent("vera", Map.of("tech", 9));
        agent("oleg", Map.of("info", 8));
        UUID first = arrive("info", Channel.VOICE, 0);
        UUID second = arrive("info", Channel.SMS, 1);
        arrive("tech", Channel.VOICE, 0);
        UUID fourth = arrive("info", Channel.VOICE, 2);
        day.apply(new Command.AcceptOffer(first, "anton"));
        day.advanceBy(16_000);
        day.apply(new Command.ChangePresence("oleg", Presence.READY, null));
        day.apply(new Command.RequestCallback(fourth, newId(), null, null));
        day.advanceBy(45_000);
        day.apply(new Command.CompleteContact(first, "anton", "tariff changed"));
        day.advanceBy(11_000);
        day.apply(new Command.TransferContact(second, newId(), "tech", null, "needs GPRS settings"));
        day.apply(new Command.ChangePresence("vera", Presence.READY, null));
        for (int i = 0; i < 6; i++) {
            arrive(i % 2 == 0 ? "info" : "tech", i % 3 == 0 ? Channel.EMAIL : Channel.VOICE, i % 3);
        }
        day.advanceBy(130_000);
        acceptEverything();
        day.advanceBy(5_000);
        dialOutFailures();
        day.advanceBy(121_000);
        day.apply(Command.Recover.afterRestart());
        day.apply(new Command.ChangePresence("anton", Presence.READY, null));
        day.advanceBy(600_000);
    }

    private void acceptEverything() {
        for (ReferenceModel.Line line : List.copyOf(day.model.live.values())) {
            if (line.agent != null && line.state == ContactState.OFFERED && line.channel != Channel.CALLBACK) {
                day.apply(new Command.AcceptOffer(line.id, line.agent));
            }
        }
    }

    private void dialOutFailures() {
        for (ReferenceModel.Line line : List.copyOf(day.model.live.values())) {
            if (line.channel == Channel.CALLBACK && line.state == ContactState.OFFERED) {
                day.apply(new Command.ReportDialOutFailure(line.id, "busy"));
            }
        }
    }

    private void agent(String id, Map<String, Integer> skills) {
        day.apply(new Command.DefineAgent(new AgentConfig(
                id,
                null,
                skills,
                Map.of(CapacityClass.VOICE, 1, CapacityClass.TEXT, 2, CapacityClass.EMAIL, 2),
                true)));
        day.apply(new Command.ChangePresence(id, Presence.READY, null));
    }

    private UUID arrive(String queueId, Channel channel, int priority) {
        UUID id = newId();
        day.apply(new Command.RegisterContact(
                id, channel, "+7343269000" + nextId, "s" + nextId, queueId, priority, Map.of(), null));
        return id;
    }

    private UUID newId() {
        return new UUID(0x7E57_0000_0000_0000L, nextId++);
    }
}
