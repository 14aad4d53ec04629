package org.switchboard.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.AgentStatus;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactIds;
import org.switchboard.core.model.Presence;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.Statistics;

/** The live traffic generator, driven the way the app drives it, with a clock that ticks every 100 ms. */
class TrafficGeneratorTest {

    static final long START = Simulator.START_MS;
    static final long TICK_MS = 100;

    final List<Command> submitted = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    final Statistics statistics = new Statistics(queueId -> null, ZoneOffset.UTC);
    TrafficGenerator traffic;
    RoutingEngine engine;
    long nowMs = START;

    void open(Simulator.Config config) {
        traffic = new TrafficGenerator(config, START);
        engine = new RoutingEngine(event -> {
            statistics.accept(event);
            traffic.onEvent(event);
        });
        traffic.staffing().forEach(this::submit);
    }

    void runUntilFinished() {
        while (!traffic.finished()) {
            nowMs += TICK_MS;
            engine.advanceTo(nowMs);
            traffic.poll(nowMs, this::submit);
        }
        nowMs += 60_000;
        engine.advanceTo(nowMs);
    }

    void submit(Command command) {
        submitted.add(command);
        outcomes.add(engine.apply(command, nowMs));
    }

    @Test
    void bringsCallersWhoAreAnsweredAndCompletedBySimulatedAgents() {
        open(Simulator.Config.of(3, 60, 60, 20, 2, 1));

        runUntilFinished();

        IntervalStats total = statistics.centerTotal(START, nowMs);
        assertThat(total.offered()).isBetween(90L, 150L);
        assertThat(total.answered()).isEqualTo(total.offered());
        assertThat(total.averageHandleSeconds()).isBetween(40.0, 80.0);
        assertThat(outcomes).allMatch(Outcome::isAccepted);
        assertThat(engine.liveContacts()).isZero();
    }

    @Test
    void letsImpatientCallersHangUp() {
        open(Simulator.Config.of(1, 60, 120, 20, 2, 7).withPatienceSeconds(30.0));

        runUntilFinished();

        IntervalStats total = statistics.centerTotal(START, nowMs);
        assertThat(submitted)
                .filteredOn(Command.AbandonContact.class::isInstance)
                .isNotEmpty();
        assertThat(total.abandonedAll()).isPositive();
        assertThat(total.answered() + total.abandonedAll()).isEqualTo(total.offered());
        assertThat(outcomes).allMatch(Outcome::isAccepted);
    }

    @Test
    void leavesRealAgentsAlone() {
        open(Simulator.Config.of(2, 120, 60, 20, 1, 3));
        submit(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("sim-s1", 5))));
        submit(new Command.ChangePresence("anton", Presence.READY, null));

        runUntilFinished();

        assertThat(submitted)
                .filteredOn(Command.AcceptOffer.class::isInstance)
                .extracting(command -> ((Command.AcceptOffer) command).agentId())
                .allMatch(agentId -> agentId.startsWith("sim-a"));
        assertThat(engine.agent("anton").orElseThrow().status())
                .as("missed its offer")
                .isEqualTo(AgentStatus.NOT_READY);
    }

    @Test
    void passesARealContactOnToARealAgentAndGoesOnWorking() {
        open(Simulator.Config.of(2, 120, 60, 20, 1, 3));
        UUID question = ContactIds.next(nowMs);
        submit(new Command.RegisterContact(question, Channel.VOICE, "+79120000001", null, "sim-q1", 0, Map.of(), null));
        assertThat(engine.contact(question).orElseThrow().agentId()).startsWith("sim-a");
        for (int tick = 0; tick < 5; tick++) {
            nowMs += TICK_MS;
            engine.advanceTo(nowMs);
            traffic.poll(nowMs, this::submit);
        }
        submit(new Command.DefineAgent(AgentConfig.of("anton", "Anton", Map.of("sim-s1", 5))));
        submit(new Command.ChangePresence("anton", Presence.READY, null));

        assertThat(engine.contact(question).orElseThrow().agentId())
                .as("every simulated agent passed it on once")
                .isEqualTo("anton");
        submit(new Command.AcceptOffer(question, "anton"));
        submit(new Command.CompleteContact(question, "anton", "answered"));
        runUntilFinished();
        assertThat(submitted).filteredOn(Command.RejectOffer.class::isInstance).hasSize(2);
        assertThat(engine.agents())
                .filteredOn(agent -> agent.id().startsWith("sim-a"))
                .allMatch(agent -> agent.status() == AgentStatus.READY);
        assertThat(outcomes).allMatch(Outcome::isAccepted);
        assertThat(statistics.centerTotal(START, nowMs).answered()).isGreaterThan(50);
    }

    @Test
    void submitsInTimeOrderAndCatchesUpAfterALatePoll() {
        open(Simulator.Config.of(2, 3600, 1, 20, 0.01, 9));
        List<Command> late = new ArrayList<>();

        int count = traffic.poll(START + 36_000, late::add);

        assertThat(count).isEqualTo(late.size());
        assertThat(late).filteredOn(Command.RegisterContact.class::isInstance).hasSizeBetween(20, 60);
        assertThat(traffic.nextDueMs()).isEqualTo(Long.MAX_VALUE);
    }
}
