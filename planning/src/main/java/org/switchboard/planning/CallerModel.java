package org.switchboard.planning;

import java.util.SplittableRandom;

/**
 * The random part of a simulation: when callers arrive (Poisson), how long they talk (exponential), how long they
 * would wait (exponential patience) and which queue they call. Every draw comes from one seeded
 * {@link SplittableRandom}, in an order fixed per caller, so a seed replays the same callers whatever the routing
 * does with them. Not thread-safe.
 */
final class CallerModel {

    private final SplittableRandom random;
    private final double meanInterarrivalMs;
    private final double meanHandleMs;
    private final double meanPatienceMs;
    private final int queues;
    private double clockMs;

    CallerModel(Simulator.Config config, long startMs) {
        this.random = new SplittableRandom(config.seed());
        this.meanInterarrivalMs = 3_600_000.0 / config.arrivalsPerHour();
        this.meanHandleMs = config.ahtSeconds() * 1000;
        this.meanPatienceMs = config.patienceSeconds() == null ? 0 : config.patienceSeconds() * 1000;
        this.queues = config.queues();
        this.clockMs = startMs;
    }

    /** The arrival time of the next caller, epoch ms: the previous one plus an exponential gap. */
    long nextArrivalMs() {
        clockMs += exponential(meanInterarrivalMs);
        return (long) clockMs;
    }

    /** How long the caller's conversation lasts, ms. */
    long handleMs() {
        return Math.round(exponential(meanHandleMs));
    }

    /** How long the caller would wait before hanging up, ms, at least 1; -1 when callers never hang up. */
    long patienceMs() {
        return meanPatienceMs == 0 ? -1 : Math.max(1, Math.round(exponential(meanPatienceMs)));
    }

    /** The 0-based index of the queue the caller dials, uniformly. */
    int queue() {
        return queues == 1 ? 0 : random.nextInt(queues);
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }
}
