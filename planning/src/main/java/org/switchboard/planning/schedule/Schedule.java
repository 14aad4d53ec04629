package org.switchboard.planning.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.switchboard.planning.PlanningCsv;

/**
 * A shift schedule for a planning period: the shifts, each given to an agent so that nobody works two shifts with
 * less than the minimum rest between them (the period repeats, so the last shift and next period's first count too)
 * or more than the weekly hours, and the coverage it gives interval by interval.
 *
 * @param period        what had to be covered
 * @param shifts        the shifts, by start
 * @param agents        how many agents work them
 * @param paidHours     the shifts' paid hours
 * @param boundHours    no schedule of these patterns can cover the requirement with fewer paid hours
 * @param scheduled     agents on the phones per interval (breaks taken out)
 */
public record Schedule(
        Requirements period, List<Shift> shifts, int agents, double paidHours, double boundHours, double[] scheduled) {

    /**
     * One shift: agent number {@code agent} (1-based) works {@code pattern} from {@code startMinute} of the period,
     * breaks starting {@code breakStarts} minutes in.
     */
    public record Shift(int agent, int startMinute, ShiftPattern pattern, int[] breakStarts) {}

    /**
     * How agents may work.
     *
     * @param patterns        the shift patterns to use
     * @param minRestHours    the least rest between two shifts of one agent
     * @param maxWeeklyHours  the most paid hours of one agent per 7 days
     */
    public record Rules(List<ShiftPattern> patterns, double minRestHours, double maxWeeklyHours) {
        public Rules {
            patterns = List.copyOf(patterns);
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("give at least one shift pattern");
            }
            if (!(minRestHours >= 0 && minRestHours <= 48)) {
                throw new IllegalArgumentException("the minimum rest must be 0..48 hours");
            }
            if (!(maxWeeklyHours >= 1 && maxWeeklyHours <= 84)) {
                throw new IllegalArgumentException("the weekly hours must be 1..84");
            }
            ShiftPattern shortest = patterns.stream()
                    .min(Comparator.comparingInt(ShiftPattern::minutes))
                    .orElseThrow();
            if (shortest.minutes() > maxWeeklyHours * 60) {
                throw new IllegalArgumentException("the weekly hours (" + PlanningCsv.format(maxWeeklyHours)
                        + ") are fewer than the shortest shift's (" + shortest.name() + ", "
                        + PlanningCsv.format(shortest.minutes() / 60.0) + " h): no agent could work one");
            }
        }
    }

    /** The schedule with the fewest paid hours this method finds, given to agents. */
    public static Schedule of(Requirements period, Rules rules) {
        ShiftDesign.Design design = ShiftDesign.solve(period, rules.patterns());
        List<Shift> unassigned = new ArrayList<>();
        double paid = 0;
        double[] scheduled = new double[period.agents().length];
        for (int k = 0; k < design.counts().length; k++) {
            ShiftType type = design.types().get(k);
            for (int n = 0; n < design.counts()[k]; n++) {
                unassigned.add(new Shift(0, type.startMinute(), type.pattern(), type.breakStarts()));
                paid += type.paidHours();
                for (int t = 0; t < type.intervals().length; t++) {
                    scheduled[type.intervals()[t]] += type.shares()[t];
                }
            }
        }
        List<Shift> shifts = Rostering.assign(unassigned, period.minutes(), rules);
        int agents = shifts.stream().mapToInt(Shift::agent).max().orElse(0);
        return new Schedule(period, shifts, agents, paid, design.boundHours(), scheduled);
    }

    /** {@code paidHours / boundHours - 1}: how far above the best possible the schedule may be; 0 when nothing is needed. */
    public double gap() {
        return boundHours <= 0 ? 0 : paidHours / boundHours - 1;
    }

    /** Agent-hours short of the requirement over the period. */
    public double underHours() {
        double sum = 0;
        for (int i = 0; i < scheduled.length; i++) {
            sum += Math.max(0, period.agents()[i] - scheduled[i]);
        }
        return sum * period.intervalMinutes() / 60;
    }

    /** Agent-hours on the phones beyond the requirement over the period. */
    public double overHours() {
        double sum = 0;
        for (int i = 0; i < scheduled.length; i++) {
            sum += Math.max(0, scheduled[i] - period.agents()[i]);
        }
        return sum * period.intervalMinutes() / 60;
    }

    static Comparator<Shift> byStart() {
        return Comparator.comparingInt(Shift::startMinute)
                .thenComparing(s -> s.pattern().name());
    }
}
