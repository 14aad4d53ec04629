package org.switchboard.planning.replay;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How long callers would wait before hanging up, estimated from a call log in which most patience is censored: an
 * abandoned call shows its patience (its wait), an answered one only that its patience was longer than its wait.
 * The Kaplan–Meier estimator gives the survival {@code S(t) = P(patience > t)} at each observed hang-up time
 * {@code t_i}: {@code S(t_i) = Π (1 − d_j / n_j)} over {@code t_j ≤ t_i}, {@code d_j} the hang-ups at {@code t_j},
 * {@code n_j} the calls still waiting just before (a wait that ended by an answer at {@code t_j} counts as still
 * waiting at {@code t_j}). Beyond the last hang-up the estimator says nothing: that tail is exponential with the
 * rate the whole log shows, hang-ups per second of waiting (the maximum-likelihood rate of exponential patience).
 *
 * <p>Immutable; {@link #draw} takes its randomness from the caller's generator.
 */
public final class Patience {

    /** Distinct hang-up times, ascending, ms. */
    private final long[] timesMs;
    /** {@code survival[i] = S(timesMs[i])}. */
    private final double[] survival;
    /** Mean of the exponential tail, ms; infinite when nobody hung up. */
    private final double tailMeanMs;

    private Patience(long[] timesMs, double[] survival, double tailMeanMs) {
        this.timesMs = timesMs;
        this.survival = survival;
        this.tailMeanMs = tailMeanMs;
    }

    /**
     * The estimate from waits: {@code waitsMs[i]} ended by a hang-up when {@code abandoned[i]}, else by an answer.
     */
    public static Patience estimate(long[] waitsMs, boolean[] abandoned) {
        int n = waitsMs.length;
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            // hang-ups sort before answers at the same time, so answers at t are still at risk at t
            sorted[i] = waitsMs[i] * 2 + (abandoned[i] ? 0 : 1);
        }
        Arrays.sort(sorted);
        long[] times = new long[n];
        double[] survival = new double[n];
        int distinct = 0;
        double s = 1;
        long exposureMs = 0;
        int hangUps = 0;
        for (int i = 0; i < n; ) {
            long t = sorted[i] >> 1;
            int atRisk = n - i;
            int d = 0;
            while (i < n && sorted[i] == t * 2) {
                d++;
                i++;
            }
            while (i < n && sorted[i] == t * 2 + 1) {
                i++;
            }
            if (d > 0) {
                s *= 1 - (double) d / atRisk;
                times[distinct] = t;
                survival[distinct++] = s;
                hangUps += d;
            }
        }
        for (long wait : waitsMs) {
            exposureMs += wait;
        }
        double tailMeanMs = hangUps == 0 ? Double.POSITIVE_INFINITY : Math.max(1.0, (double) exposureMs / hangUps);
        return new Patience(Arrays.copyOf(times, distinct), Arrays.copyOf(survival, distinct), tailMeanMs);
    }

    /** {@code P(patience > t)}. */
    public double survival(long tMs) {
        int i = lastAtOrBefore(tMs);
        return i < 0 ? 1 : survival[i];
    }

    /** How many distinct hang-up times the estimate rests on. */
    public int hangUpTimes() {
        return timesMs.length;
    }

    /**
     * A patience drawn from the estimate given that it is longer than {@code waitedMs} (an answered call's wait),
     * ms; negative when the caller would never hang up (nobody in the log did).
     */
    public long draw(long waitedMs, SplittableRandom random) {
        double u = 1 - random.nextDouble(); // (0, 1]
        double target = u * survival(waitedMs);
        int low = lastAtOrBefore(waitedMs) + 1;
        int high = timesMs.length; // the first i >= low with survival[i] <= target (survival never rises)
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (survival[middle] <= target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        if (low < timesMs.length) {
            return timesMs[low];
        }
        if (Double.isInfinite(tailMeanMs)) {
            return -1;
        }
        long lastMs = Math.max(waitedMs, timesMs.length == 0 ? 0 : timesMs[timesMs.length - 1]);
        return lastMs + 1 + Math.round(-tailMeanMs * Math.log(1 - random.nextDouble()));
    }

    private int lastAtOrBefore(long tMs) {
        int i = Arrays.binarySearch(timesMs, tMs);
        return i >= 0 ? i : -i - 2;
    }
}
