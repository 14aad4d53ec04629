package org.switchboard.planning.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.jspecify.annotations.Nullable;

/**
 * How a weekday's contacts spread over its intervals: each interval's share of the day, from the recent same
 * weekdays that were not special (newer weighs more), and which intervals are open at all (open on any of the last
 * four such days). Smoothed either by a Fourier series fitted by least squares (the regression model) or by a
 * 1-2-1 moving average (the smoothing model).
 */
final class DayProfile {

    private static final int DAYS = 8;
    private static final double DECAY = 0.8;

    enum Smoothing {
        FOURIER,
        MOVING_AVERAGE
    }

    private DayProfile() {}

    /** Shares of the day for each interval (summing to 1 over the open ones), NaN where closed; null when unknown. */
    static double @Nullable [] of(
            Days history, SpecialDays special, DayOfWeek weekday, LocalDate before, Smoothing smoothing) {
        LocalDate probe = before;
        while (probe.getDayOfWeek() != weekday) {
            probe = probe.plusDays(1);
        }
        List<LocalDate> recent = history.sameWeekdaysBefore(probe, 4 * DAYS).stream()
                .filter(d -> !special.isSpecial(d) && Days.total(history.offered(d)) > 0)
                .limit(DAYS)
                .toList();
        if (recent.isEmpty()) {
            return null;
        }
        int slots = history.slots;
        double[] shares = new double[slots];
        boolean[] open = new boolean[slots];
        double weight = 1;
        double weights = 0;
        for (int k = 0; k < recent.size(); k++) {
            double[] day = history.offered(recent.get(k));
            double total = Days.total(day);
            for (int s = 0; s < slots; s++) {
                if (!Double.isNaN(day[s])) {
                    shares[s] += weight * day[s] / total;
                    open[s] |= k < 4;
                }
            }
            weights += weight;
            weight *= DECAY;
        }
        for (int s = 0; s < slots; s++) {
            shares[s] /= weights;
        }
        double[] smoothed = smoothing == Smoothing.FOURIER ? fourier(shares, open) : movingAverage(shares, open);
        return normalised(smoothed, open);
    }

    private static double[] movingAverage(double[] shares, boolean[] open) {
        double[] out = new double[shares.length];
        for (int s = 0; s < shares.length; s++) {
            if (!open[s]) {
                continue;
            }
            double sum = 2 * shares[s];
            double w = 2;
            if (s > 0 && open[s - 1]) {
                sum += shares[s - 1];
                w++;
            }
            if (s + 1 < shares.length && open[s + 1]) {
                sum += shares[s + 1];
                w++;
            }
            out[s] = sum / w;
        }
        return out;
    }

    /** A Fourier series over the day fitted to the open intervals' shares; kept when it fits, else the shares as they are. */
    private static double[] fourier(double[] shares, boolean[] open) {
        int n = shares.length;
        int openCount = 0;
        for (boolean o : open) {
            openCount += o ? 1 : 0;
        }
        int harmonics = Math.min(10, (openCount - 2) / 3);
        if (harmonics < 1) {
            return shares.clone();
        }
        double[] y = new double[openCount];
        double[][] x = new double[openCount][2 * harmonics];
        int row = 0;
        for (int s = 0; s < n; s++) {
            if (open[s]) {
                y[row] = shares[s];
                x[row] = terms(s, n, harmonics);
                row++;
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        try {
            ols.newSampleData(y, x);
            double[] beta = ols.estimateRegressionParameters();
            double[] out = new double[n];
            for (int s = 0; s < n; s++) {
                if (open[s]) {
                    double[] t = terms(s, n, harmonics);
                    double v = beta[0];
                    for (int j = 0; j < t.length; j++) {
                        v += beta[j + 1] * t[j];
                    }
                    out[s] = Math.max(0, v);
                }
            }
            return out;
        } catch (RuntimeException singular) {
            return shares.clone();
        }
    }

    private static double[] terms(int slot, int slots, int harmonics) {
        double[] t = new double[2 * harmonics];
        for (int k = 1; k <= harmonics; k++) {
            double angle = 2 * Math.PI * k * slot / slots;
            t[2 * k - 2] = Math.cos(angle);
            t[2 * k - 1] = Math.sin(angle);
        }
        return t;
    }

    private static double[] normalised(double[] shares, boolean[] open) {
        double sum = 0;
        for (int s = 0; s < shares.length; s++) {
            if (open[s]) {
                sum += shares[s];
            }
        }
        double[] out = new double[shares.length];
        for (int s = 0; s < shares.length; s++) {
            out[s] = !open[s] ? Double.NaN : sum > 0 ? shares[s] / sum : 1.0 / shares.length;
        }
        return out;
    }
}
