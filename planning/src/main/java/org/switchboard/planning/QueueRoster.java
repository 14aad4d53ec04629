package org.switchboard.planning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.port.Planning.ReplayStep;
import org.switchboard.core.port.Planning.StaffedInterval;

/**
 * A center of queues each served by agents of its own, as many per interval as a staffing plan gives it, for a
 * {@link VirtualCenter}: the commands that define the queues and agents, and the roster that makes agents 1..n of a
 * queue READY in an interval that gives it n (the others NOT_READY: an agent in a call finishes it first). Agents
 * answer at once and are chosen longest-idle first. What replays and launch-day simulations share.
 *
 * @param queueIds   the queues, by index
 * @param rows       agents per queue and interval (an interval without a row has none); each of a queue of
 *                   {@code queueIds}
 * @param intervalMs the length of an interval
 */
public record QueueRoster(List<String> queueIds, List<StaffedInterval> rows, long intervalMs) {

    /** The most agents one roster may staff, over all queues. */
    public static final int MOST_AGENTS = 200_000;

    public QueueRoster {
        queueIds = List.copyOf(queueIds);
        rows = List.copyOf(rows);
        java.util.Set<String> known = java.util.Set.copyOf(queueIds);
        for (StaffedInterval row : rows) {
            if (!known.contains(row.queue())) {
                throw new IllegalArgumentException(
                        "a row staffs queue '" + row.queue() + "', which is not one of the roster's queues");
            }
        }
        long total = mostAgents(queueIds, rows).values().stream()
                .mapToLong(Integer::longValue)
                .sum();
        if (total > MOST_AGENTS) {
            throw new IllegalArgumentException("this would staff " + total + " agents; at most " + MOST_AGENTS);
        }
    }

    /** The commands that define the queues (threshold {@code slSeconds}, planned AHT per queue) and all agents. */
    public List<Command> setup(int slSeconds, java.util.function.IntToDoubleFunction plannedAhtSeconds) {
        return setup(slSeconds, plannedAhtSeconds, Map.of());
    }

    /**
     * {@link #setup(int, java.util.function.IntToDoubleFunction)}, where the queues named in {@code routing} take their
     * callers through those steps (each step's agents: those of the queues it names) instead of their own agents.
     */
    public List<Command> setup(
            int slSeconds,
            java.util.function.IntToDoubleFunction plannedAhtSeconds,
            Map<String, List<ReplayStep>> routing) {
        Map<String, Integer> most = mostAgents(queueIds, rows);
        List<Command> commands = new ArrayList<>();
        for (int q = 0; q < queueIds.size(); q++) {
            String queueId = queueIds.get(q);
            List<ReplayStep> steps = routing.get(queueId);
            commands.add(new Command.DefineQueue(new QueueConfig(
                    queueId,
                    "Simulated " + queueId,
                    steps == null ? List.of(RoutingStep.of(SkillExpression.parse(skillOf(q)), 0)) : steps(steps),
                    new ServiceLevelTarget(slSeconds, 80, slSeconds),
                    RoutingStrategy.LONGEST_IDLE,
                    0,
                    QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS,
                    0,
                    (int) Math.max(1, Math.min(86_400, Math.round(plannedAhtSeconds.applyAsDouble(q)))),
                    null)));
            for (int a = 1; a <= most.getOrDefault(queueId, 0); a++) {
                String agentId = agentOf(q, a);
                commands.add(new Command.DefineAgent(new AgentConfig(
                        agentId, agentId, Map.of(skillOf(q), 5), Map.of(CapacityClass.VOICE, 1), true)));
            }
        }
        return commands;
    }

