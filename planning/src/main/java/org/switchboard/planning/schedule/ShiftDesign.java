package org.switchboard.planning.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Which shifts, how many of each, cover the requirement with the fewest paid hours: the set-covering model of
 * shift scheduling (Dantzig 1954). One variable per shift type (a pattern, a start on the half hour, its breaks
 * placed), the number of agents working it; per interval, the agents on the phones (a shift with a 15-minute break
 * in a half hour counts half) must reach the requirement; minimise the paid hours. Its linear relaxation is solved
 * exactly (ojAlgo's simplex); its value is a lower bound no schedule can beat. The integer schedule takes the
 * relaxation's whole agents, adds the shift that covers the most of what is still short per paid hour until nothing
 * is, then drops any shift the coverage does not need; its distance from the bound is reported as the gap.
 *
 * <p>The model's size depends on the period and the patterns (a week of half hours, two patterns: about 2,700
 * variables and 336 rows), not on the number of agents.
 */
final class ShiftDesign {

    private static final double EPSILON = 1e-9;

    private ShiftDesign() {}

    /** What was designed: how many agents work each type, and the relaxation's bound. */
    record Design(List<ShiftType> types, int[] counts, double boundHours) {}

    static Design solve(Requirements period, List<ShiftPattern> patterns) {
        List<ShiftType> types = types(period, patterns);
        double[] required = period.agents();
        requireCoverable(period, types);
        double[] relaxed = relaxation(required, types);
        double bound = 0;
        for (int k = 0; k < types.size(); k++) {
            bound += relaxed[k] * types.get(k).paidHours();
        }
        int[] counts = new int[types.size()];
        double[] covered = new double[required.length];
        // iterated rounding: keep the whole agents of the relaxation, solve again for what is still short
        for (int round = 0; round < 20; round++) {
            boolean fixed = false;
            for (int k = 0; k < counts.length; k++) {
                int whole = (int) Math.floor(relaxed[k] + EPSILON);
                if (whole == 0 && round > 0 && relaxed[k] >= 0.5) {
                    whole = 1;
                }
                if (whole > 0) {
                    counts[k] += whole;
                    add(types.get(k), whole, covered);
                    fixed = true;
                }
            }
            double[] shortfall = new double[required.length];
            boolean short_ = false;
            for (int i = 0; i < required.length; i++) {
                shortfall[i] = Math.max(0, required[i] - covered[i]);
                short_ |= shortfall[i] > EPSILON;
            }
            if (!fixed || !short_) {
                break;
            }
            relaxed = relaxation(shortfall, types);
        }
        repair(period, types, counts, covered);
        prune(period, types, counts, covered);
        improve(period, types, counts, covered);
        return new Design(types, counts, bound);
    }

    /** Refuses a requirement no shift can meet: an open spell shorter than every pattern. */
    private static void requireCoverable(Requirements period, List<ShiftType> types) {
        boolean[] coverable = new boolean[period.agents().length];
        for (ShiftType type : types) {
            for (int i : type.intervals()) {
                coverable[i] = true;
            }
        }
        for (int i = 0; i < coverable.length; i++) {
            if (period.agents()[i] > 0 && !coverable[i]) {
                throw new IllegalArgumentException("no shift pattern fits the opening hours around "
                        + java.time.Instant.ofEpochMilli(period.startMs() + i * period.intervalMinutes() * 60_000L)
                        + ": the center is open for less than a shift there");
            }
        }
    }

    /** Every pattern at every half hour of the period, with every placement of its breaks. */
    static List<ShiftType> types(Requirements period, List<ShiftPattern> patterns) {
        List<ShiftType> types = new ArrayList<>();
        for (ShiftPattern pattern : patterns) {
            List<int[]> placements = pattern.placements();
            for (int start = 0; start < period.minutes(); start += 30) {
                if (!ShiftType.fitsOpening(start, pattern, period)) {
                    continue;
                }
                for (int[] placement : placements) {
                    types.add(ShiftType.of(start, pattern, placement, period));
                }
            }
        }
        return types;
    }

