package org.switchboard.planning.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.port.Planning.LoggedCall;
import org.switchboard.core.port.Planning.ReplayFigures;
import org.switchboard.core.port.Planning.ReplayInterval;
import org.switchboard.core.port.Planning.ReplayResult;
import org.switchboard.core.port.Planning.ReplaySettings;
import org.switchboard.core.port.Planning.ReplaySide;
import org.switchboard.core.port.Planning.StaffedInterval;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.planning.QueueRoster;
import org.switchboard.planning.VirtualCenter;

/**
 * A real call log replayed through the production routing engine in virtual time, with the agents of a staffing
 * plan: what the same callers would have met with that staffing (or with a what-if's). Each call keeps its arrival
 * time, queue and handle time; an abandoned call's patience is its observed wait; an answered call's patience is
 * drawn from the {@link Patience} estimated from the log (Kaplan–Meier, given that it outlasted its wait); a call
 * abandoned in the log that the replay answers talks for a handle time drawn from the answered calls of the same
 * queue and hour of day (else of the queue, else of the log).
 *
 * <p>Each queue of the log gets its own agents, as many as the plan gives it interval by interval: they go READY
 * when an interval gives more, NOT_READY when it gives fewer (an agent in a call finishes it first). A routing
 * what-if lets a queue's callers be answered by other queues' agents too, step by step (the agents of queue A for
 * 20 s, then those of A or B). A callback what-if offers callers told to wait longer than its threshold a callback,
 * which the take-up's share of them (each by a random number of a stream of its own) take. They answer
 * every offer at once and route longest-idle-first. The figures of the replay and of the log are both counted by
 * {@link IntervalStats#ofCall}, the center's own definitions, so they compare like for like.
 */
public final class Replay {

    /** Queues whose log holds fewer hang-ups than this take the whole log's patience. */
    static final int FEWEST_HANG_UPS_OF_A_QUEUE = 50;

    private final List<LoggedCall> calls;
    private final StaffingPlan plan;
    private final ReplaySettings settings;
    private final List<String> queueIds;
    private final Map<String, Integer> queueIndex = new HashMap<>();
    /** The index of each call's queue, in the order of {@link #calls}. */
    private final int[] queueOfCall;

    private final Patience[] patience;
    private final HandleTimes handleTimes;

    private Replay(List<LoggedCall> calls, StaffingPlan plan, ReplaySettings settings) {
        this.calls = calls;
        this.plan = plan;
        this.settings = settings;
        TreeSet<String> ids = new TreeSet<>();
        calls.forEach(call -> ids.add(call.queue()));
        plan.rows().forEach(row -> ids.add(row.queue()));
        settings.routing().keySet().forEach(queue -> {
            if (!ids.contains(queue)) {
                throw new IllegalArgumentException(
                        "the routing names queue '" + queue + "', which neither the log nor the staffing has");
            }
        });
        this.queueIds = List.copyOf(ids);
        for (int q = 0; q < queueIds.size(); q++) {
            queueIndex.put(queueIds.get(q), q);
        }
        this.queueOfCall = new int[calls.size()];
        for (int i = 0; i < queueOfCall.length; i++) {
            queueOfCall[i] = indexOf(calls.get(i).queue());
        }
        this.patience = patience();
        this.handleTimes = new HandleTimes(calls, queueOfCall, queueIds.size(), settings.zone());
    }

