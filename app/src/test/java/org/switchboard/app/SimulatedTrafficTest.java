package org.switchboard.app;

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
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.Statistics;
import org.switchboard.core.view.AgentView;
import org.switchboard.planning.TrafficGenerator;

/** {@code start --simulate} on the demo, in virtual time: what a newcomer sees in the first minute. */
class SimulatedTrafficTest {

    private static final long START_MS = 1_767_225_600_000L;
    private static final long TICK_MS = 100;

    private final Settings settings = Settings.load(null, Map.of(), Map.of("simulate.enabled", "true"));
    private final Statistics statistics = new Statistics(queueId -> null, ZoneOffset.UTC);
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<Command> submitted = new ArrayList<>();
    private TrafficGenerator traffic;
    private RoutingEngine engine;
    private long nowMs = START_MS;
    private int mostWaiting;

    @Test
    void theDemoQueuesShowWaitsAbandonsAndServiceLevelsWithinAMinute() {
        run(1, 60_000);

        List<String> demoQueues = Demo.queues().stream().map(QueueConfig::id).toList();
        assertThat(statistics.queueIds()).isSubsetOf(demoQueues).hasSizeGreaterThanOrEqualTo(2);
        IntervalStats total = statistics.centerTotal(START_MS, nowMs);
        assertThat(total.offered()).isGreaterThanOrEqualTo(5);
        assertThat(total.answered()).isPositive();
        assertThat(total.abandonedAll()).isPositive();
        assertThat(total.serviceLevelPercent()).isNotNull().isLessThan(100.0);
        assertThat(mostWaiting).as("callers waiting at once in one queue").isGreaterThanOrEqualTo(2);
        assertThat(outcomes).allMatch(Outcome::isAccepted);
    }

    @Test
    void simulatedAgentsLogInOneAfterTheOtherThenTakeBreaks() {
        List<String> simulated =
                SimulatedTraffic.agents(settings).stream().map(AgentConfig::id).toList();

        run(2, SimulatedTraffic.SHIFT.firstLoginMs() - TICK_MS);
        assertThat(engine.agents())
                .filteredOn(a -> simulated.contains(a.id()))
                .allMatch(a -> a.status() == AgentStatus.LOGGED_OUT);
        run(2, 20 * 60_000);

        List<AgentView> agents =
                engine.agents().stream().filter(a -> simulated.contains(a.id())).toList();
        assertThat(agents).hasSameSizeAs(simulated).noneMatch(a -> a.status() == AgentStatus.LOGGED_OUT);
        assertThat(statistics.agentIds()).containsAll(simulated);
        assertThat(submitted)
                .filteredOn(Command.ChangePresence.class::isInstance)
                .map(c -> (Command.ChangePresence) c)
                .anyMatch(c -> c.presence() == Presence.NOT_READY && "break".equals(c.reason()))
                .filteredOn(c -> c.presence() == Presence.READY)
                .hasSizeGreaterThan(simulated.size());
    }

    @Test
    void aSubscribersMessageAndCallReachARealOperatorPastTheSimulatedAgents() {
        run(3, 60_000);
        UUID question = ContactIds.next(nowMs);
        submit(new Command.RegisterContact(
                question, Channel.WEB, "+79120000001", "+79120000001", "info", 0, Map.of(), null));
        UUID call = ContactIds.next(nowMs);
        submit(new Command.RegisterContact(
                call, Channel.VOICE, "+79120000002", "+79120000002", "tech", 0, Map.of(), null));
        run(3, 30_000);
        assertThat(engine.contact(question).orElseThrow().state())
                .as("no simulated agent keeps it")
                .isEqualTo(ContactState.QUEUED);
        assertThat(engine.contact(call).orElseThrow().state())
                .as("the call is passed on by the simulated agents it is offered to")
                .isEqualTo(ContactState.QUEUED);
        assertThat(submitted)
                .anyMatch(
                        c -> c instanceof Command.RejectOffer r && r.contactId().equals(call));
        long answeredBefore = statistics.centerTotal(START_MS, nowMs).answered();

        submit(new Command.ChangePresence("anton", Presence.READY, null));

        assertThat(engine.contact(question).orElseThrow().agentId()).isEqualTo("anton");
        assertThat(submitted)
                .as("a message is never offered to a simulated agent (a queue may connect it at once)")
                .noneMatch(
                        c -> c instanceof Command.RejectOffer r && r.contactId().equals(question));
        run(3, 60_000);
        assertThat(statistics.centerTotal(START_MS, nowMs).answered())
                .as("the simulated agents work on")
                .isGreaterThan(answeredBefore);
        assertThat(outcomes).allMatch(Outcome::isAccepted);
    }

    @Test
    void theSimulatedAgentsCoverEveryDemoQueue() {
        for (QueueConfig queue : Demo.queues()) {
            assertThat(SimulatedTraffic.agents(settings))
                    .anySatisfy(
                            agent -> assertThat(queue.steps().getLast().skills().matches(agent.skills()))
                                    .as("%s serves %s", agent.id(), queue.id())
                                    .isTrue());
        }
    }

    /** Runs the demo center with the simulation from the start for {@code forMs} more, in virtual time. */
    private void run(long seed, long forMs) {
        if (engine == null) {
            traffic = SimulatedTraffic.traffic(settings, seed, START_MS);
            engine = new RoutingEngine(event -> {
                statistics.accept(event);
                traffic.onEvent(event);
            });
            Demo.queues().forEach(queue -> submit(new Command.DefineQueue(queue)));
            Demo.agents().forEach(agent -> submit(new Command.DefineAgent(agent)));
            traffic.staffing().forEach(this::submit);
        }
        for (long endMs = nowMs + forMs; nowMs < endMs; ) {
            nowMs += TICK_MS;
            engine.advanceTo(nowMs);
            traffic.poll(nowMs, this::submit);
            engine.queues().forEach(q -> mostWaiting = Math.max(mostWaiting, q.waiting()));
        }
    }

    private void submit(Command command) {
        submitted.add(command);
        outcomes.add(engine.apply(command, nowMs));
    }
}
