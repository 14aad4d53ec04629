package org.switchboard.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.routing.RoutingEngine;

/**
 * The routing engine alone, on one thread: 10,000 agents, 200 queues, 50 skills, random skill sets, two routing
 * steps per queue (expert for 20 s, then anyone with the skill). The center is saturated: more contacts than
 * agents, so every completion makes an agent pick the best waiting contact among its ~20 targets, and every
 * arrival either finds an agent or queues.
 *
 * <p>One operation = one contact's life in three commands: arrival, answer of the contact the engine offered,
 * completion of the oldest conversation (which makes its agent take the next waiting contact). A closed loop keeps
 * the population constant: each completion's queue receives the next arrival.
 *
 * <p>Run: {@code ./switchboard bench RoutingEngineBenchmark} (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class RoutingEngineBenchmark {

    static final int AGENTS = 10_000;
    static final int QUEUES = 200;
    static final int SKILLS = 50;
    static final int COMMANDS_PER_OP = 3;

    private RoutingEngine engine;
    private final ArrayDeque<Offer> offered = new ArrayDeque<>();
    private final ArrayDeque<Conversation> connected = new ArrayDeque<>();
    private final Map<UUID, String> queueOf = new HashMap<>();
    private SplittableRandom random;
    private long nowMs;
    private long idSeq;
    private long events;

    record Offer(UUID contactId, String agentId) {}

    record Conversation(UUID contactId, String queueId) {}

    @Setup(Level.Trial)
    public void setUp() {
        random = new SplittableRandom(42);
        nowMs = 1_700_000_000_000L;
        engine = new RoutingEngine(this::onEvent);
        for (int q = 0; q < QUEUES; q++) {
            String skill = "s" + (q % SKILLS);
            engine.apply(
                    new Command.DefineQueue(new QueueConfig(
                            "q" + q,
                            null,
                            List.of(
                                    RoutingStep.of(SkillExpression.parse(skill + ">=6"), 20),
                                    RoutingStep.of(SkillExpression.parse(skill), 0)),
                            null,
                            RoutingStrategy.LONGEST_IDLE,
                            0,
                            15,
                            0,
                            90)),
                    nowMs);
        }
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> skills = new HashMap<>();
            int count = 3 + random.nextInt(4);
            while (skills.size() < count) {
                skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            }
            engine.apply(
                    new Command.DefineAgent(
                            new AgentConfig("a" + a, null, skills, Map.of(CapacityClass.VOICE, 1), true)),
                    nowMs);
            engine.apply(new Command.ChangePresence("a" + a, Presence.READY, null), nowMs);
        }
        for (int i = 0; i < AGENTS * 12 / 10; i++) {
            arrive("q" + random.nextInt(QUEUES));
            answerOffers();
        }
    }

    private void onEvent(Event event) {
        events++;
        if (event instanceof Event.ContactOffered o) {
            offered.add(new Offer(o.contactId(), o.agentId()));
        }
    }

    private void arrive(String queueId) {
        UUID id = new UUID(++idSeq, 42);
        queueOf.put(id, queueId);
        engine.apply(new Command.RegisterContact(id, Channel.VOICE, "+7912", null, queueId, 0, Map.of(), null), nowMs);
    }

    private void answerOffers() {
        for (Offer offer = offered.poll(); offer != null; offer = offered.poll()) {
            engine.apply(new Command.AcceptOffer(offer.contactId(), offer.agentId()), nowMs);
            connected.add(new Conversation(offer.contactId(), queueOf.remove(offer.contactId())));
        }
    }

    /** One contact's life: arrival, answer, completion (three commands). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(COMMANDS_PER_OP)
    public int routingCommands() {
        return contactLife();
    }

    /** The same, sampled per contact life: read the p99 of one routing decision from it (÷ 3 commands). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int contactLifeLatency() {
        return contactLife();
    }

    private int contactLife() {
        nowMs++;
        engine.advanceTo(nowMs);
        Conversation done = connected.poll();
        engine.apply(new Command.CompleteContact(done.contactId(), null, null), nowMs);
        arrive(done.queueId());
        answerOffers();
        return engine.liveContacts();
    }

    /**
     * Not a benchmark: prints the shape of the saturated center, then (given a count) runs that many contact lives
     * five times in a plain loop, for profilers.
     */
    public static void main(String[] args) {
        var bench = new RoutingEngineBenchmark();
        bench.setUp();
        List<Integer> waiting = new ArrayList<>();
        bench.engine.queues().forEach(q -> waiting.add(q.waiting()));
        System.out.printf(
                "live=%d connected=%d waiting=%d%n",
                bench.engine.liveContacts(),
                bench.connected.size(),
                waiting.stream().mapToInt(Integer::intValue).sum());
        int lives = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        for (int round = 0; round < 5 && lives > 0; round++) {
            long start = System.nanoTime();
            long eventsBefore = bench.events;
            for (int i = 0; i < lives; i++) {
                bench.contactLife();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%,d commands in %.2f s: %,.0f commands/s, %,.0f events/s%n",
                    lives * COMMANDS_PER_OP,
                    seconds,
                    lives * COMMANDS_PER_OP / seconds,
                    (bench.events - eventsBefore) / seconds);
        }
    }
}
