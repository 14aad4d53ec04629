package org.switchboard.planning.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Staffing of a multi-skill center found by simulation: the agents of every group in every interval such that every
 * queue keeps its target in every interval, when the scenario's callers are run on the production engine. Pooled
 * Erlang formulas cannot say this (agents shared between queues are not one queue).
 *
 * <h2>The search</h2>
 * Every staffing tried is judged on the same simulated days (the scenario's seed and the replications derived from
 * it, pooled): the same callers every time (common random numbers), so two staffings differ by their agents, not by
 * luck.
 * <ol>
 *   <li><b>Start</b>: per queue and interval, square-root staffing of the queue alone ({@code a + 2√a + 1} agents for
 *       an offered load of a Erlangs), shared among the groups that serve it at its first routing step.
 *   <li><b>Up</b>: while some queue misses its target in some interval, the groups serving that queue get more agents
 *       there (a tenth more, at least one each), and the center is simulated again.
 *   <li><b>Down</b>: every group's agents in every interval are a variable with a step (a quarter of its value at
 *       first). In turn for the even and the odd intervals, every variable not yet settled gives up its step at once
 *       and the center is simulated; where a queue then misses its target in an interval, the removals there or
 *       beside it of the groups serving that queue are taken back and their step halved (a step of one that
 *       breaks a target settles the variable); the other removals stay. This ends when every variable is settled;
 *       a last run confirms the targets (if anything was not monotone, the up step repairs it).
 *   <li><b>Polish</b>, at most {@link #MOST_POLISH_ROUNDS} rounds: what {@link #check} tries, with the search's own
 *       days: every agent whose removal alone keeps the targets is removed, all at once; while a run then misses a
 *       target, the removal nearest it is taken back for good (in the later repairs, every removal near it), and the
 *       round's change is kept only when a run confirms every target with fewer agents.
 * </ol>
 * When the polish ends for want of agents to spare, the result is minimal in the checkable sense of {@link #check}:
 * removing any one agent breaks a target on the days judged (it was tried, in that interval, with the other agents as
 * found); when its rounds run out first, the check says how far from that it is.
 */
public final class SkillStaffing {

    /** The most rounds of the up and of the down step: a guard against scenarios whose targets cannot be met. */
    static final int MOST_ROUNDS = 60;

    /** The most rounds of the polish, each one batch of one-agent-fewer runs and a few sequential repairs. */
    static final int MOST_POLISH_ROUNDS = 6;

    /** The most passes of the one-at-a-time end of the search, each one batch of checks and its sequential tries. */
    static final int MOST_FINISH_PASSES = 8;

    /** The most one-agent-fewer runs of the whole day the end of the search makes, one after another. */
    static final int MOST_FINISH_TRIES = 200;

    /**
     * The most callers those runs simulate in all (replications included), which bounds their time whatever the
     * scenario's size: about 3 s here (a 20-queue, 1,000-agent day is 372,000 callers a run on two days, so 10 runs;
     * the example's three queues 13,800, so all it needs).
     */
    static final long MOST_FINISH_CALLS = 4_000_000;

    /** The most repair runs per polish round. */
    static final int MOST_REPAIRS = 12;

    private final Scenario scenario;
    private final int intervals;
    private final int groups;
    private final int queues;
    private final boolean[][] serves;
    private final boolean[][] servesFirst;
    private final List<List<Integer>> classes;
    private final int replications;
    private final ExecutorService pool;
    private int simulations;

    private SkillStaffing(Scenario scenario, int replications, ExecutorService pool) {
        this.scenario = scenario;
        this.replications = replications;
        this.pool = pool;
        this.intervals = scenario.intervals();
        this.groups = scenario.groups().size();
        this.queues = scenario.queues().size();
        serves = new boolean[queues][groups];
        servesFirst = new boolean[queues][groups];
        for (int q = 0; q < queues; q++) {
            Scenario.QueueSpec queue = scenario.queues().get(q);
            for (int g = 0; g < groups; g++) {
                serves[q][g] = queue.servedBy(scenario.groups().get(g), false);
                servesFirst[q][g] = queue.servedBy(scenario.groups().get(g), true);
            }
        }
        classes = classes();
    }

    /**
     * What the search found.
     *
     * @param staffed     the scenario with the agents found
     * @param simulated   its run with the scenario's seed
     * @param simulations how many runs the search took
     * @param check       the minimality check, when asked for
     */
    public record Result(
            Scenario staffed,
            ScenarioResult simulated,
            int simulations,
            @Nullable Check check) {

        /** One JSON object: the agent hours, the search's runs, the targets missed, the check, the run as found. */
        public String toJson() {
            StringBuilder json = new StringBuilder("{\"agentHours\":")
                    .append(simulated.agentHours())
                    .append(",\"simulations\":")
                    .append(simulations)
                    .append(",\"replications\":")
                    .append(simulated.replications())
                    .append(",\"intervalsMissingTarget\":")
                    .append(simulated.misses());
            if (check != null) {
                json.append(",\"check\":{\"seed\":")
                        .append(check.seed())
                        .append(",\"intervalsMissingTarget\":")
                        .append(check.baseMisses())
                        .append(",\"removalsTried\":")
                        .append(check.tried())
                        .append(",\"unjudged\":")
                        .append(check.unjudged())
                        .append(",\"broke\":")
                        .append(check.broke())
                        .append('}');
            }
            return json.append(",\"simulated\":")
                    .append(simulated.toJson())
                    .append('}')
                    .toString();
        }
    }

    /**
     * Removing one agent, re-simulated with another seed.
     *
     * @param seed           the other seed
     * @param baseMisses     (queue, interval) pairs missing their target with the staffing as found and that seed
     * @param tried          (group, interval) pairs with at least one agent: each lost one agent in a run
     * @param unjudged       of those, the ones where a queue the group serves already missed its target there or in
     *                       the next interval with all the agents (that seed's callers were harder than the search's)
     * @param broke          of the others, the ones where such a queue then missed its target, or (tried alone)
     *                       any queue missed a target the full staffing met
     */
    public record Check(long seed, int baseMisses, int tried, int unjudged, int broke) {
        /** Of the removals that could be judged, the share that broke a target: 1 for a minimal staffing. */
        public double share() {
            return tried == unjudged ? 1 : (double) broke / (tried - unjudged);
        }
    }

    /**
     * Searches the fewest agents per group and interval keeping every target, on {@code threads} threads; every
     * staffing tried is judged on {@code replications} runs pooled ({@link ScenarioRun#run(Scenario, int,
     * ExecutorService)}).
     */
    public static Result search(Scenario scenario, int replications, int threads) {
        ExecutorService pool = pool(threads);
        SkillStaffing search = new SkillStaffing(scenario, replications, pool);
        try {
            int[][] agents = search.start();
            agents = search.up(agents);
            agents = search.down(agents);
            agents = search.up(agents);
            agents = search.polish(agents);
            agents = search.finish(agents);
            Scenario staffed = scenario.withAgents(agents);
            return new Result(staffed, search.simulate(agents), search.simulations, null);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The search, then the check with {@code checkSeed}, the same replications and threads. */
    public static Result searchAndCheck(Scenario scenario, long checkSeed, int replications, int threads) {
        Result found = search(scenario, replications, threads);
        return new Result(
                found.staffed(),
                found.simulated(),
                found.simulations(),
                check(found.staffed(), checkSeed, replications, threads));
    }

    // ---------------------------------------------------------------- start and up

    private int[][] start() {
        double[][] share = new double[groups][intervals];
        for (int q = 0; q < queues; q++) {
            Scenario.QueueSpec queue = scenario.queues().get(q);
            boolean[] home = anyOf(servesFirst[q]) ? servesFirst[q] : serves[q];
            int homes = count(home);
            double handleSeconds = queue.handle().meanSeconds() + queue.wrapUpSeconds();
            for (int t = 0; t < intervals; t++) {
                double load = queue.arrivalsPerHour()[t] * handleSeconds / 3600;
                double need = load == 0 ? 0 : load + 2 * Math.sqrt(load) + 1;
                for (int g = 0; g < groups; g++) {
                    if (home[g]) {
                        share[g][t] += need / homes;
                    }
                }
            }
        }
        int[][] agents = new int[groups][intervals];
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < intervals; t++) {
                agents[g][t] = (int) Math.ceil(share[g][t] - 1e-9);
            }
        }
        return agents;
    }

    /** More agents where a target is missed, until none is (or the rounds run out). */
    private int[][] up(int[][] agents) {
        for (int round = 0; round < MOST_ROUNDS; round++) {
            ScenarioResult run = simulate(agents);
            if (run.misses() == 0) {
                return agents;
            }
            int[][] more = copy(agents);
            for (int q = 0; q < queues; q++) {
                boolean[] home = anyOf(servesFirst[q]) ? servesFirst[q] : serves[q];
                for (int t = 0; t < intervals; t++) {
                    if (!run.meets(q, t)) {
                        for (int g = 0; g < groups; g++) {
                            if (home[g]) {
                                more[g][t] = Math.max(more[g][t], agents[g][t] + Math.max(1, agents[g][t] / 10));
                            }
                        }
                    }
                }
            }
            agents = more;
        }
        return agents;
    }

    // ---------------------------------------------------------------- down

    private int[][] down(int[][] agents) {
        int[][] step = new int[groups][intervals];
        boolean[][] settled = new boolean[groups][intervals];
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < intervals; t++) {
                step[g][t] = Math.max(1, agents[g][t] / 4);
                settled[g][t] = agents[g][t] == 0;
            }
        }
        for (int round = 0; round < MOST_ROUNDS && !all(settled); round++) {
            for (int parity = 0; parity < 2; parity++) {
                int[][] trial = copy(agents);
                boolean[][] removed = new boolean[groups][intervals];
                boolean any = false;
                for (int g = 0; g < groups; g++) {
                    for (int t = parity; t < intervals; t += 2) {
                        if (!settled[g][t]) {
                            step[g][t] = Math.min(step[g][t], agents[g][t]);
                            trial[g][t] -= step[g][t];
                            removed[g][t] = true;
                            any = true;
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                boolean[][] blamed = blame(simulate(trial), removed);
                for (int g = 0; g < groups; g++) {
                    for (int t = parity; t < intervals; t += 2) {
                        if (!removed[g][t]) {
                            continue;
                        }
                        if (!blamed[g][t]) {
                            agents[g][t] = trial[g][t];
                            settled[g][t] = agents[g][t] == 0;
                        } else if (step[g][t] == 1) {
                            settled[g][t] = true;
                        } else {
                            step[g][t] /= 2;
                        }
                    }
                }
            }
        }
        return agents;
    }

    /**
     * The removals blamed for the targets the trial missed: a miss of a queue's callers arriving in an interval is
     * blamed on the removals there and in the intervals beside it (callers wait into the next; removals are in every
     * other interval, so that is the interval itself or the two beside it), of the groups serving that queue. A miss
     * no such removal explains is blamed on every removal from two intervals before to one after.
     */
    private boolean[][] blame(ScenarioResult run, boolean[][] removed) {
        boolean[][] blamed = new boolean[groups][intervals];
        for (int q = 0; q < queues; q++) {
            for (int t = 0; t < intervals; t++) {
                if (run.meets(q, t)) {
                    continue;
                }
                boolean found = false;
                for (int u = Math.max(0, t - 1); u <= Math.min(intervals - 1, t + 1); u++) {
                    for (int g = 0; g < groups; g++) {
                        if (serves[q][g] && removed[g][u]) {
                            blamed[g][u] = true;
                            found = true;
                        }
                    }
                }
                for (int u = Math.max(0, t - 2); !found && u <= Math.min(intervals - 1, t + 1); u++) {
                    for (int g = 0; g < groups; g++) {
                        blamed[g][u] |= removed[g][u];
                    }
                }
            }
        }
        return blamed;
    }

    // ---------------------------------------------------------------- one agent fewer

    /** What one agent fewer of a group in an interval does. */
    private static final byte NO_AGENT = 0;

    private static final byte SPARE = 1;
    private static final byte BROKE = 2;
    private static final byte UNJUDGED = 3;

    /**
     * Per group and interval, what one agent fewer there does to {@code agents} (whose run is {@code base}): one run
     * per class of groups sharing no queue ({@link #classes}) and interval modulo 3 (a removal's effect reaches the
     * intervals beside it, not further), in parallel on the search's threads. {@link #BROKE}: a queue the group serves then
     * misses its target in that interval or one beside it; {@link #UNJUDGED}: such a queue missed it there already;
     * {@link #SPARE}: neither.
     */
    private byte[][] oneFewer(Scenario at, int[][] agents, ScenarioResult base) {
        List<Future<byte[][]>> runs = new ArrayList<>();
        for (List<Integer> members : classes) {
            for (int phase = 0; phase < 3; phase++) {
                int from = phase;
                runs.add(pool.submit(() -> oneFewer(at, agents, members, from, base)));
            }
        }
        byte[][] verdicts = new byte[groups][intervals];
        for (byte[][] some : results(runs, "search")) {
            for (int g = 0; g < groups; g++) {
                for (int t = 0; t < intervals; t++) {
                    verdicts[g][t] = (byte) Math.max(verdicts[g][t], some[g][t]);
                }
            }
        }
        return verdicts;
    }

    /**
     * What the {@code runs} submitted to the search's threads give, in order, counted as simulations; an interrupt
     * cancels them all ({@code what}: the search or the check, for its message), and a run's failure is thrown here.
     */
    private <T> List<T> results(List<Future<T>> runs, String what) {
        simulations += runs.size();
        try {
            List<T> results = new ArrayList<>(runs.size());
            for (Future<T> run : runs) {
                results.add(run.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs.forEach(run -> run.cancel(true));
            throw new java.util.concurrent.CancellationException("the staffing " + what + " was stopped");
        } catch (ExecutionException e) {
            runs.forEach(run -> run.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private byte[][] oneFewer(Scenario at, int[][] agents, List<Integer> members, int from, ScenarioResult base) {
        byte[][] verdicts = new byte[groups][intervals];
        int[][] trial = copy(agents);
        boolean any = false;
        for (int g : members) {
            for (int t = from; t < intervals; t += 3) {
                if (trial[g][t] > 0) {
                    trial[g][t]--;
                    any = true;
                }
            }
        }
        if (!any) {
            return verdicts;
        }
        ScenarioResult run = ScenarioRun.run(at.withAgents(trial), replications, null);
        for (int g : members) {
            for (int t = from; t < intervals; t += 3) {
                if (agents[g][t] > 0) {
                    verdicts[g][t] = misses(base, g, t) ? UNJUDGED : misses(run, g, t) ? BROKE : SPARE;
                }
            }
        }
        return verdicts;
    }

    /**
     * The groups in classes whose members serve no queue in common (greedy colouring in the scenario's order): their
     * removals are judged in one run, each by its own queues. Groups each expert in one queue and able to take the
     * next make 2 or 3 classes, however many groups there are.
     */
    private List<List<Integer>> classes() {
        List<List<Integer>> classes = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            int group = g;
            List<Integer> home = null;
            for (List<Integer> members : classes) {
                if (members.stream().noneMatch(other -> shareAQueue(other, group))) {
                    home = members;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                classes.add(home);
            }
            home.add(g);
        }
        return classes;
    }

    private boolean shareAQueue(int a, int b) {
        for (int q = 0; q < queues; q++) {
            if (serves[q][a] && serves[q][b]) {
                return true;
            }
        }
        return false;
    }

    /** True when a queue group g serves misses its target in interval t or one beside it. */
    private boolean misses(ScenarioResult run, int g, int t) {
        for (int q = 0; q < queues; q++) {
            for (int u = Math.max(0, t - 1); serves[q][g] && u <= Math.min(intervals - 1, t + 1); u++) {
                if (!run.meets(q, u)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The last pass of the search: every agent whose removal alone keeps every target (tried as {@link #check} does,
     * with the search's seed) is removed, all at once; where that together misses a target, the removals blamed are
     * taken back for good. Ends when no agent can be spared alone, so the staffing is minimal in the checkable sense.
     */
    private int[][] polish(int[][] agents) {
        boolean[][] keep = new boolean[groups][intervals];
        ScenarioResult base = simulate(agents);
        if (base.misses() > 0) {
            return agents;
        }
        for (int round = 0; round < MOST_POLISH_ROUNDS; round++) {
            byte[][] verdicts = oneFewer(scenario, agents, base);
            int[][] trial = spare(agents, verdicts, keep);
            if (trial == null) {
                return agents;
            }
            ScenarioResult run = simulate(trial);
            for (int retry = 0; retry < MOST_REPAIRS && run.misses() > 0; retry++) {
                repair(run, agents, trial, keep, retry >= MOST_REPAIRS / 2);
                run = simulate(trial);
            }
            if (run.misses() == 0 && total(trial) < total(agents)) {
                agents = trial;
                base = run;
            }
        }
        return agents;
    }

    /**
     * The end of the search, one agent at a time: while a removal alone still keeps every target (tried as {@link
     * #check} tries it, with the search's days), such removals are tried one after another, each kept when a run of
     * the whole day confirms every target. The polish removes agents in batches and takes back for good the ones a
     * batch's miss was blamed on; some of those could go alone (7 of the example's 127 after six rounds). Ends when
     * none can, so the staffing is minimal on the days judged: every removal breaks a target there.
     */
    private int[][] finish(int[][] agents) {
        ScenarioResult base = simulate(agents);
        if (base.misses() > 0) {
            return agents;
        }
        int tries = 0;
        int mostTries = (int) Math.min(
                MOST_FINISH_TRIES,
                MOST_FINISH_CALLS / Math.max(1, base.total(-1).offered()));
        boolean[][] broke = new boolean[groups][intervals]; // tried alone and missed: with fewer agents it would too
        for (int pass = 0; pass < MOST_FINISH_PASSES && tries < mostTries; pass++) {
            byte[][] verdicts = oneFewer(scenario, agents, base);
            boolean removed = false;
            for (Removal candidate : widestMarginFirst(verdicts, agents, broke, base)) {
                if (tries >= mostTries) {
                    break;
                }
                int g = candidate.g();
                int t = candidate.t();
                int[][] trial = copy(agents);
                trial[g][t]--;
                tries++;
                ScenarioResult run = simulate(trial);
                if (run.misses() == 0) {
                    agents = trial;
                    base = run;
                    removed = true;
                } else {
                    broke[g][t] = true;
                }
            }
            if (!removed) {
                return agents; // every removal the check finds spare alone breaks a target when tried on its own
            }
        }
        return agents;
    }

    /**
     * The removals {@code verdicts} found spare and not yet tried, those whose queues beat their service level by the
     * most there (in {@code base}, the interval and the ones beside it) first: within the end's bound, the likeliest
     * to keep every target when made alone are tried.
     */
    private List<Removal> widestMarginFirst(byte[][] verdicts, int[][] agents, boolean[][] broke, ScenarioResult base) {
        List<Removal> candidates = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < intervals; t++) {
                if (verdicts[g][t] == SPARE && agents[g][t] > 0 && !broke[g][t]) {
                    candidates.add(new Removal(g, t, margin(base, g, t)));
                }
            }
        }
        candidates.sort(java.util.Comparator.comparingDouble(Removal::margin).reversed());
        return candidates;
    }

    /** One agent fewer of group {@code g} in interval {@code t}, whose queues beat their targets there by {@code margin}. */
    private record Removal(int g, int t, double margin) {}

    /** The least by which a queue group {@code g} serves beat its service level in {@code base} in or beside {@code t}. */
    private double margin(ScenarioResult base, int g, int t) {
        double least = Double.MAX_VALUE;
        for (int q = 0; q < queues; q++) {
            for (int u = Math.max(0, t - 1); serves[q][g] && u <= Math.min(intervals - 1, t + 1); u++) {
                double target = scenario.queues().get(q).target().serviceLevel();
                least = Math.min(least, base.figures(q, u).serviceLevel() - target);
            }
        }
        return least;
    }

    /**
     * One agent back for each target {@code run} missed: the removal nearest the interval (the same one first, then
     * the ones beside it) of a group serving the queue, taken back for good; where there is none, one more agent for
     * the group serving the queue at its first step with the most agents there.
     */
    private void repair(ScenarioResult run, int[][] agents, int[][] trial, boolean[][] keep, boolean wide) {
        for (int q = 0; q < queues; q++) {
            for (int u = 0; u < intervals; u++) {
                if (run.meets(q, u)) {
                    continue;
                }
                int restored = 0;
                for (int[] nearest = nearestRemoval(q, u, agents, trial);
                        nearest != null && (restored == 0 || wide);
                        nearest = nearestRemoval(q, u, agents, trial)) {
                    trial[nearest[0]][nearest[1]]++;
                    keep[nearest[0]][nearest[1]] = true;
                    restored++;
                }
                if (restored > 0) {
                    continue;
                }
                boolean[] home = anyOf(servesFirst[q]) ? servesFirst[q] : serves[q];
                int most = -1;
                for (int g = 0; g < groups; g++) {
                    if (home[g] && (most < 0 || trial[g][u] > trial[most][u])) {
                        most = g;
                    }
                }
                trial[most][u]++;
            }
        }
    }

    private int @Nullable [] nearestRemoval(int q, int u, int[][] agents, int[][] trial) {
        for (int distance = 0; distance <= 1; distance++) {
            for (int t : new int[] {u - distance, u + distance}) {
                for (int g = 0; t >= 0 && t < intervals && g < groups; g++) {
                    if (serves[q][g] && trial[g][t] < agents[g][t]) {
                        return new int[] {g, t};
                    }
                }
            }
        }
        return null;
    }

    /** One agent fewer wherever one can be spared alone and was not taken back before; or null. */
    private int @Nullable [][] spare(int[][] agents, byte[][] verdicts, boolean[][] keep) {
        int[][] trial = copy(agents);
        boolean any = false;
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < intervals; t++) {
                if (verdicts[g][t] == SPARE && !keep[g][t]) {
                    trial[g][t]--;
                    any = true;
                }
            }
        }
        return any ? trial : null;
    }

    // ---------------------------------------------------------------- the check

    /**
     * Runs {@code staffed} with {@code seed}, then, per group and per interval modulo 3, the same with one agent
     * fewer in those intervals (a removal's effect mostly reaches the intervals beside it, not further): a removal
     * "breaks" when a queue the group serves misses its target in that interval or one beside it. A removal that
     * breaks nothing there is run once more alone, and breaks when a queue misses a target the full staffing met
     * anywhere in the day ({@link #judgeAlone}).
     */
    public static Check check(Scenario staffed, long seed, int replications, int threads) {
        Scenario other = staffed.withSeed(seed);
        ExecutorService pool = pool(threads);
        SkillStaffing search = new SkillStaffing(other, replications, pool);
        try {
            int[][] agents = other.agents();
            ScenarioResult base = ScenarioRun.run(other, replications, pool);
            byte[][] verdicts = search.oneFewer(other, agents, base);
            search.judgeAlone(other, agents, base, verdicts);
            int[] counts = new int[4];
            for (byte[] row : verdicts) {
                for (byte verdict : row) {
                    counts[verdict]++;
                }
            }
            return new Check(
                    seed,
                    base.misses(),
                    counts[SPARE] + counts[BROKE] + counts[UNJUDGED],
                    counts[UNJUDGED],
                    counts[BROKE]);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The removals {@code verdicts} found spare (tried in a batch, judged in their own and the next intervals) tried
     * once more alone, the whole day judged: one that makes a queue miss a target {@code base} met, anywhere, broke a
     * target after all (a removal's effect can reach further than the interval beside it, e.g. through a shared
     * group's backlog).
     */
    private void judgeAlone(Scenario at, int[][] agents, ScenarioResult base, byte[][] verdicts) {
        List<int[]> spare = new ArrayList<>();
        List<Future<ScenarioResult>> runs = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < intervals; t++) {
                if (verdicts[g][t] == SPARE) {
                    int[][] trial = copy(agents);
                    trial[g][t]--;
                    spare.add(new int[] {g, t});
                    runs.add(pool.submit(() -> ScenarioRun.run(at.withAgents(trial), replications, null)));
                }
            }
        }
        List<ScenarioResult> alone = results(runs, "check");
        for (int i = 0; i < alone.size(); i++) {
            if (missesWhereMet(alone.get(i), base)) {
                verdicts[spare.get(i)[0]][spare.get(i)[1]] = BROKE;
            }
        }
    }

    /** Whether {@code run} misses a target, in any queue and interval, that {@code base} met. */
    private boolean missesWhereMet(ScenarioResult run, ScenarioResult base) {
        for (int q = 0; q < queues; q++) {
            for (int u = 0; u < intervals; u++) {
                if (base.meets(q, u) && !run.meets(q, u)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread thread = new Thread(r, "staffing-search");
            thread.setDaemon(true);
            return thread;
        });
    }

    // ---------------------------------------------------------------- helpers

    private ScenarioResult simulate(int[][] agents) {
        simulations++;
        return ScenarioRun.run(scenario.withAgents(agents), replications, pool);
    }

    private static long total(int[][] agents) {
        long total = 0;
        for (int[] row : agents) {
            for (int n : row) {
                total += n;
            }
        }
        return total;
    }

    private static int[][] copy(int[][] agents) {
        int[][] copy = new int[agents.length][];
        for (int g = 0; g < agents.length; g++) {
            copy[g] = agents[g].clone();
        }
        return copy;
    }

    private static boolean anyOf(boolean[] values) {
        return count(values) > 0;
    }

    private static int count(boolean[] values) {
        int n = 0;
        for (boolean v : values) {
            n += v ? 1 : 0;
        }
        return n;
    }

    private static boolean all(boolean[][] values) {
        for (boolean[] row : values) {
            for (boolean v : row) {
                if (!v) {
                    return false;
                }
            }
        }
        return true;
    }
}