    /** Replays {@code calls} (oldest first) with {@code plan}'s agents. */
    public static ReplayResult run(List<LoggedCall> calls, StaffingPlan plan, ReplaySettings settings) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("the call log has no calls");
        }
        for (int i = 1; i < calls.size(); i++) {
            if (calls.get(i).arrivedAtMs() < calls.get(i - 1).arrivedAtMs()) {
                throw new IllegalArgumentException("the calls are not in arrival order");
            }
        }
        return new Replay(calls, plan, settings).run();
    }

    private ReplayResult run() {
        Tallies tallies = new Tallies();
        for (int i = 0; i < calls.size(); i++) {
            tallies.log(calls.get(i), queueOfCall[i]);
        }
        Map<String, ServiceLevelTarget> targets = new HashMap<>();
        ServiceLevelTarget target = new ServiceLevelTarget(settings.slSeconds(), 80, settings.slSeconds());
        queueIds.forEach(id -> targets.put(id, target));
        long startMs = Math.min(
                calls.getFirst().arrivedAtMs(),
                plan.rows().isEmpty() ? Long.MAX_VALUE : plan.rows().getFirst().startMs());
        QueueRoster roster = new QueueRoster(
                queueIds,
                plan.rows().stream()
                        .map(row -> new StaffedInterval(row.startMs(), row.queue(), settings.agents(row.agents())))
                        .toList(),
                plan.intervalMs());
        VirtualCenter center = new VirtualCenter(
                        queueIds, targets, settings.zone(), callers(), roster.roster(), tallies, startMs)
                .offerCallbacksAfter(settings.callbackAfterSeconds());
        center.run(
                roster.setup(settings.slSeconds(), handleTimes::meanSeconds, settings.routing()),
                startMs,
                calls.getLast().arrivedAtMs() + 86_400_000L);
        return tallies.result();
    }

    // ---------------------------------------------------------------- the center

    /** The log's callers: own arrival, queue and handle time; patience as the class doc says. */
    private VirtualCenter.Callers callers() {
        SplittableRandom random = new SplittableRandom(settings.seed());
        SplittableRandom choices = VirtualCenter.callbackChoices(settings.seed());
        double takeUp = settings.callbackTakeUp();
        int[] index = {0};
        return next -> {
            if (index[0] == calls.size()) {
                return false;
            }
            int q = queueOfCall[index[0]];
            LoggedCall call = calls.get(index[0]++);
            next.atMs = call.arrivedAtMs();
            next.queue = q;
            Double handleSeconds = call.handleSeconds(); // an answered call's, null for an abandoned one
            if (handleSeconds != null) {
                next.handleMs = Math.round(handleSeconds * 1000);
                next.patienceMs = patience[q].draw(call.waitMs(), random);
            } else {
                next.handleMs = handleTimes.draw(q, call.arrivedAtMs(), random);
                next.patienceMs = call.waitMs();
            }
            next.takesCallback = VirtualCenter.takesCallback(choices, takeUp);
            return true;
        };
    }

    private Patience[] patience() {
        Patience whole = estimate(null);
        Patience[] byQueue = new Patience[queueIds.size()];
        for (int q = 0; q < byQueue.length; q++) {
            String queueId = queueIds.get(q);
            long hangUps = calls.stream()
                    .filter(c -> c.queue().equals(queueId) && !c.answered())
                    .count();
            byQueue[q] = hangUps >= FEWEST_HANG_UPS_OF_A_QUEUE ? estimate(queueId) : whole;
        }
        return byQueue;
    }

    /** The patience of {@code queueId}'s callers, or of the whole log's when null. */
    private Patience estimate(@Nullable String queueId) {
        List<LoggedCall> of = queueId == null
                ? calls
                : calls.stream().filter(c -> c.queue().equals(queueId)).toList();
        long[] waits = new long[of.size()];
        boolean[] abandoned = new boolean[of.size()];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = of.get(i).waitMs();
            abandoned[i] = !of.get(i).answered();
        }
        return Patience.estimate(waits, abandoned);
    }

    /** The index of {@code queueId}, a queue of the log or the staffing. */
    private int indexOf(String queueId) {
        Integer q = queueIndex.get(queueId);
        if (q == null) {
            throw new IllegalStateException("queue " + queueId + " is neither the log's nor the staffing's");
        }
        return q;
    }

    /** The figures of {@code s}, of which {@code offered} calls arrived (those never served included). */
    static ReplayFigures figures(IntervalStats s, long offered, long callbacksDeclined) {
        return new ReplayFigures(
                offered,
                s.answered(),
                s.abandonedAll(),
                s.callbacksRequested(),
                callbacksDeclined,
                offered - s.answered() - s.abandonedAll() - s.callbacksRequested(),
                ratio(s.answeredWithinThreshold(), s.answered() + s.abandoned()),
                ratio(s.totalAnswerWaitMs() / 1000.0, s.answered()),
                ratio(s.abandonedAll(), offered));
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }

    // ---------------------------------------------------------------- figures

    /** The log's and the replay's figures per queue and interval, as calls come. */
    private final class Tallies implements VirtualCenter.Watcher {
        private final long originMs = plan.rows().isEmpty()
                ? calls.getFirst().arrivedAtMs() / 60_000 * 60_000
                : plan.rows().getFirst().startMs();
        /** By interval start, then queue index: [log, replay]. */
        private final TreeMap<Long, Map<Integer, IntervalStats[]>> byInterval = new TreeMap<>();
        /** By interval start, then queue index: the replay's callers who declined a callback offered. */
        private final Map<Long, Map<Integer, Long>> declined = new HashMap<>();

        void log(LoggedCall call, int queue) {
            Double handleSeconds = call.handleSeconds(); // an answered call's, null for an abandoned one
            Long handleMs = handleSeconds == null ? null : Math.round(handleSeconds * 1000);
            add(0, queue, call.arrivedAtMs(), call.waitMs(), handleMs);
        }

        @Override
        public void answered(int contact, int queue, long queuedAtMs, long waitMs, long handleMs) {
            add(1, queue, queuedAtMs, waitMs, handleMs);
        }

        @Override
        public void abandoned(int contact, int queue, long queuedAtMs, long waitMs) {
            add(1, queue, queuedAtMs, waitMs, null);
        }

        @Override
        public void callbackDeclined(int contact, int queue, long atMs) {
            long startMs = intervalOf(atMs);
            sides(startMs, queue);
            declined.computeIfAbsent(startMs, s -> new HashMap<>()).merge(queue, 1L, Long::sum);
        }

        @Override
        public void callbackRequested(int contact, int callback, int queue, long queuedAtMs, long waitMs) {
            long startMs = intervalOf(queuedAtMs);
            IntervalStats[] sides = sides(startMs, queue);
            sides[1] = sides[1].plus(
                    IntervalStats.ofCallbackRequested(queueIds.get(queue), startMs, startMs + plan.intervalMs()));
        }

        /** One call of the log (side 0) or the replay (1); {@code handleMs} null for a call nobody answered. */
        private void add(int side, int queue, long atMs, long waitMs, @Nullable Long handleMs) {
            long startMs = intervalOf(atMs);
            IntervalStats call = IntervalStats.ofCall(
                    queueIds.get(queue),
                    startMs,
                    startMs + plan.intervalMs(),
                    waitMs,
                    settings.slSeconds() * 1000L,
                    handleMs);
            IntervalStats[] sides = sides(startMs, queue);
            sides[side] = sides[side].plus(call);
        }

        private long intervalOf(long atMs) {
            return originMs + Math.floorDiv(atMs - originMs, plan.intervalMs()) * plan.intervalMs();
        }

        private IntervalStats empty(int queue, long startMs) {
            return IntervalStats.empty(queueIds.get(queue), startMs, startMs + plan.intervalMs());
        }

        private IntervalStats[] sides(long startMs, int queue) {
            return byInterval.computeIfAbsent(startMs, s -> new TreeMap<>()).computeIfAbsent(queue, q ->
                    new IntervalStats[] {empty(q, startMs), empty(q, startMs)});
        }

        ReplayResult result() {
            Map<Long, Map<Integer, Integer>> agents = new HashMap<>();
            for (StaffedInterval row : plan.rows()) {
                int queue = indexOf(row.queue());
                sides(intervalOf(row.startMs()), queue);
                agents.computeIfAbsent(intervalOf(row.startMs()), s -> new HashMap<>())
                        .merge(queue, settings.agents(row.agents()), Math::max);
            }
            IntervalStats[] total = {empty(0, originMs), empty(0, originMs)};
            IntervalStats[][] queues = new IntervalStats[queueIds.size()][];
            long[] queueDeclined = new long[queueIds.size()];
            List<ReplayInterval> intervals = new ArrayList<>();
            byInterval.forEach((startMs, ofQueue) -> ofQueue.forEach((queue, sides) -> {
                total[0] = total[0].plus(sides[0]);
                total[1] = total[1].plus(sides[1]);
                queues[queue] = queues[queue] == null ? sides.clone() : plus(queues[queue], sides);
                long declinedHere = declined.getOrDefault(startMs, Map.of()).getOrDefault(queue, 0L);
                queueDeclined[queue] += declinedHere;
                int staffed = agents.getOrDefault(startMs, Map.of()).getOrDefault(queue, 0);
                intervals.add(new ReplayInterval(startMs, queueIds.get(queue), staffed, side(sides, declinedHere)));
            }));
            Map<String, ReplaySide> byQueue = new LinkedHashMap<>();
            for (int q = 0; q < queues.length; q++) {
                byQueue.put(
                        queueIds.get(q),
                        queues[q] == null
                                ? side(new IntervalStats[] {empty(q, originMs), empty(q, originMs)}, 0)
                                : side(queues[q], queueDeclined[q]));
            }
            long allDeclined = java.util.Arrays.stream(queueDeclined).sum();
            return new ReplayResult(side(total, allDeclined), byQueue, intervals, plan.intervalMinutes());
        }

        private static IntervalStats[] plus(IntervalStats[] a, IntervalStats[] b) {
            return new IntervalStats[] {a[0].plus(b[0]), a[1].plus(b[1])};
        }

        /** The replay (with the callers who declined a callback) beside the log (where none was offered). */
        private static ReplaySide side(IntervalStats[] sides, long declined) {
            return new ReplaySide(
                    Replay.figures(sides[1], sides[0].offered(), declined),
                    Replay.figures(sides[0], sides[0].offered(), 0));
        }
    }
}
