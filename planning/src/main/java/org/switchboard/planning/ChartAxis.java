package org.switchboard.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's value axis: from zero to {@code top} in round steps (1, 2 or 5 times a power of ten), so that its
 * labels read 0, 10, 20… rather than 0, 13, 25, 38.
 */
public record ChartAxis(double top, double step) {

    /** At most this many steps from zero to the top. */
    private static final int MAX_STEPS = 5;

    /** The axis for values up to {@code highest} (at least 1). */
    public static ChartAxis upTo(double highest) {
        double value = Double.isFinite(highest) ? Math.max(1, highest) : 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(value / MAX_STEPS)));
        for (double m : new double[] {1, 2, 5, 10}) {
            double step = m * magnitude;
            if (step * MAX_STEPS >= value) {
                return new ChartAxis(step * Math.ceil(value / step - 1e-9), step);
            }
        }
        throw new AssertionError("a step of ten times the magnitude always fits");
    }

    /** The values that get a grid line and a label, zero and the top included. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long steps = Math.round(top / step);
        for (long k = 0; k <= steps; k++) {
            ticks.add(k * step);
        }
        return ticks;
    }

    /** A tick's label: no more decimals than the step needs. */
    public String label(double tick) {
        return PlanningCsv.format(tick);
    }
}
