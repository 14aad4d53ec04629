package org.switchboard.planning.scenario;

import org.switchboard.core.stats.Statistics;
import org.switchboard.planning.VirtualCenter;

/**
 * A scenario run's callers per queue and interval of arrival: offered, answered (in time or not, with their waits),
 * abandoned (short ones apart, as the center counts them) and called back. Not thread-safe: one run feeds it, and
 * replications are added up afterwards.
 */
final class ScenarioTally implements VirtualCenter.Watcher {

    private final long startMs;
    private final long intervalMs;
    private final int intervals;
    private final long[] thresholdMs;
    /** [queue × intervals + interval]. */
    final long[] offered;

    final long[] answered;
    final long[] answeredInTime;
    final long[] abandoned;
    final long[] shortAbandoned;
    final long[] waitMs;
    final long[] callbacks;
    final long[] callbacksDeclined;

    ScenarioTally(Scenario scenario) {
        this.startMs = scenario.startMs();
        this.intervalMs = scenario.intervalMs();
        this.intervals = scenario.intervals();
        int queues = scenario.queues().size();
        thresholdMs = new long[queues];
        for (int q = 0; q < queues; q++) {
            thresholdMs[q] = scenario.queues().get(q).target().slSeconds() * 1000L;
        }
        int cells = queues * intervals;
        offered = new long[cells];
        answered = new long[cells];
        answeredInTime = new long[cells];
        abandoned = new long[cells];
        shortAbandoned = new long[cells];
        waitMs = new long[cells];
        callbacks = new long[cells];
        callbacksDeclined = new long[cells];
    }

    @Override
    public void queued(int contact, int queue, long atMs) {
        offered[cell(queue, atMs)]++;
    }

    @Override
    public void answered(int contact, int queue, long queuedAtMs, long wait, long handleMs) {
        int cell = cell(queue, queuedAtMs);
        answered[cell]++;
        waitMs[cell] += wait;
        if (wait <= thresholdMs[queue]) {
            answeredInTime[cell]++;
        }
    }

    @Override
    public void abandoned(int contact, int queue, long queuedAtMs, long wait) {
        int cell = cell(queue, queuedAtMs);
        if (wait < Statistics.SHORT_ABANDON_MS) {
            shortAbandoned[cell]++;
        } else {
            abandoned[cell]++;
        }
    }

    @Override
    public void callbackDeclined(int contact, int queue, long atMs) {
        callbacksDeclined[cell(queue, atMs)]++;
    }

    @Override
    public void callbackRequested(int contact, int callback, int queue, long queuedAtMs, long wait) {
        callbacks[cell(queue, queuedAtMs)]++;
    }

    /** Adds another run's callers of the same scenario (a replication) to these. */
    void add(ScenarioTally other) {
        for (int cell = 0; cell < offered.length; cell++) {
            offered[cell] += other.offered[cell];
            answered[cell] += other.answered[cell];
            answeredInTime[cell] += other.answeredInTime[cell];
            abandoned[cell] += other.abandoned[cell];
            shortAbandoned[cell] += other.shortAbandoned[cell];
            waitMs[cell] += other.waitMs[cell];
            callbacks[cell] += other.callbacks[cell];
            callbacksDeclined[cell] += other.callbacksDeclined[cell];
        }
    }

    private int cell(int queue, long atMs) {
        int t = (int) Math.max(0, Math.min(intervals - 1, (atMs - startMs) / intervalMs));
        return queue * intervals + t;
    }

    /** The figures of {@code queue} (all queues: -1) over the intervals {@code from} (inclusive) to {@code to}. */
    ScenarioResult.Figures figures(int queue, int from, int to) {
        long o = 0, a = 0, inTime = 0, ab = 0, shortAb = 0, w = 0, cb = 0, declined = 0;
        int queues = offered.length / intervals;
        for (int q = queue < 0 ? 0 : queue; q < (queue < 0 ? queues : queue + 1); q++) {
            for (int t = from; t < to; t++) {
                int cell = q * intervals + t;
                o += offered[cell];
                a += answered[cell];
                inTime += answeredInTime[cell];
                ab += abandoned[cell];
                shortAb += shortAbandoned[cell];
                w += waitMs[cell];
                cb += callbacks[cell];
                declined += callbacksDeclined[cell];
            }
        }
        return new ScenarioResult.Figures(o, a, inTime, ab, shortAb, w, cb, declined);
    }
}
