package org.switchboard.planning.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.port.Planning.LaunchRequest;
import org.switchboard.core.port.Planning.StaffedInterval;
import org.switchboard.core.port.Planning.Targets;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.IntervalStaffing;
import org.switchboard.planning.QueueRoster;
import org.switchboard.planning.Stopping;
import org.switchboard.planning.VirtualCenter;
import org.switchboard.planning.scenario.Scenario;

/**
 * The launch-day playbook: a forecast day with the launch's uplift, staffed by Erlang A for the ASA target, then
 * simulated on the production engine with callers who hang up; then, for each callback threshold (offer a callback
 * to a caller told to wait longer than X s; the share given as the take-up takes it and keeps the place in line, the
 * others wait on) the fewest agents to add,
 * interval by interval, so that every interval keeps the ASA target (and the abandon limit, and the callback
 * promise). Every option is simulated with the same callers (common random numbers), so the options differ by
 * policy, not by luck. Nobody is ever told "busy": the
 * engine's queues have no limit; callers wait, hang up or are called back.
 */
public final class LaunchDay {

    /** Callback thresholds tried, seconds of estimated wait; -1: no callbacks offered. */
    static final long[] THRESHOLDS = {-1, 300, 240, 180, 120, 90, 60, 45, 30};
    /** The most agents a plan may add to an interval. */
    static final int MOST_EXTRA = 500;
    /** Rounds of adding agents where intervals miss a target, before a callback threshold is given up. */
    static final int MOST_ROUNDS = 60;

    /** What a day of the simulation measured: in total and per interval (callers counted where they arrived). */
    public record Outcome(Figures total, List<Figures> intervals) {}

    /**
     * @param startMs          the interval's start (the day's for the total)
     * @param agents           agents on the phones (the most of any queue's sum in the day for the total)
     * @param offered          callers who arrived
     * @param answered         callers answered while on the line
     * @param abandoned        callers who hung up
     * @param callbacks        callers who took a callback
     * @param callbacksDeclined callers offered a callback who waited on instead
     * @param asaSeconds       mean wait of the callers answered on the line
     * @param serviceLevel     answered within the threshold over answered and abandoned after 5 s
     * @param probAbandon      abandoned over offered
     * @param callbackWaitSeconds mean time from taking a callback to an agent calling back
     * @param longestQueue     the most callers waiting at once
     */
    public record Figures(
            long startMs,
            int agents,
            long offered,
            long answered,
            long abandoned,
            long callbacks,
            long callbacksDeclined,
            double asaSeconds,
            double serviceLevel,
            double probAbandon,
            double callbackWaitSeconds,
            int longestQueue) {}

    /**
     * One way through the day: a callback threshold (-1: none) and agents added where intervals need them.
     *
     * @param extraAgents     the most agents added to any one interval (the outcome's intervals say where)
     * @param extraAgentHours the agent-hours added over the day
     */
    public record Option(long callbackAfterSeconds, int extraAgents, double extraAgentHours, Outcome outcome) {}

    /**
     * @param day       the uplifted forecast of the day
     * @param staffing  the Erlang A staffing of it
     * @param asStaffed the simulated day with that staffing, no callbacks
     * @param options   per threshold, the fewest extra agents that keep every interval's targets (absent when even
     *                  the most do not)
     * @param chosen    the option adding the fewest agent-hours (on a tie, the one offering fewer callbacks)
     */
    public record Result(
            LaunchRequest settings,
            List<IntervalForecast> day,
            List<StaffedInterval> staffing,
            Outcome asStaffed,
            List<Option> options,
            Option chosen) {}

    private final LaunchRequest settings;
    private final List<IntervalForecast> day;
    private final List<String> queueIds;
    private final long startMs;

    private LaunchDay(LaunchRequest settings, List<IntervalForecast> day) {
        this.settings = settings;
        this.day = day;
        TreeSet<String> ids = new TreeSet<>();
        day.forEach(row -> ids.add(row.queue()));
        this.queueIds = List.copyOf(ids);
        this.startMs = settings.day().atStartOfDay(settings.zone()).toInstant().toEpochMilli();
    }

