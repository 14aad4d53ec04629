package org.switchboard.planning.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Gives shifts to agents so that nobody works two shifts with less than the minimum rest between them (the period
 * repeats, so rest is counted across its end too) nor more hours than the weekly maximum scaled to the period (never
 * below one shift). First, in order of start, each shift goes to the fullest agent it fits, else to a new agent;
 * then, from the agent with the fewest hours up, an agent whose every shift fits someone else is dissolved into
 * them. Agents are numbered by their first shift.
 */
final class Rostering {

    private final int periodMinutes;
    private final int restMinutes;
    private final double capMinutes;

    private Rostering(int periodMinutes, int restMinutes, double capMinutes) {
        this.periodMinutes = periodMinutes;
        this.restMinutes = restMinutes;
        this.capMinutes = capMinutes;
    }

    static List<Schedule.Shift> assign(List<Schedule.Shift> shifts, int periodMinutes, Schedule.Rules rules) {
        int longest = shifts.stream().mapToInt(s -> s.pattern().minutes()).max().orElse(0);
        double cap = Math.max(longest, rules.maxWeeklyHours() * 60 * periodMinutes / (7 * 1_440.0));
        Rostering rostering = new Rostering(periodMinutes, (int) Math.round(rules.minRestHours() * 60), cap);
        List<Schedule.Shift> sorted = new ArrayList<>(shifts);
        sorted.sort(Schedule.byStart());
        List<List<Schedule.Shift>> agents = new ArrayList<>();
        for (Schedule.Shift shift : sorted) {
            List<Schedule.Shift> agent = rostering.fullestFitting(agents, shift, null);
            if (agent == null) {
                agent = new ArrayList<>();
                agents.add(agent);
            }
            agent.add(shift);
        }
        rostering.dissolve(agents);
        agents.removeIf(List::isEmpty);
        agents.forEach(agent -> agent.sort(Schedule.byStart()));
        agents.sort(Comparator.comparingInt(agent -> agent.getFirst().startMinute()));
        List<Schedule.Shift> assigned = new ArrayList<>(shifts.size());
        for (int a = 0; a < agents.size(); a++) {
            for (Schedule.Shift shift : agents.get(a)) {
                assigned.add(new Schedule.Shift(a + 1, shift.startMinute(), shift.pattern(), shift.breakStarts()));
            }
        }
        assigned.sort(Schedule.byStart());
        return assigned;
    }

    /** From the emptiest agent up: one whose every shift fits another agent is spread over them. */
    private void dissolve(List<List<Schedule.Shift>> agents) {
        List<List<Schedule.Shift>> byHours = new ArrayList<>(agents);
        byHours.sort(Comparator.comparingInt(Rostering::paidMinutes));
        for (List<Schedule.Shift> agent : byHours) {
            List<List<Schedule.Shift>> takers = new ArrayList<>();
            for (Schedule.Shift shift : agent) {
                List<Schedule.Shift> taker = fullestFitting(agents, shift, agent);
                if (taker == null) {
                    break;
                }
                taker.add(shift);
                takers.add(taker);
            }
            if (takers.size() == agent.size()) {
                agent.clear();
            } else {
                for (int i = 0; i < takers.size(); i++) {
                    takers.get(i).remove(agent.get(i));
                }
            }
        }
    }

    /** The agent with the most paid minutes whom {@code shift} fits, other than {@code except}; null when none. */
    private @Nullable List<Schedule.Shift> fullestFitting(
            List<List<Schedule.Shift>> agents, Schedule.Shift shift, @Nullable List<Schedule.Shift> except) {
        org.switchboard.planning.Stopping.check(); // once a shift: a week of thousands of agents takes minutes
        List<Schedule.Shift> best = null;
        int bestMinutes = -1;
        for (List<Schedule.Shift> agent : agents) {
            if (agent != except && !agent.isEmpty()) {
                int minutes = paidMinutes(agent);
                if (minutes > bestMinutes && fits(agent, shift, minutes)) {
                    best = agent;
                    bestMinutes = minutes;
                }
            }
        }
        return best;
    }

    /** Within the hours, and rested enough before and after every other shift of the agent, the period repeating. */
    private boolean fits(List<Schedule.Shift> agent, Schedule.Shift shift, int paidMinutes) {
        if (paidMinutes + shift.pattern().minutes() > capMinutes + 1e-9) {
            return false;
        }
        int start = shift.startMinute();
        int end = start + shift.pattern().minutes();
        for (Schedule.Shift other : agent) {
            int otherStart = other.startMinute();
            int otherEnd = otherStart + other.pattern().minutes();
            // the gap between the two, both ways round the repeating period
            int after = Math.floorMod(otherStart - end, periodMinutes);
            int before = Math.floorMod(start - otherEnd, periodMinutes);
            if (after < restMinutes || before < restMinutes || overlaps(start, end, otherStart, otherEnd)) {
                return false;
            }
        }
        return true;
    }

    private boolean overlaps(int start, int end, int otherStart, int otherEnd) {
        for (int shift = -periodMinutes; shift <= periodMinutes; shift += periodMinutes) {
            if (start < otherEnd + shift && otherStart + shift < end) {
                return true;
            }
        }
        return false;
    }

    private static int paidMinutes(List<Schedule.Shift> agent) {
        int sum = 0;
        for (Schedule.Shift shift : agent) {
            sum += shift.pattern().minutes();
        }
        return sum;
    }
}