    private static double[] relaxation(double[] required, List<ShiftType> types) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] variables = new Variable[types.size()];
        for (int k = 0; k < variables.length; k++) {
            variables[k] =
                    model.addVariable("x" + k).lower(0).weight(types.get(k).paidHours());
        }
        Expression[] rows = new Expression[required.length];
        for (int i = 0; i < required.length; i++) {
            if (required[i] > 0) {
                rows[i] = model.addExpression("i" + i).lower(required[i]);
            }
        }
        for (int k = 0; k < variables.length; k++) {
            ShiftType type = types.get(k);
            for (int t = 0; t < type.intervals().length; t++) {
                Expression row = rows[type.intervals()[t]];
                if (row != null) {
                    row.set(variables[k], type.shares()[t]);
                }
            }
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("the shift model was not solved: " + result.getState());
        }
        double[] values = new double[types.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = Math.max(0, result.doubleValue(k));
        }
        return values;
    }

    /** Adds the shift covering the most shortfall per paid hour until nothing is short. */
    private static void repair(Requirements period, List<ShiftType> types, int[] counts, double[] covered) {
        double[] required = period.agents();
        while (true) {
            org.switchboard.planning.Stopping.check();
            int best = -1;
            double bestValue = 0;
            for (int k = 0; k < types.size(); k++) {
                ShiftType type = types.get(k);
                double value = 0;
                for (int t = 0; t < type.intervals().length; t++) {
                    int i = type.intervals()[t];
                    value += Math.min(type.shares()[t], Math.max(0, required[i] - covered[i] - EPSILON));
                }
                value /= type.paidHours();
                if (value > bestValue) {
                    bestValue = value;
                    best = k;
                }
            }
            if (best < 0) {
                return;
            }
            counts[best]++;
            add(types.get(best), 1, covered);
        }
    }

    /**
     * Local improvement: take one shift out, cover what it leaves short by {@link #repair}, drop what is then not
     * needed; keep the change when it pays fewer hours. Passes over the shifts until one pass changes nothing.
     */
    private static void improve(Requirements period, List<ShiftType> types, int[] counts, double[] covered) {
        for (int pass = 0; pass < 5; pass++) {
            boolean better = false;
            for (int k = 0; k < types.size(); k++) {
                if (counts[k] == 0) {
                    continue;
                }
                org.switchboard.planning.Stopping.check();
                int[] trialCounts = counts.clone();
                double[] trialCovered = covered.clone();
                trialCounts[k]--;
                add(types.get(k), -1, trialCovered);
                repair(period, types, trialCounts, trialCovered);
                prune(period, types, trialCounts, trialCovered);
                if (paid(types, trialCounts) < paid(types, counts) - EPSILON) {
                    System.arraycopy(trialCounts, 0, counts, 0, counts.length);
                    System.arraycopy(trialCovered, 0, covered, 0, covered.length);
                    better = true;
                }
            }
            if (!better) {
                return;
            }
        }
    }

    private static double paid(List<ShiftType> types, int[] counts) {
        double sum = 0;
        for (int k = 0; k < counts.length; k++) {
            sum += counts[k] * types.get(k).paidHours();
        }
        return sum;
    }

    /** Drops shifts the coverage does not need, longest first. */
    private static void prune(Requirements period, List<ShiftType> types, int[] counts, double[] covered) {
        double[] required = period.agents();
        Integer[] order = new Integer[types.size()];
        Arrays.setAll(order, k -> k);
        Arrays.sort(
                order, Comparator.comparingDouble((Integer k) -> -types.get(k).paidHours()));
        for (int k : order) {
            ShiftType type = types.get(k);
            while (counts[k] > 0 && removable(type, required, covered)) {
                counts[k]--;
                add(type, -1, covered);
            }
        }
    }

    private static boolean removable(ShiftType type, double[] required, double[] covered) {
        for (int t = 0; t < type.intervals().length; t++) {
            int i = type.intervals()[t];
            if (covered[i] - type.shares()[t] < required[i] - EPSILON) {
                return false;
            }
        }
        return true;
    }

    private static void add(ShiftType type, int count, double[] covered) {
        for (int t = 0; t < type.intervals().length; t++) {
            covered[type.intervals()[t]] += count * type.shares()[t];
        }
    }
}
