package org.switchboard.planning.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.switchboard.core.port.Planning.LoggedCall;

/**
 * A call log from a known M/M/n+M system, written without the routing engine: Poisson arrivals, exponential handle
 * times and patience, {@code n} agents serving first come, first served. In arrival order each caller's answer time
 * is the later of its arrival and the earliest moment an agent is free; the caller takes that agent when the wait
 * is within its patience, else hangs up at the end of its patience and occupies nobody (callers ahead of it are all
 * decided already, which is what first come, first served means).
 */
final class SyntheticLog {

    private SyntheticLog() {}

    static List<LoggedCall> of(
            String queue,
            long startMs,
            double hours,
            double perHour,
            double ahtSeconds,
            double patienceSeconds,
            int agents,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PriorityQueue<Long> freeAtMs = new PriorityQueue<>();
        for (int a = 0; a < agents; a++) {
            freeAtMs.add(startMs);
        }
        List<LoggedCall> calls = new ArrayList<>();
        double clockMs = startMs;
        long endMs = startMs + Math.round(hours * 3_600_000);
        while (true) {
            clockMs += exponential(random, 3_600_000 / perHour);
            long arrivedMs = (long) clockMs;
            if (arrivedMs >= endMs) {
                return calls;
            }
            long handleMs = Math.max(1, Math.round(exponential(random, ahtSeconds * 1000)));
            long patienceMs = Math.max(1, Math.round(exponential(random, patienceSeconds * 1000)));
            long answerMs = Math.max(arrivedMs, freeAtMs.peek());
            long waitMs = answerMs - arrivedMs;
            if (waitMs <= patienceMs) {
                freeAtMs.poll();
                freeAtMs.add(answerMs + handleMs);
                calls.add(new LoggedCall(arrivedMs, queue, true, waitMs / 1000.0, handleMs / 1000.0));
            } else {
                calls.add(new LoggedCall(arrivedMs, queue, false, patienceMs / 1000.0, null));
            }
        }
    }

    private static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
