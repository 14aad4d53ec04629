package org.switchboard.planning.scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.stats.ReportingCalendar;
import org.switchboard.planning.QueueRoster;

/**
 * A center to simulate, as a scenario file describes it ({@link ScenarioFile}, docs/planning.md "Scenario files"):
 * queues with their own arrivals per interval (a non-homogeneous Poisson process, constant within an interval),
 * handle-time and patience distributions, routing steps, service targets and callback offers; and groups of agents,
 * each with its skills and its agents per interval. Time runs from midnight of {@code start} in {@code zone} for
 * {@code days} days, in intervals of {@code intervalMinutes} counted from the start.
 *
 * @param start           the first day, in {@code zone}
 * @param days            how many days callers arrive, 1..31
 * @param zone            the center's zone
 * @param intervalMinutes 15, 30 or 60
 * @param seed            the callers' random numbers: equal scenarios and seeds give equal runs
 * @param queues          the queues, at least one
 * @param groups          the agent groups, at least one
 */
public record Scenario(
        LocalDate start,
        int days,
        ZoneId zone,
        int intervalMinutes,
        long seed,
        List<QueueSpec> queues,
        List<Group> groups) {

    /** Most queues, groups, days, calls: what one run may ask for. */
    public static final int MOST_QUEUES = 200;

    public static final int MOST_GROUPS = 500;
    public static final int MOST_DAYS = 31;
    public static final double MOST_CALLS = 20_000_000;
    public static final double MOST_ARRIVALS_PER_HOUR = 1_000_000;

    public Scenario {
        queues = List.copyOf(queues);
        groups = List.copyOf(groups);
        if (days < 1 || days > MOST_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MOST_DAYS + ", was " + days);
        }
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw new IllegalArgumentException("intervalMinutes must be 15, 30 or 60, was " + intervalMinutes);
        }
        if (queues.isEmpty() || queues.size() > MOST_QUEUES) {
            throw new IllegalArgumentException("a scenario has 1.." + MOST_QUEUES + " queues, not " + queues.size());
        }
        if (groups.isEmpty() || groups.size() > MOST_GROUPS) {
            throw new IllegalArgumentException("a scenario has 1.." + MOST_GROUPS + " groups, not " + groups.size());
        }
        int intervals = days * 1440 / intervalMinutes;
        requireUnique(queues.stream().map(QueueSpec::id).toList(), "queue");
        requireUnique(groups.stream().map(Group::id).toList(), "group");
        double calls = 0;
        for (QueueSpec queue : queues) {
            requireLength("queue '" + queue.id() + "' arrivals", queue.arrivalsPerHour().length, intervals);
            calls += Arrays.stream(queue.arrivalsPerHour()).sum() * intervalMinutes / 60.0;
        }
        if (calls > MOST_CALLS) {
            throw new IllegalArgumentException(
                    "the scenario expects " + Math.round(calls) + " calls; at most " + (long) MOST_CALLS);
        }
        long agents = 0;
        for (Group group : groups) {
            requireLength("group '" + group.id() + "' agents", group.agents().length, intervals);
            agents += Arrays.stream(group.agents()).max().orElse(0);
        }
        if (agents > QueueRoster.MOST_AGENTS) {
            throw new IllegalArgumentException(
                    "the groups have " + agents + " agents at their most; at most " + QueueRoster.MOST_AGENTS);
        }
        for (QueueSpec queue : queues) {
            if (groups.stream().noneMatch(g -> queue.servedBy(g, false))) {
                throw new IllegalArgumentException(
                        "no group has the skills any routing step of queue '" + queue.id() + "' asks for");
            }
        }
    }

    /** A queue of the scenario. */
    public record QueueSpec(
            String id,
            double[] arrivalsPerHour,
            Distribution handle,
            @Nullable Distribution patience,
            List<RoutingStep> routing,
            Target target,
            int wrapUpSeconds,
            long callbackAfterSeconds,
            double callbackTakeUp) {

        public QueueSpec {
            routing = List.copyOf(routing);
            arrivalsPerHour = arrivalsPerHour.clone();
            for (double rate : arrivalsPerHour) {
                if (!(rate >= 0) || rate > MOST_ARRIVALS_PER_HOUR) {
                    throw new IllegalArgumentException("queue '" + id + "': arrivals per hour must be 0.."
                            + (long) MOST_ARRIVALS_PER_HOUR + ", was " + rate);
                }
            }
            if (wrapUpSeconds < 0 || wrapUpSeconds > 3_600) {
                throw new IllegalArgumentException("queue '" + id + "': wrapUpSeconds must be 0..3600");
            }
            if (callbackAfterSeconds < -1 || callbackAfterSeconds > 86_400) {
                throw new IllegalArgumentException("queue '" + id + "': callbackAfterSeconds must be 0..86400");
            }
            if (!(callbackTakeUp >= 0.01 && callbackTakeUp <= 1)) {
                throw new IllegalArgumentException("queue '" + id + "': callbackTakeUpPercent must be 1..100");
            }
        }

        /** True when an agent of {@code group} may take this queue's calls at its first step (or at any step). */
        public boolean servedBy(Group group, boolean firstStepOnly) {
            List<RoutingStep> steps = firstStepOnly ? routing.subList(0, 1) : routing;
            return steps.stream().anyMatch(step -> step.skills().matches(group.skills()));
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof QueueSpec q
                    && id.equals(q.id)
                    && Arrays.equals(arrivalsPerHour, q.arrivalsPerHour)
                    && handle.equals(q.handle)
                    && java.util.Objects.equals(patience, q.patience)
                    && routing.equals(q.routing)
                    && target.equals(q.target)
                    && wrapUpSeconds == q.wrapUpSeconds
                    && callbackAfterSeconds == q.callbackAfterSeconds
                    && callbackTakeUp == q.callbackTakeUp;
        }

        @Override
        public int hashCode() {
            return id.hashCode() * 31 + Arrays.hashCode(arrivalsPerHour);
        }

        @Override
        public String toString() {
            return "QueueSpec[" + id + "]";
        }
    }

    /**
     * What a queue must achieve in every interval (callers counted in the interval they arrived in).
     *
     * @param serviceLevel the least share answered within {@code slSeconds} (of answered and abandoned after 5 s)
     * @param slSeconds    the threshold, seconds
     * @param asaSeconds   the longest average speed of answer, or null
     * @param maxAbandon   the largest share of callers who hang up, or null
     */
    public record Target(
            double serviceLevel,
            int slSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double maxAbandon) {
        public Target {
            if (!(serviceLevel >= 0 && serviceLevel <= 1)) {
                throw new IllegalArgumentException("slPercent must be 0..100");
            }
            if (slSeconds < 1 || slSeconds > 3_600) {
                throw new IllegalArgumentException("slSeconds must be 1..3600, was " + slSeconds);
            }
            if (asaSeconds != null && !(asaSeconds > 0 && asaSeconds <= 3_600)) {
                throw new IllegalArgumentException("asaSeconds must be above 0 and at most 3600");
            }
            if (maxAbandon != null && !(maxAbandon > 0 && maxAbandon < 1)) {
                throw new IllegalArgumentException("maxAbandonPercent must be above 0 and below 100");
            }
            if (serviceLevel == 0 && asaSeconds == null && maxAbandon == null) {
                throw new IllegalArgumentException("slPercent 0 with no asaSeconds or maxAbandonPercent is no target"
                        + " at all (no agent would meet it): give a service level above 0 or another target");
            }
        }
    }

    /** Agents alike: their skills (and proficiencies), and how many work in each interval. */
    public record Group(String id, Map<String, Integer> skills, int[] agents) {
        public Group {
            skills = Map.copyOf(skills);
            agents = agents.clone();
            for (int n : agents) {
                if (n < 0 || n > QueueRoster.MOST_AGENTS) {
                    throw new IllegalArgumentException(
                            "group '" + id + "': agents must be 0.." + QueueRoster.MOST_AGENTS + ", was " + n);
                }
            }
        }

        public Group withAgents(int[] perInterval) {
            return new Group(id, skills, perInterval);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Group g
                    && id.equals(g.id)
                    && skills.equals(g.skills)
                    && Arrays.equals(agents, g.agents);
        }

        @Override
        public int hashCode() {
            return id.hashCode() * 31 + Arrays.hashCode(agents);
        }

        @Override
        public String toString() {
            return "Group[" + id + "]";
        }
    }

    /** How many intervals the scenario has. */
    public int intervals() {
        return days * 1440 / intervalMinutes;
    }

    public long intervalMs() {
        return intervalMinutes * 60_000L;
    }

    /** Midnight of the first day in the zone, epoch ms. */
    public long startMs() {
        return new ReportingCalendar(zone).startOf(start);
    }

    /** The same center with the groups' agents per interval replaced: {@code agents[g][t]}. */
    public Scenario withAgents(int[][] agents) {
        List<Group> staffed = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            staffed.add(groups.get(g).withAgents(agents[g]));
        }
        return new Scenario(start, days, zone, intervalMinutes, seed, queues, staffed);
    }

    /** The same center with another seed. */
    public Scenario withSeed(long other) {
        return new Scenario(start, days, zone, intervalMinutes, other, queues, groups);
    }

    /** The groups' agents per interval, {@code [g][t]}, a copy. */
    public int[][] agents() {
        int[][] agents = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            agents[g] = groups.get(g).agents().clone();
        }
        return agents;
    }

    private static void requireUnique(List<String> ids, String what) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("two " + what + "s are called '" + id + "'");
            }
        }
    }

    private static void requireLength(String what, int length, int intervals) {
        if (length != intervals) {
            throw new IllegalArgumentException(what + ": " + length + " intervals, the scenario has " + intervals);
        }
    }
}
