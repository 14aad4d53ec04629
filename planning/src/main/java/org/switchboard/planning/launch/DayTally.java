package org.switchboard.planning.launch;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.port.Planning.StaffedInterval;
import org.switchboard.core.stats.Statistics;
import org.switchboard.planning.VirtualCenter;

/**
 * A simulated day's figures per interval of arrival, as the engine's callers fare: answered (with their waits),
 * abandoned (short ones apart, as the center counts them), called back, and the longest line. Not thread-safe: one
 * simulation feeds it.
 */
final class DayTally implements VirtualCenter.Watcher {

    private final long startMs;
    private final long intervalMs;
    private final long thresholdMs;
    private final int intervals;
    private final long[] offered;
    private final long[] answered;
    private final long[] answeredInTime;
    private final long[] abandoned;
    private final long[] shortAbandoned;
    private final long[] waitMs;
    private final long[] callbacks;
    private final long[] callbacksDeclined;
    private final long[] callbacksAnswered;
    private final long[] callbackWaitMs;
    private final int[] longestQueue;
    private int waiting;

    DayTally(long startMs, long intervalMs, long thresholdMs) {
        this.startMs = startMs;
        this.intervalMs = intervalMs;
        this.thresholdMs = thresholdMs;
        this.intervals = (int) (26 * 3_600_000L / intervalMs); // a day, and DST's longest
        offered = new long[intervals];
        answered = new long[intervals];
        answeredInTime = new long[intervals];
        abandoned = new long[intervals];
        shortAbandoned = new long[intervals];
        waitMs = new long[intervals];
        callbacks = new long[intervals];
        callbacksDeclined = new long[intervals];
        callbacksAnswered = new long[intervals];
        callbackWaitMs = new long[intervals];
        longestQueue = new int[intervals];
    }

    @Override
    public void queued(int contact, int queue, long atMs) {
        int i = interval(atMs);
        offered[i]++;
        waiting++;
        longestQueue[i] = Math.max(longestQueue[i], waiting);
    }

    @Override
    public void answered(int contact, int queue, long queuedAtMs, long wait, long handleMs) {
        int i = interval(queuedAtMs);
        answered[i]++;
        waitMs[i] += wait;
        if (wait <= thresholdMs) {
            answeredInTime[i]++;
        }
        waiting--;
    }

    @Override
    public void abandoned(int contact, int queue, long queuedAtMs, long wait) {
        int i = interval(queuedAtMs);
        if (wait < Statistics.SHORT_ABANDON_MS) {
            shortAbandoned[i]++;
        } else {
            abandoned[i]++;
        }
        waiting--;
    }

    @Override
    public void callbackDeclined(int contact, int queue, long atMs) {
        callbacksDeclined[interval(atMs)]++;
    }

    @Override
    public void callbackRequested(int contact, int callback, int queue, long queuedAtMs, long wait) {
        callbacks[interval(queuedAtMs)]++;
        waiting--;
    }

    @Override
    public void callbackAnswered(int callback, int queue, long queuedAtMs, long wait) {
        int i = interval(queuedAtMs);
        callbacksAnswered[i]++;
        callbackWaitMs[i] += wait;
    }

    private int interval(long atMs) {
        return (int) Math.max(0, Math.min(intervals - 1, (atMs - startMs) / intervalMs));
    }

    LaunchDay.Outcome outcome(List<StaffedInterval> staffing) {
        int[] agents = new int[intervals];
        for (StaffedInterval row : staffing) {
            agents[interval(row.startMs())] += row.agents();
        }
        List<LaunchDay.Figures> rows = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < intervals; i++) {
            if (agents[i] > 0 || offered[i] > 0) {
                last = i;
            }
        }
        int first = 0;
        while (first <= last && agents[first] == 0 && offered[first] == 0) {
            first++;
        }
        for (int i = first; i <= last; i++) {
            rows.add(figures(i, i + 1, agents[i]));
        }
        int most = 0;
        for (int a : agents) {
            most = Math.max(most, a);
        }
        return new LaunchDay.Outcome(figures(0, intervals, most), rows);
    }

    private LaunchDay.Figures figures(int from, int to, int staffed) {
        long o = 0, a = 0, inTime = 0, ab = 0, shortAb = 0, w = 0, cb = 0, declined = 0, cbAnswered = 0, cbWait = 0;
        int longest = 0;
        for (int i = from; i < to; i++) {
            o += offered[i];
            a += answered[i];
            inTime += answeredInTime[i];
            ab += abandoned[i];
            shortAb += shortAbandoned[i];
            w += waitMs[i];
            cb += callbacks[i];
            declined += callbacksDeclined[i];
            cbAnswered += callbacksAnswered[i];
            cbWait += callbackWaitMs[i];
            longest = Math.max(longest, longestQueue[i]);
        }
        return new LaunchDay.Figures(
                startMs + from * intervalMs,
                staffed,
                o,
                a,
                ab + shortAb,
                cb,
                declined,
                ratio(w / 1000.0, a),
                ratio(inTime, a + ab),
                ratio(ab + shortAb, o),
                ratio(cbWait / 1000.0, cbAnswered),
                longest);
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }
}
