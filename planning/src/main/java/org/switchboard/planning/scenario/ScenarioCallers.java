package org.switchboard.planning.scenario;

import java.util.SplittableRandom;
import org.switchboard.planning.VirtualCenter;

/**
 * A scenario's callers in arrival order: each queue a non-homogeneous Poisson process whose rate is constant within
 * an interval, drawn by inverting the cumulative rate (an exponential amount of "expected arrivals" per gap, spent
 * interval by interval), each with its own handle time and patience. Every queue draws from a random stream of its
 * own, split from the seed in queue order, so a queue's callers are the same whatever the routing or the staffing
 * does with them (common random numbers: two staffings are compared on the same callers). Whether a caller would take
 * a callback offered (a queue's take-up below 100 %) comes from another stream of the queue's, so the callers are the
 * same whatever the take-up. Not thread-safe.
 */
final class ScenarioCallers implements VirtualCenter.Callers {

    private final Scenario scenario;
    private final long startMs;
    private final long intervalMs;
    private final SplittableRandom[] random;
    private final SplittableRandom[] choices;
    private final long[] nextMs;
    private final long[] handleMs;
    private final long[] patienceMs;
    private final boolean[] takesCallback;
    /** Per queue: where its arrival clock stands, ms since the start (fractional), and in which interval. */
    private final double[] clockMs;

    ScenarioCallers(Scenario scenario) {
        this.scenario = scenario;
        this.startMs = scenario.startMs();
        this.intervalMs = scenario.intervalMs();
        int queues = scenario.queues().size();
        SplittableRandom seed = new SplittableRandom(scenario.seed());
        random = new SplittableRandom[queues];
        nextMs = new long[queues];
        handleMs = new long[queues];
        patienceMs = new long[queues];
        takesCallback = new boolean[queues];
        choices = new SplittableRandom[queues];
        clockMs = new double[queues];
        for (int q = 0; q < queues; q++) {
            random[q] = seed.split();
            draw(q);
        }
        for (int q = 0; q < queues; q++) { // after the arrivals' streams, which stay what they were
            choices[q] = seed.split();
            takesCallback[q] = choose(q);
        }
    }

    @Override
    public boolean next(VirtualCenter.Caller next) {
        int first = -1;
        for (int q = 0; q < nextMs.length; q++) {
            if (nextMs[q] != Long.MAX_VALUE && (first < 0 || nextMs[q] < nextMs[first])) {
                first = q;
            }
        }
        if (first < 0) {
            return false;
        }
        next.atMs = nextMs[first];
        next.queue = first;
        next.handleMs = handleMs[first];
        next.patienceMs = patienceMs[first];
        next.takesCallback = takesCallback[first];
        draw(first);
        takesCallback[first] = choose(first);
        return true;
    }

    /** Whether the queue's next caller takes a callback offered: drawn only when the take-up is below 100 %. */
    private boolean choose(int q) {
        return VirtualCenter.takesCallback(choices[q], scenario.queues().get(q).callbackTakeUp());
    }

    /** The queue's next caller: when (or never, past the last interval), then handle time and patience. */
    private void draw(int q) {
        Scenario.QueueSpec queue = scenario.queues().get(q);
        double[] perHour = queue.arrivalsPerHour();
        double expected = -Math.log(1 - random[q].nextDouble());
        double clock = clockMs[q];
        int t = (int) (clock / intervalMs);
        while (t < perHour.length) {
            double ratePerMs = perHour[t] / 3_600_000.0;
            double endMs = (t + 1) * (double) intervalMs;
            double left = ratePerMs * (endMs - clock);
            if (ratePerMs > 0 && expected <= left) {
                clock += expected / ratePerMs;
                break;
            }
            expected -= left;
            clock = endMs;
            t++;
        }
        if (t >= perHour.length) {
            nextMs[q] = Long.MAX_VALUE;
            clockMs[q] = clock;
            return;
        }
        clockMs[q] = clock;
        nextMs[q] = startMs + (long) clock;
        handleMs[q] = queue.handle().drawMs(random[q]);
        patienceMs[q] = queue.patience() == null ? -1 : queue.patience().drawMs(random[q]);
    }
}
