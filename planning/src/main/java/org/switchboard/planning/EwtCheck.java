package org.switchboard.planning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the engine's estimated wait (EWT, the {@code estimatedWaitSeconds} of {@code ContactQueued}) compared with
 * the waits that followed, over the whole run and per queue. The estimate is judged on the contacts that were
 * given one (not null, not offered to a free agent in the instant they queued) and were then answered; the
 * callers who hung up first are counted apart, since their wait was cut short.
 *
 * @param all    every queue together
 * @param queues per queue id, in the order of the configuration
 */
public record EwtCheck(Figures all, Map<String, Figures> queues) {

    /** {@link #erlangDeviation} by k, each from the one before: d(k+1) = d(k) × (1 + 1/k)^k / e. */
    private static final double[] DEVIATIONS = new double[1_000];

    static {
        DEVIATIONS[1] = 2 / Math.E;
        for (int k = 1; k + 1 < DEVIATIONS.length; k++) {
            DEVIATIONS[k + 1] = DEVIATIONS[k] * Math.pow(1 + 1.0 / k, k) / Math.E;
        }
    }

    public EwtCheck {
        queues = Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    /**
     * The figures of one set of contacts. Relative figures are fractions (0.1 = 10 %); 0 when undefined.
     *
     * @param contacts                 answered contacts that were given an estimate
     * @param meanWaitSeconds          their mean wait, queued to connected
     * @param meanEstimatedWaitSeconds their mean estimate
     * @param bias                     {@code meanEstimatedWaitSeconds / meanWaitSeconds − 1}
     * @param mare                     mean absolute error relative to the mean wait: {@code Σ|estimate − wait| /
     *                                 Σ wait}
     * @param mareFloor                the {@code mare} the exact conditional mean would have at the same
     *                                 estimates and positions, if a wait behind {@code k − 1} callers were
     *                                 Erlang-k distributed (as in Erlang C): {@code Σ estimate × d(k) / Σ estimate},
     *                                 {@code d(k)} the mean absolute deviation of Erlang-k over its mean
     * @param abandoned                the callers given an estimate who hung up before an answer
     */
    public record Figures(
            long contacts,
            double meanWaitSeconds,
            double meanEstimatedWaitSeconds,
            double bias,
            double mare,
            double mareFloor,
            Abandoned abandoned) {

        Json toJson() {
            return new Json()
                    .field("contacts", contacts)
                    .field("meanWaitSeconds", meanWaitSeconds)
                    .field("meanEstimatedWaitSeconds", meanEstimatedWaitSeconds)
                    .field("bias", bias)
                    .field("mare", mare)
                    .field("mareFloor", mareFloor)
                    .field("abandoned", abandoned.toJson());
        }
    }

    /**
     * Callers given an estimate who hung up while waiting.
     *
     * @param contacts                 how many
     * @param meanEstimatedWaitSeconds their mean estimate
     * @param meanTimeToAbandonSeconds their mean time from queued to hanging up
     */
    public record Abandoned(long contacts, double meanEstimatedWaitSeconds, double meanTimeToAbandonSeconds) {

        Json toJson() {
            return new Json()
                    .field("contacts", contacts)
                    .field("meanEstimatedWaitSeconds", meanEstimatedWaitSeconds)
                    .field("meanTimeToAbandonSeconds", meanTimeToAbandonSeconds);
        }
    }

    /** {@link #all}'s figures at the top level (where they were before there were per-queue ones), then queues. */
    public Json toJson() {
        Json perQueue = new Json();
        queues.forEach((queueId, figures) -> perQueue.field(queueId, figures.toJson()));
        return all.toJson().field("queues", perQueue);
    }

    /**
     * The mean absolute deviation of an Erlang-k wait about its mean, over that mean:
     * {@code 2 k^(k−1) e^(−k) / (k−1)!} — 0.736 for k = 1, 0.541 for k = 2, 0.448 for k = 3, about
     * {@code √(2 / πk)} for large k. What even an exact estimate misses by, on average, at position k of an
     * Erlang C queue (the wait there is the sum of k exponential stages).
     */
    static double erlangDeviation(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("position must be ≥ 1, was " + k);
        }
        return k < DEVIATIONS.length ? DEVIATIONS[k] : Math.sqrt(2 / (Math.PI * k));
    }

    /** Sums per queue while a simulation runs; {@link #check} turns them into figures. Not thread-safe. */
    static final class Tally {

        private final String[] queueIds;
        private final Sums[] sums;

        Tally(String[] queueIds) {
            this.queueIds = queueIds.clone();
            this.sums = new Sums[queueIds.length];
            for (int q = 0; q < sums.length; q++) {
                sums[q] = new Sums();
            }
        }

        /** A contact told {@code estimateSeconds} at 1-based {@code position} was answered after {@code waitMs}. */
        void answered(int queue, int position, long estimateSeconds, long waitMs) {
            Sums s = sums[queue];
            double waitSeconds = waitMs / 1000.0;
            s.answered++;
            s.waitSeconds += waitSeconds;
            s.estimateSeconds += estimateSeconds;
            s.absoluteErrorSeconds += Math.abs(estimateSeconds - waitSeconds);
            s.exactErrorSeconds += estimateSeconds * erlangDeviation(position);
        }

        /** A contact told {@code estimateSeconds} hung up after waiting {@code waitMs}. */
        void abandoned(int queue, long estimateSeconds, long waitMs) {
            Sums s = sums[queue];
            s.abandoned++;
            s.abandonedEstimateSeconds += estimateSeconds;
            s.abandonedWaitSeconds += waitMs / 1000.0;
        }

        EwtCheck check() {
            Sums total = new Sums();
            Map<String, Figures> perQueue = new LinkedHashMap<>();
            for (int q = 0; q < sums.length; q++) {
                total.add(sums[q]);
                perQueue.put(queueIds[q], sums[q].figures());
            }
            return new EwtCheck(total.figures(), perQueue);
        }
    }

    private static final class Sums {
        long answered;
        double waitSeconds;
        double estimateSeconds;
        double absoluteErrorSeconds;
        double exactErrorSeconds;
        long abandoned;
        double abandonedEstimateSeconds;
        double abandonedWaitSeconds;

        void add(Sums other) {
            answered += other.answered;
            waitSeconds += other.waitSeconds;
            estimateSeconds += other.estimateSeconds;
            absoluteErrorSeconds += other.absoluteErrorSeconds;
            exactErrorSeconds += other.exactErrorSeconds;
            abandoned += other.abandoned;
            abandonedEstimateSeconds += other.abandonedEstimateSeconds;
            abandonedWaitSeconds += other.abandonedWaitSeconds;
        }

        Figures figures() {
            double meanWait = ratio(waitSeconds, answered);
            double meanEstimate = ratio(estimateSeconds, answered);
            return new Figures(
                    answered,
                    meanWait,
                    meanEstimate,
                    meanWait == 0 ? 0 : meanEstimate / meanWait - 1,
                    ratio(absoluteErrorSeconds, waitSeconds),
                    ratio(exactErrorSeconds, estimateSeconds),
                    new Abandoned(
                            abandoned,
                            ratio(abandonedEstimateSeconds, abandoned),
                            ratio(abandonedWaitSeconds, abandoned)));
        }

        private static double ratio(double part, double whole) {
            return whole == 0 ? 0 : part / whole;
        }
    }
}