    /** The playbook for {@code settings.day()} from a forecast holding that day. */
    public static Result plan(List<IntervalForecast> forecast, LaunchRequest settings) {
        List<IntervalForecast> day = new ArrayList<>();
        for (IntervalForecast row : forecast) {
            if (row.start().atZoneSameInstant(settings.zone()).toLocalDate().equals(settings.day())) {
                day.add(new IntervalForecast(
                        row.start(), row.queue(), row.offered() * settings.uplift(), row.ahtSeconds(), null, null));
            }
        }
        if (day.isEmpty()) {
            throw new IllegalArgumentException("the forecast has no interval on " + settings.day());
        }
        double calls = day.stream().mapToDouble(IntervalForecast::offered).sum();
        if (calls > Scenario.MOST_CALLS) { // a probe's 93 KB request (28.8 million calls) took 3.9 GB of heap
            throw new IllegalArgumentException("the launch day would have " + Math.round(calls) + " calls with the"
                    + " uplift; at most " + (long) Scenario.MOST_CALLS + " are simulated");
        }
        requireGrid(day, settings);
        return new LaunchDay(settings, day).plan();
    }

    /**
     * Refuses a launch day whose rows are not one per queue and interval, each starting on the interval grid from
     * local midnight: a forecast of 15-minute rows planned as 30-minute intervals, or a row given twice, would
     * otherwise be simulated as traffic it is not.
     */
    private static void requireGrid(List<IntervalForecast> day, LaunchRequest settings) {
        long midnightMs =
                settings.day().atStartOfDay(settings.zone()).toInstant().toEpochMilli();
        long intervalMs = settings.intervalMinutes() * 60_000L;
        Set<String> seen = new HashSet<>();
        long apartMs = 0;
        for (IntervalForecast row : day) {
            long startMs = row.start().toInstant().toEpochMilli();
            if ((startMs - midnightMs) % intervalMs != 0) {
                throw new IllegalArgumentException("the forecast's interval " + row.start() + " (" + row.queue()
                        + ") does not start on the " + settings.intervalMinutes()
                        + "-minute grid from midnight: give the forecast's own interval minutes");
            }
            if (!seen.add(startMs + " " + row.queue())) {
                throw new IllegalArgumentException(
                        "the forecast has the interval " + row.start() + " of " + row.queue() + " twice");
            }
            apartMs = gcd(apartMs, startMs - midnightMs);
        }
        if (apartMs > intervalMs) {
            throw new IllegalArgumentException("the forecast's intervals are " + apartMs / 60_000 + " minutes apart,"
                    + " not " + settings.intervalMinutes() + ": give the forecast's own interval minutes");
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private Result plan() {
        Targets goal = new Targets(
                0,
                1,
                null,
                settings.slSeconds(),
                settings.asaSeconds(),
                null,
                settings.maxAbandon(),
                settings.patienceSeconds(),
                0);
        List<StaffedInterval> staffing = new ArrayList<>();
        for (IntervalStaffing.Row row : IntervalStaffing.plan(day, goal, settings.intervalMinutes())) {
            staffing.add(new StaffedInterval(
                    row.interval().start().toInstant().toEpochMilli(),
                    row.interval().queue(),
                    row.staffing().agents()));
        }
        Outcome asStaffed = simulate(staffing, -1, new int[slots(staffing)]);
        List<Option> options = new ArrayList<>();
        for (long threshold : THRESHOLDS) {
            Option option = fewestExtra(staffing, threshold);
            if (option != null && (threshold < 0 || offeredCallbacks(option.outcome()) > 0)) {
                options.add(option); // a threshold nobody reached is the same as offering none
            }
        }
        Option chosen = null;
        for (Option option : options) {
            if (chosen == null
                    || option.extraAgentHours() < chosen.extraAgentHours()
                    || option.extraAgentHours() == chosen.extraAgentHours()
                            && option.outcome().total().callbacks()
                                    < chosen.outcome().total().callbacks()) {
                chosen = option;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException("no plan keeps every interval's ASA within " + settings.asaSeconds()
                    + " s with up to " + MOST_EXTRA + " extra agents an interval");
        }
        return new Result(settings, day, staffing, asStaffed, options, chosen);
    }

    /**
     * The fewest agents to add, interval by interval, so that every interval keeps its targets (and the day its
     * callback promise): the intervals that miss get agents, round after round, until none misses; then, from the
     * last interval to the first, one agent fewer wherever every target still holds (an earlier interval's agents
     * also shorten the line a later one inherits). Null when an interval would need more than {@link #MOST_EXTRA}, or
     * when no caller reaches the callback threshold.
     */
    private @Nullable Option fewestExtra(List<StaffedInterval> staffing, long threshold) {
        int[] extra = new int[slots(staffing)];
        Outcome outcome = simulate(staffing, threshold, extra);
        if (threshold >= 0 && offeredCallbacks(outcome) == 0) {
            return null; // nobody waits that long even as staffed: the same as offering none (more agents, fewer still)
        }
        for (int round = 0; ; round++) {
            List<Figures> missing = missing(outcome);
            if (missing.isEmpty()) {
                break;
            }
            if (round == MOST_ROUNDS) {
                return null;
            }
            for (Figures interval : missing) {
                int slot = slot(interval.startMs());
                extra[slot] +=
                        interval.asaSeconds() > 2 * settings.asaSeconds() ? Math.max(1, interval.agents() / 20) : 1;
                if (extra[slot] > MOST_EXTRA) {
                    return null;
                }
            }
            outcome = simulate(staffing, threshold, extra);
        }
        for (int slot = extra.length - 1; slot >= 0; slot--) {
            if (extra[slot] > 0) {
                extra[slot]--;
                Outcome fewer = simulate(staffing, threshold, extra);
                if (missing(fewer).isEmpty()) {
                    outcome = fewer;
                } else {
                    extra[slot]++;
                }
            }
        }
        int most = 0;
        double agentIntervals = 0;
        for (StaffedInterval row : staffing) {
            most = Math.max(most, extra[slot(row.startMs())]);
            agentIntervals += extra[slot(row.startMs())];
        }
        return new Option(threshold, most, agentIntervals * settings.intervalMinutes() / 60, outcome);
    }

    /**
     * The intervals that miss a target: the ASA of the callers who arrived in it, their abandon rate (when a limit
     * is set) and how soon their callbacks came; when only the day misses its callback promise, the intervals whose
     * callers took callbacks.
     */
    private List<Figures> missing(Outcome outcome) {
        List<Figures> missing = new ArrayList<>();
        for (Figures interval : outcome.intervals()) {
            if (!keeps(interval)) {
                missing.add(interval);
            }
        }
        if (missing.isEmpty() && !keeps(outcome.total())) {
            for (Figures interval : outcome.intervals()) {
                if (interval.callbacks() > 0) {
                    missing.add(interval);
                }
            }
        }
        return missing;
    }

    /** The ASA (and abandon rate) within the targets, and callbacks made within the promise. */
    private boolean keeps(Figures figures) {
        return figures.asaSeconds() <= settings.asaSeconds()
                && figures.callbackWaitSeconds() <= settings.callbackWithinSeconds()
                && (settings.maxAbandon() == null || figures.probAbandon() <= settings.maxAbandon());
    }

    /** The callers offered a callback, who took it or not. */
    private static long offeredCallbacks(Outcome outcome) {
        return outcome.total().callbacks() + outcome.total().callbacksDeclined();
    }

    private int slot(long atMs) {
        return (int) ((atMs - startMs) / (settings.intervalMinutes() * 60_000L));
    }

    private int slots(List<StaffedInterval> staffing) {
        int last = 0;
        for (StaffedInterval row : staffing) {
            last = Math.max(last, slot(row.startMs()));
        }
        return last + 1;
    }

    // ---------------------------------------------------------------- the simulated day

    Outcome simulate(List<StaffedInterval> staffing, long threshold, int[] extra) {
        Stopping.check();
        List<StaffedInterval> rows = staffing.stream()
                .map(row -> new StaffedInterval(row.startMs(), row.queue(), row.agents() + extra[slot(row.startMs())]))
                .toList();
        long intervalMs = settings.intervalMinutes() * 60_000L;
        QueueRoster roster = new QueueRoster(queueIds, rows, intervalMs);
        Map<String, ServiceLevelTarget> targets = new HashMap<>();
        queueIds.forEach(id -> targets.put(id, new ServiceLevelTarget(settings.slSeconds(), 80, settings.slSeconds())));
        DayTally tally = new DayTally(startMs, intervalMs, settings.slSeconds() * 1000L);
        VirtualCenter center = new VirtualCenter(
                        queueIds,
                        targets,
                        settings.zone(),
                        new DayCallers(day, queueIds, settings, intervalMs),
                        roster.roster(),
                        tally,
                        startMs)
                .offerCallbacksAfter(threshold);
        Map<String, Double> aht = new HashMap<>();
        day.forEach(row -> aht.merge(row.queue(), row.ahtSeconds(), Math::max));
        center.run(
                roster.setup(settings.slSeconds(), q -> aht.get(queueIds.get(q))), startMs, startMs + 3 * 86_400_000L);
        return tally.outcome(rows);
    }

    /**
     * The day's callers: Poisson arrivals at each interval's rate, exponential handle times and patience, and whether
     * each would take a callback offered (the take-up's share, from random numbers of their own: the same callers
     * arrive whatever the take-up).
     */
    private static final class DayCallers implements VirtualCenter.Callers {
        private final long[] atMs;
        private final int[] queue;
        private final long[] handleMs;
        private final long[] patienceMs;
        private final boolean[] takesCallback;
        private int next;

        DayCallers(List<IntervalForecast> day, List<String> queueIds, LaunchRequest settings, long intervalMs) {
            SplittableRandom random = new SplittableRandom(settings.seed());
            SplittableRandom choices = VirtualCenter.callbackChoices(settings.seed());
            List<long[]> callers = new ArrayList<>();
            for (IntervalForecast row : day) {
                long from = row.start().toInstant().toEpochMilli();
                double meanGapMs = row.offered() > 0 ? intervalMs / row.offered() : Double.POSITIVE_INFINITY;
                double t = from + exponential(random, meanGapMs);
                while (t < from + intervalMs) {
                    callers.add(new long[] {
                        (long) t,
                        queueIds.indexOf(row.queue()),
                        Math.max(1, Math.round(exponential(random, row.ahtSeconds() * 1000))),
                        Math.max(1, Math.round(exponential(random, settings.patienceSeconds() * 1000))),
                        VirtualCenter.takesCallback(choices, settings.callbackTakeUp()) ? 1 : 0
                    });
                    t += exponential(random, meanGapMs);
                }
            }
            callers.sort(java.util.Comparator.comparingLong(c -> c[0]));
            int n = callers.size();
            atMs = new long[n];
            queue = new int[n];
            handleMs = new long[n];
            patienceMs = new long[n];
            takesCallback = new boolean[n];
            for (int i = 0; i < n; i++) {
                long[] c = callers.get(i);
                atMs[i] = c[0];
                queue[i] = (int) c[1];
                handleMs[i] = c[2];
                patienceMs[i] = c[3];
                takesCallback[i] = c[4] == 1;
            }
        }

        @Override
        public boolean next(VirtualCenter.Caller caller) {
            if (next == atMs.length) {
                return false;
            }
            caller.atMs = atMs[next];
            caller.queue = queue[next];
            caller.handleMs = handleMs[next];
            caller.patienceMs = patienceMs[next];
            caller.takesCallback = takesCallback[next];
            next++;
            return true;
        }

        private static double exponential(SplittableRandom random, double mean) {
            return -mean * Math.log(1 - random.nextDouble());
        }
    }
}
