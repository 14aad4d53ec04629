package org.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
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
import org.switchboard.core.stats.Statistics;
import org.switchboard.core.stats.StatisticsSnapshot;

/**
 * The router tested like a concurrent data structure: random command sequences (queues with bullseye steps,
 * timeouts and overflow; agents with random skills and capacity; presence changes; arrivals on every channel;
 * accepts, rejects, completes, abandons, transfers and callbacks on live, wrong and unknown ids; time passing),
 * with {@link RoutingInvariants} and the {@link ReferenceModel}'s matcher checked after every event and step, and
 * every run replayed from its journal.
 */
class RoutingEnginePropertiesTest {

    private static final List<String> SKILLS = List.of("info", "tech", "sales");

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void everyStepKeepsTheRoutingInvariants(@ForAll("scenarios") Scenario scenario) {
        scenario.run();
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void replayingTheJournalReproducesTheEventStream(@ForAll("scenarios") Scenario scenario) {
        Simulation simulation = scenario.run();

        assertThat(simulation.replay()).isEqualTo(simulation.events);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void aSnapshotPlusTheTailBehavesExactlyAsTheFullHistory(
            @ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 0, max = 1000) int cutPermille)
            throws Exception {
        Simulation simulation = scenario.run();
        int cut = simulation.inputs.size() * cutPermille / 1000;
        List<Event> original = new ArrayList<>();
        RoutingEngine full = Simulation.replayInto(new RoutingEngine(original::add), simulation.inputs, 0, cut);
        List<Event> restoredEvents = new ArrayList<>();
        RoutingEngine restored = SnapshotFixture.roundTrip(full, restoredEvents::add);
        assertThat(SnapshotFixture.viewsOf(restored)).isEqualTo(SnapshotFixture.viewsOf(full));
        int mark = original.size();

        Simulation.replayInto(full, simulation.inputs, cut, simulation.inputs.size());
        Simulation.replayInto(restored, simulation.inputs, cut, simulation.inputs.size());

        assertThat(restoredEvents).isEqualTo(original.subList(mark, original.size()));
        assertThat(SnapshotFixture.viewsOf(restored)).isEqualTo(SnapshotFixture.viewsOf(full));
        assertThat(SnapshotFixture.bytesOf(restored)).isEqualTo(SnapshotFixture.bytesOf(full));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void statisticsRestoredFromASnapshotCountEveryLaterEventAsTheOriginal(
            @ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 0, max = 1000) int cutPermille)
            throws Exception {
        List<Event> events = scenario.run().events;
        int cut = events.size() * cutPermille / 1000;
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Kathmandu");
        Statistics original = new Statistics(q -> null, zone);
        events.subList(0, cut).forEach(original);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        StatisticsSnapshot.write(original, new java.io.DataOutputStream(bytes));
        Statistics restored = StatisticsSnapshot.read(
                new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), q -> null, zone);

        events.subList(cut, events.size()).forEach(original);
        events.subList(cut, events.size()).forEach(restored);

        assertThat(figuresOf(restored)).isEqualTo(figuresOf(original));
    }

    private static List<Object> figuresOf(Statistics statistics) {
        long from = EngineFixture.EPOCH_MS - 86_400_000L;
        long to = EngineFixture.EPOCH_MS + 3 * 86_400_000L;
        List<Object> figures = new ArrayList<>();
        figures.add(statistics.liveContacts());
        for (String queue : statistics.queueIds()) {
            figures.add(statistics.queueIntervals(queue, from, to));
        }
        for (String agent : statistics.agentIds()) {
            figures.add(statistics.agentIntervals(agent, from, to));
        }
        figures.add(statistics.centerTotal(from, to));
        return figures;
    }

    // ---------------------------------------------------------------- the scenario and how it runs

    record StepSpec(SkillExpression skills, int timeoutSeconds, int overflowPick) {}