    /** The engine's steps for {@code steps}: each asks for the skill of any queue it names; the last has no end. */
    private List<RoutingStep> steps(List<ReplayStep> steps) {
        List<RoutingStep> routing = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            List<Map<String, Integer>> anyOf = new ArrayList<>();
            for (String queue : steps.get(i).queues()) {
                int q = queueIds.indexOf(queue);
                if (q < 0) {
                    throw new IllegalArgumentException(
                            "a routing step names queue '" + queue + "', which neither the log nor the staffing has");
                }
                anyOf.add(Map.of(skillOf(q), 1));
            }
            routing.add(RoutingStep.of(
                    new SkillExpression(anyOf),
                    i + 1 == steps.size() ? 0 : steps.get(i).seconds()));
        }
        return routing;
    }

    /** Per queue, agents 1..n READY from the start of an interval that gives it n, the others NOT_READY. */
    public List<VirtualCenter.Rostered> roster() {
        TreeMap<Long, List<Command>> byTime = new TreeMap<>();
        Map<String, List<StaffedInterval>> rowsOfQueue = new LinkedHashMap<>();
        rows.stream()
                .sorted(java.util.Comparator.comparingLong(StaffedInterval::startMs))
                .forEach(row -> rowsOfQueue
                        .computeIfAbsent(row.queue(), q -> new ArrayList<>())
                        .add(row));
        rowsOfQueue.forEach((queueId, ofQueue) -> {
            int q = queueIds.indexOf(queueId); // one of them: the constructor checked
            int ready = 0;
            for (int i = 0; i < ofQueue.size(); i++) {
                StaffedInterval row = ofQueue.get(i);
                ready = staff(byTime, q, ready, row.agents(), row.startMs());
                long endMs = row.startMs() + intervalMs;
                if (i + 1 == ofQueue.size() || ofQueue.get(i + 1).startMs() > endMs) {
                    ready = staff(byTime, q, ready, 0, endMs);
                }
            }
        });
        return inTimeOrder(byTime);
    }

    private static int staff(TreeMap<Long, List<Command>> byTime, int q, int ready, int wanted, long atMs) {
        return staff(byTime, a -> agentOf(q, a), ready, wanted, atMs);
    }

    /**
     * Agents 1..{@code wanted} of a group ({@code agentOf} names agent a) READY at {@code atMs} when 1..{@code ready}
     * were: the ones missing go READY, the ones too many NOT_READY (an agent in a call finishes it first). Adds the
     * commands to {@code byTime} at {@code atMs}; returns {@code wanted}, the next call's {@code ready}.
     */
    public static int staff(
            TreeMap<Long, List<Command>> byTime, IntFunction<String> agentOf, int ready, int wanted, long atMs) {
        if (ready == wanted) {
            return wanted;
        }
        List<Command> commands = byTime.computeIfAbsent(atMs, t -> new ArrayList<>());
        for (int a = ready + 1; a <= wanted; a++) {
            commands.add(new Command.ChangePresence(agentOf.apply(a), Presence.READY, null));
        }
        for (int a = wanted + 1; a <= ready; a++) {
            commands.add(new Command.ChangePresence(agentOf.apply(a), Presence.NOT_READY, "off shift"));
        }
        return wanted;
    }

    /** The roster's commands of {@code byTime} in time order. */
    public static List<VirtualCenter.Rostered> inTimeOrder(TreeMap<Long, List<Command>> byTime) {
        List<VirtualCenter.Rostered> roster = new ArrayList<>();
        byTime.forEach((atMs, commands) -> commands.forEach(c -> roster.add(new VirtualCenter.Rostered(atMs, c))));
        return roster;
    }

    private static Map<String, Integer> mostAgents(List<String> queueIds, List<StaffedInterval> rows) {
        Map<String, Integer> most = new HashMap<>();
        queueIds.forEach(id -> most.put(id, 0));
        rows.forEach(row -> most.merge(row.queue(), row.agents(), Math::max));
        return most;
    }

    static String skillOf(int q) {
        return "sim-queue-" + (q + 1);
    }

    static String agentOf(int q, int a) {
        return "sim-q" + (q + 1) + "-a" + a;
    }
}
