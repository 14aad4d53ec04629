package org.switchboard.planning.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.planning.QueueRoster;
import org.switchboard.planning.VirtualCenter;

/**
 * Runs a {@link Scenario} on the production engine in virtual time ({@link VirtualCenter}): its queues with their
 * routing steps, its groups' agents (agent n of a group READY while the group has n or more in the interval), its
 * callers ({@link ScenarioCallers}), callbacks offered where a queue says so. Agents answer every offer at once and
 * are chosen longest-idle first. The agents of the last interval stay until every caller is done (at most a day
 * after the end). Each run is independent and single-threaded; runs may go in parallel.
 */
public final class ScenarioRun {

    private ScenarioRun() {}

    /** The most replications one run may pool. */
    public static final int MOST_REPLICATIONS = 100;

    /** Simulates the scenario and counts its callers per queue and interval of arrival. */
    public static ScenarioResult run(Scenario scenario) {
        return run(scenario, 1, null);
    }

    /**
     * Simulates the scenario {@code replications} times, each with its own callers (the first with the scenario's
     * seed, the others with seeds derived from it: {@link #seedOf}), and pools their callers: the figures are those
     * of all the replications' callers together, targets judged on them. On {@code pool} the replications run in
     * parallel; without one, one after the other on this thread.
     */
    public static ScenarioResult run(Scenario scenario, int replications, @Nullable ExecutorService pool) {
        if (replications < 1 || replications > MOST_REPLICATIONS) {
            throw new IllegalArgumentException(
                    "replications must be 1.." + MOST_REPLICATIONS + ", was " + replications);
        }
        List<Callable<ScenarioResult>> runs = new ArrayList<>();
        for (int r = 0; r < replications; r++) {
            Scenario replication = scenario.withSeed(seedOf(scenario.seed(), r));
            runs.add(() -> once(replication));
        }
        List<ScenarioResult> results = pool == null || replications == 1 ? inTurn(runs) : inParallel(runs, pool);
        ScenarioTally pooled = results.get(0).tally();
        for (int r = 1; r < replications; r++) {
            pooled.add(results.get(r).tally());
        }
        return new ScenarioResult(scenario, pooled, results.get(0).ewt(), replications);
    }

    /** The seed of replication {@code r} (0: the seed itself). */
    static long seedOf(long seed, int r) {
        return seed + r * 0x9E3779B97F4A7C15L;
    }

    private static List<ScenarioResult> inTurn(List<Callable<ScenarioResult>> runs) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Callable<ScenarioResult> run : runs) {
            try {
                results.add(run.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return results;
    }

    private static List<ScenarioResult> inParallel(List<Callable<ScenarioResult>> runs, ExecutorService pool) {
        List<Future<ScenarioResult>> futures = runs.stream().map(pool::submit).toList();
        try {
            List<ScenarioResult> results = new ArrayList<>();
            for (Future<ScenarioResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(future -> future.cancel(true));
            throw new CancellationException("the simulation was stopped");
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static ScenarioResult once(Scenario scenario) {
        List<String> queueIds =
                scenario.queues().stream().map(Scenario.QueueSpec::id).toList();
        Map<String, ServiceLevelTarget> targets = new HashMap<>();
        long[] callbackAfter = new long[queueIds.size()];
        for (int q = 0; q < queueIds.size(); q++) {
            Scenario.QueueSpec queue = scenario.queues().get(q);
            targets.put(queue.id(), serviceLevelTarget(queue));
            callbackAfter[q] = queue.callbackAfterSeconds();
        }
        ScenarioTally tally = new ScenarioTally(scenario);
        long startMs = scenario.startMs();
        VirtualCenter center = new VirtualCenter(
                        queueIds,
                        targets,
                        scenario.zone(),
                        new ScenarioCallers(scenario),
                        roster(scenario),
                        tally,
                        startMs)
                .offerCallbacksAfter(callbackAfter);
        long endMs = startMs + scenario.intervals() * scenario.intervalMs();
        center.run(setup(scenario), startMs, endMs + 86_400_000L);
        return new ScenarioResult(scenario, tally, center.ewt(), 1);
    }

    /** The commands that define the queues and every group's agents (all NOT_READY until the roster says). */
    static List<Command> setup(Scenario scenario) {
        List<Command> commands = new ArrayList<>();
        for (Scenario.QueueSpec queue : scenario.queues()) {
            commands.add(new Command.DefineQueue(new QueueConfig(
                    queue.id(),
                    queue.id(),
                    queue.routing(),
                    serviceLevelTarget(queue),
                    RoutingStrategy.LONGEST_IDLE,
                    queue.wrapUpSeconds(),
                    QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS,
                    0,
                    (int) Math.max(1, Math.min(86_400, Math.round(queue.handle().meanSeconds()))),
                    null)));
        }
        for (Scenario.Group group : scenario.groups()) {
            int most = 0;
            for (int n : group.agents()) {
                most = Math.max(most, n);
            }
            for (int a = 1; a <= most; a++) {
                String agentId = agentOf(group, a);
                commands.add(new Command.DefineAgent(
                        new AgentConfig(agentId, agentId, group.skills(), Map.of(CapacityClass.VOICE, 1), true)));
            }
        }
        return commands;
    }

    /** Per group, agents 1..n READY from the start of an interval that has n, the others NOT_READY. */
    static List<VirtualCenter.Rostered> roster(Scenario scenario) {
        TreeMap<Long, List<Command>> byTime = new TreeMap<>();
        long startMs = scenario.startMs();
        for (Scenario.Group group : scenario.groups()) {
            int ready = 0;
            int[] agents = group.agents();
            for (int t = 0; t < agents.length; t++) {
                ready = QueueRoster.staff(
                        byTime, a -> agentOf(group, a), ready, agents[t], startMs + t * scenario.intervalMs());
            }
        }
        return QueueRoster.inTimeOrder(byTime);
    }

    private static String agentOf(Scenario.Group group, int a) {
        return group.id() + "-" + a;
    }

    private static ServiceLevelTarget serviceLevelTarget(Scenario.QueueSpec queue) {
        int seconds = queue.target().slSeconds();
        return new ServiceLevelTarget(
                seconds, (int) Math.max(1, Math.round(queue.target().serviceLevel() * 100)), seconds);
    }
}