    record QueueSpec(
            List<StepSpec> steps,
            RoutingStrategy strategy,
            int wrapUpSeconds,
            int offerTimeoutSeconds,
            int agingSeconds) {

        /** A valid configuration: steps before the last get a timeout; overflow goes to one of {@code others}. */
        QueueConfig config(String id, List<String> others) {
            List<RoutingStep> routingSteps = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                StepSpec step = steps.get(i);
                boolean last = i == steps.size() - 1;
                String overflow = step.overflowPick() < 0 || others.isEmpty()
                        ? null
                        : others.get(step.overflowPick() % others.size());
                int timeout = step.timeoutSeconds() == 0 && (!last || overflow != null) ? 10 : step.timeoutSeconds();
                routingSteps.add(new RoutingStep(step.skills(), timeout, overflow));
            }
            return new QueueConfig(
                    id, null, routingSteps, null, strategy, wrapUpSeconds, offerTimeoutSeconds, agingSeconds, 60);
        }
    }

    record AgentSpec(
            List<Integer> levels, int voice, int text, int email, boolean voiceExclusive, boolean startsReady) {

        AgentConfig config(String id) {
            Map<CapacityClass, Integer> capacity = new EnumMap<>(CapacityClass.class);
            capacity.put(CapacityClass.VOICE, voice);
            capacity.put(CapacityClass.TEXT, text);
            capacity.put(CapacityClass.EMAIL, email);
            return new AgentConfig(id, null, skills(levels), capacity, voiceExclusive);
        }
    }

    static Map<String, Integer> skills(List<Integer> levels) {
        Map<String, Integer> skills = new LinkedHashMap<>();
        for (int i = 0; i < SKILLS.size(); i++) {
            if (levels.get(i) > 0) {
                skills.put(SKILLS.get(i), levels.get(i));
            }
        }
        return skills;
    }

    sealed interface Action {
        record Advance(int seconds) implements Action {}

        record SetPresence(int agent, Presence presence, String reason) implements Action {}

        record Arrive(int queue, Channel channel, int priority, int laterSeconds) implements Action {}

        record Accept(int pick, int who) implements Action {}

        record Reject(int pick, int who) implements Action {}

        record Complete(int pick, int who, String disposition) implements Action {}

        record Abandon(int pick) implements Action {}

        record Transfer(int pick, int queue, int who) implements Action {}

        record Callback(int pick, int laterSeconds) implements Action {}

        record DialOutFailure(int pick) implements Action {}

        /** A supervisor raises or lowers a contact's priority (sometimes one that no longer waits). */
        record Reprioritize(int pick, int priority) implements Action {}

        /** The channel's word that an agent's device answered (often a repeat, sometimes the wrong agent). */
        record Connect(int pick, int who) implements Action {}

        /** The channel's word that the conversation is over (sometimes for a contact that never connected). */
        record EndConversation(int pick, String reason) implements Action {}

        record RedefineAgent(int agent, List<Integer> levels) implements Action {}

        record RedefineQueue(int queue, QueueSpec spec) implements Action {}

        record Recover() implements Action {}

        /** The agent consults a colleague about its call (sometimes a busy one, itself, another's call). */
        record Consult(int pick, int who, int colleague) implements Action {}

        /** The agent takes the caller back, or the channel ends a consultation (sometimes where there is none). */
        record EndConsultation(int pick, int who) implements Action {}
    }

    record Scenario(List<QueueSpec> queues, List<AgentSpec> agents, List<Action> actions) {

        Simulation run() {
            Runner runner = new Runner(this);
            runner.run();
            return runner.simulation;
        }
    }

    /** Interprets a scenario against the live state: picks turn into ids of live contacts in a wanted state. */
    static final class Runner {

        final Simulation simulation = new Simulation();
        private final Scenario scenario;
        private final List<String> queueIds = new ArrayList<>();
        private final List<String> agentIds = new ArrayList<>();
        private final Map<String, AgentSpec> agentSpecs = new LinkedHashMap<>();
        private long nextId = 1;
        private long nextUnknown = 1;

        Runner(Scenario scenario) {
            this.scenario = scenario;
        }

        void run() {
            int step = -1;
            try {
                for (int i = 0; i < scenario.queues().size(); i++) {
                    String id = "q" + i;
                    simulation.apply(
                            new Command.DefineQueue(scenario.queues().get(i).config(id, queueIds)));
                    queueIds.add(id);
                }
                for (int i = 0; i < scenario.agents().size(); i++) {
                    String id = "a" + i;
                    agentSpecs.put(id, scenario.agents().get(i));
                    simulation.apply(
                            new Command.DefineAgent(scenario.agents().get(i).config(id)));
                    agentIds.add(id);
                    if (scenario.agents().get(i).startsReady()) {
                        simulation.apply(new Command.ChangePresence(id, Presence.READY, null));
                    }
                }
                for (step = 0; step < scenario.actions().size(); step++) {
                    perform(scenario.actions().get(step));
                }
            } catch (AssertionError e) {
                List<Event> events = simulation.events;
                throw new AssertionError(
                        "at step " + step + " "
                                + (step >= 0 ? scenario.actions().get(step) : "setup")
                                + ": " + e.getMessage() + "\nlast events:\n  "
                                + String.join(
                                        "\n  ",
                                        events.subList(Math.max(0, events.size() - 12), events.size()).stream()
                                                .map(Object::toString)
                                                .toList()),
                        e);
            }
        }

        private void perform(Action action) {
            switch (action) {
                case Action.Advance a -> simulation.advanceBy(a.seconds() * 1000L);
                case Action.SetPresence a ->
                    apply(new Command.ChangePresence(presenceTarget(a), a.presence(), a.reason()));
                case Action.Arrive a ->
                    apply(new Command.RegisterContact(
                            newId(),
                            a.channel(),
                            "+7900555" + nextId,
                            null,
                            queueIds.get(a.queue() % queueIds.size()),
                            a.priority(),
                            Map.of("lang", "ru"),
                            a.laterSeconds() == 0 ? null : simulation.nowMs() + a.laterSeconds() * 1000L));
                case Action.Accept a -> {
                    UUID id = pick(a.pick(), ContactState.OFFERED);
                    apply(new Command.AcceptOffer(id, who(a.who(), id)));
                }
                case Action.Reject a -> {
                    UUID id = pick(a.pick(), ContactState.OFFERED);
                    apply(new Command.RejectOffer(id, who(a.who(), id)));
                }
                case Action.Complete a -> {
                    UUID id = pick(a.pick(), ContactState.CONNECTED, ContactState.WRAP_UP);
                    apply(new Command.CompleteContact(id, who(a.who(), id), a.disposition()));
                }
                case Action.Abandon a ->
                    apply(new Command.AbandonContact(
                            pick(a.pick(), ContactState.QUEUED, ContactState.OFFERED, ContactState.SCHEDULED),
                            a.pick() % 3 == 0 ? null : "hung up"));
                case Action.Transfer a -> {
                    UUID id = pick(a.pick(), ContactState.QUEUED, ContactState.OFFERED, ContactState.CONNECTED);
                    apply(new Command.TransferContact(
                            id,
                            a.who() % 9 == 8 ? id : newId(),
                            queueIds.get(a.queue() % queueIds.size()),
                            who(a.who(), id),
                            null));
                }
                case Action.Callback a ->
                    apply(new Command.RequestCallback(
                            pick(a.pick(), ContactState.QUEUED),
                            newId(),
                            null,
                            a.laterSeconds() == 0 ? null : simulation.nowMs() + a.laterSeconds() * 1000L));
                case Action.Reprioritize a ->
                    apply(new Command.ChangePriority(
                            pick(a.pick(), ContactState.QUEUED, ContactState.SCHEDULED, ContactState.OFFERED),
                            a.priority()));
                case Action.DialOutFailure a ->
                    apply(new Command.ReportDialOutFailure(pick(a.pick(), ContactState.OFFERED), null));
                case Action.Connect a -> {
                    UUID id = pick(a.pick(), ContactState.OFFERED, ContactState.OFFERED, ContactState.CONNECTED);
                    String agent = who(a.who(), id);
                    apply(new Command.ConnectContact(id, agent == null ? "ghost" : agent));
                }
                case Action.EndConversation a ->
                    apply(new Command.EndConversation(
                            pick(a.pick(), ContactState.CONNECTED, ContactState.WRAP_UP, ContactState.QUEUED),
                            a.reason()));
                case Action.Consult a -> {
                    UUID id = pick(a.pick(), ContactState.CONNECTED);
                    apply(new Command.ConsultColleague(
                            id, agentIds.get(a.colleague() % agentIds.size()), who(a.who(), id)));
                }
                case Action.EndConsultation a -> {
                    UUID id = pick(a.pick(), ContactState.CONNECTED);
                    apply(new Command.EndConsultation(id, who(a.who(), id), a.who() % 2 == 0 ? null : "no answer"));
                }
                case Action.RedefineAgent a -> {
                    String id = agentIds.get(a.agent() % agentIds.size());
                    AgentSpec spec = agentSpecs.get(id);
                    apply(new Command.DefineAgent(new AgentSpec(
                                    a.levels(), spec.voice(), spec.text(), spec.email(), spec.voiceExclusive(), false)
                            .config(id)));
                }
                case Action.RedefineQueue a -> {
                    String id = queueIds.get(a.queue() % queueIds.size());
                    List<String> others =
                            queueIds.stream().filter(q -> !q.equals(id)).toList();
                    apply(new Command.DefineQueue(a.spec().config(id, others)));
                }
                case Action.Recover a -> apply(new Command.Recover(null));
            }
        }

        private void apply(Command command) {
            simulation.apply(command);
        }

        /** Mostly an agent not already in the wanted presence (agents come back from breaks); sometimes a ghost. */
        private String presenceTarget(Action.SetPresence a) {
            if (a.agent() % 11 == 10) {
                return "ghost";
            }
            List<String> others = agentIds.stream()
                    .filter(id -> simulation
                                    .engine
                                    .agent(id)
                                    .orElseThrow()
                                    .status()
                                    .name()
                                    .equals(a.presence().name())
                            == (a.agent() % 5 == 4))
                    .toList();
            List<String> candidates = others.isEmpty() ? agentIds : others;
            return candidates.get(a.agent() % candidates.size());
        }

        private UUID newId() {
            return new UUID(0x1D00_0000_0000_0000L, nextId++);
        }

        /** Mostly a live contact in one of the wanted states; sometimes any live contact, or an unknown id. */
        private UUID pick(int pick, ContactState... wanted) {
            if (pick % 16 == 15) {
                return new UUID(0xDEAD_0000_0000_0000L, nextUnknown++);
            }
            List<ReferenceModel.Line> live = List.copyOf(simulation.model.live.values());
            List<ReferenceModel.Line> candidates = pick % 16 == 14
                    ? live
                    : live.stream()
                            .filter(l -> List.of(wanted).contains(l.state))
                            .toList();
            if (candidates.isEmpty()) {
                candidates = live;
            }
            if (candidates.isEmpty()) {
                return new UUID(0xDEAD_0000_0000_0000L, nextUnknown++);
            }
            return candidates.get((pick / 16) % candidates.size()).id;
        }

        /** Mostly the contact's own agent (null when it has none); sometimes another agent, nobody or a ghost. */
        private String who(int who, UUID contactId) {
            ReferenceModel.Line line = simulation.model.live.get(contactId);
            String own = line == null ? null : line.agent;
            return switch (who % 9) {
                case 5 ->
                    agentIds.stream().filter(a -> !a.equals(own)).findFirst().orElse(null);
                case 6 -> null;
                case 7 -> "ghost";
                default -> own;
            };
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(
                        queueSpec().list().ofMinSize(1).ofMaxSize(3),
                        agentSpec().list().ofMinSize(1).ofMaxSize(6).withSizeDistribution(RandomDistribution.uniform()),
                        action().list().ofMinSize(1).ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform()))
                .as(Scenario::new);
    }

    private static Arbitrary<SkillExpression> skillExpression() {
        Arbitrary<Map<String, Integer>> alternative = Combinators.combine(
                        Arbitraries.of(SKILLS).set().ofMinSize(1).ofMaxSize(2), Arbitraries.of(1, 1, 3, 5, 8))
                .as((names, level) -> {
                    Map<String, Integer> terms = new LinkedHashMap<>();
                    names.forEach(name -> terms.put(name, terms.isEmpty() ? level : 1));
                    return terms;
                });
        return alternative.list().ofMinSize(1).ofMaxSize(2).map(SkillExpression::new);
    }

    private static Arbitrary<QueueSpec> queueSpec() {
        Arbitrary<StepSpec> step = Combinators.combine(
                        skillExpression(),
                        Arbitraries.of(0, 0, 5, 10, 30, 60),
                        Arbitraries.frequency(Tuple.of(12, -1), Tuple.of(1, 0), Tuple.of(1, 1)))
                .as(StepSpec::new);
        return Combinators.combine(
                        step.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(RoutingStrategy.class),
                        Arbitraries.of(0, 5, 30, 30),
                        Arbitraries.of(5, 20, 40, 60),
                        Arbitraries.of(0, 0, 15, 60))
                .as(QueueSpec::new);
    }

    private static Arbitrary<List<Integer>> levels() {
        return Arbitraries.frequency(Tuple.of(1, 0), Tuple.of(1, 3), Tuple.of(1, 6), Tuple.of(2, 9))
                .list()
                .ofSize(SKILLS.size());
    }

    private static Arbitrary<AgentSpec> agentSpec() {
        return Combinators.combine(
                        levels(),
                        Arbitraries.of(0, 1, 1, 1),
                        Arbitraries.of(0, 1, 3, 3),
                        Arbitraries.of(0, 1, 2),
                        Arbitraries.of(true, true, false),
                        Arbitraries.of(true, true, true, false))
                .as(AgentSpec::new);
    }

    private static Arbitrary<Action> action() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 20);
        Arbitrary<Integer> later = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(1, 30), Tuple.of(1, 200));
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(1, 2, 5, 5, 10, 16, 30, 61, 125).map(Action.Advance::new)),
                Tuple.of(
                        12,
                        Combinators.combine(
                                        small,
                                        Arbitraries.frequency(
                                                Tuple.of(7, Presence.READY),
                                                Tuple.of(2, Presence.NOT_READY),
                                                Tuple.of(1, Presence.LOGGED_OUT)),
                                        Arbitraries.of("break", "lunch").injectNull(0.5))
                                .as(Action.SetPresence::new)),
                Tuple.of(
                        30,
                        Combinators.combine(
                                        small,
                                        Arbitraries.of(Channel.class),
                                        Arbitraries.frequency(
                                                Tuple.of(6, 0), Tuple.of(3, 1), Tuple.of(2, 3), Tuple.of(1, 1000)),
                                        later)
                                .as(Action.Arrive::new)),
                Tuple.of(22, Combinators.combine(pick, small).as(Action.Accept::new)),
                Tuple.of(3, Combinators.combine(pick, small).as(Action.Reject::new)),
                Tuple.of(
                        20,
                        Combinators.combine(
                                        pick,
                                        small,
                                        Arbitraries.of("solved", "escalated").injectNull(0.5))
                                .as(Action.Complete::new)),
                Tuple.of(4, pick.map(Action.Abandon::new)),
                Tuple.of(4, Combinators.combine(pick, small, small).as(Action.Transfer::new)),
                Tuple.of(4, Combinators.combine(pick, later).as(Action.Callback::new)),
                Tuple.of(3, pick.map(Action.DialOutFailure::new)),
                Tuple.of(
                        3,
                        Combinators.combine(pick, Arbitraries.of(0, 1, 3, 50, 1000))
                                .as(Action.Reprioritize::new)),
                Tuple.of(8, Combinators.combine(pick, small).as(Action.Connect::new)),
                Tuple.of(
                        6,
                        Combinators.combine(
                                        pick,
                                        Arbitraries.of("caller hung up", "line lost")
                                                .injectNull(0.3))
                                .as(Action.EndConversation::new)),
                Tuple.of(2, Combinators.combine(small, levels()).as(Action.RedefineAgent::new)),
                Tuple.of(2, Combinators.combine(small, queueSpec()).as(Action.RedefineQueue::new)),
                Tuple.of(1, Arbitraries.just(new Action.Recover())),
                Tuple.of(5, Combinators.combine(pick, small, small).as(Action.Consult::new)),
                Tuple.of(3, Combinators.combine(pick, small).as(Action.EndConsultation::new)));
    }
}
