package org.switchboard.planning.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.switchboard.planning.PlanningCsv;
import org.switchboard.planning.QueueRoster;

/**
 * A scenario's agents per group and interval as CSV, {@code interval_start,group,agents}: what {@code staffing
 * --scenario} writes and {@code simulate --scenario --staffing} reads. A group's interval without a row has no
 * agents; every row must name a group of the scenario and start on one of its intervals.
 */
public final class GroupStaffing {

    private GroupStaffing() {}

    /** The scenario with its groups' agents as {@code csv} gives them; a bad row is refused with its line. */
    public static Scenario read(Reader csv, Scenario scenario) throws IOException {
        Rows rows = new Rows(scenario);
        PlanningCsv.read(
                csv,
                row -> {
                    long atMs = PlanningCsv.timestamp(PlanningCsv.text(row, "interval_start"), scenario.zone())
                            .toInstant()
                            .toEpochMilli();
                    double n = PlanningCsv.number(row, "agents");
                    if (n != Math.rint(n) || n < 0 || n > QueueRoster.MOST_AGENTS) {
                        throw new IllegalArgumentException(
                                "agents must be a whole number 0.." + QueueRoster.MOST_AGENTS + ", was " + n);
                    }
                    rows.put(PlanningCsv.text(row, "group"), atMs, (int) n);
                },
                "interval_start",
                "group",
                "agents");
        return rows.staffed();
    }

    /**
     * A scenario's agents gathered row by row: each row names a group of the scenario and one of its intervals,
     * once; a bad row is refused with an {@link IllegalArgumentException} saying what is wrong with it.
     */
    public static final class Rows {

        private final Scenario scenario;
        private final Map<String, Integer> groupIndex = new HashMap<>();
        private final int[][] agents;
        private final boolean[][] seen;

        public Rows(Scenario scenario) {
            this.scenario = scenario;
            for (int g = 0; g < scenario.groups().size(); g++) {
                groupIndex.put(scenario.groups().get(g).id(), g);
            }
            agents = new int[scenario.groups().size()][scenario.intervals()];
            seen = new boolean[scenario.groups().size()][scenario.intervals()];
        }

        /** {@code n} agents of {@code group} in the interval starting at {@code atMs}. */
        public void put(String group, long atMs, int n) {
            Integer g = groupIndex.get(group);
            if (g == null) {
                throw new IllegalArgumentException("no group '" + PlanningCsv.clip(group) + "' in the scenario");
            }
            long offset = atMs - scenario.startMs();
            if (offset < 0
                    || offset % scenario.intervalMs() != 0
                    || offset / scenario.intervalMs() >= scenario.intervals()) {
                throw new IllegalArgumentException("the interval does not start one of the scenario's");
            }
            if (n < 0 || n > QueueRoster.MOST_AGENTS) {
                throw new IllegalArgumentException("agents must be 0.." + QueueRoster.MOST_AGENTS + ", was " + n);
            }
            int t = (int) (offset / scenario.intervalMs());
            if (seen[g][t]) {
                throw new IllegalArgumentException("group '" + group + "' has two rows for this interval");
            }
            seen[g][t] = true;
            agents[g][t] = n;
        }

        /** The scenario with the agents put; a group's interval without a row has none. */
        public Scenario staffed() {
            return scenario.withAgents(agents);
        }
    }

    /** Every group's agents in every interval, by interval then group. */
    public static void write(Scenario scenario, Writer out) throws IOException {
        var printer = PlanningCsv.printer(out, "interval_start", "group", "agents");
        for (int t = 0; t < scenario.intervals(); t++) {
            String start = Instant.ofEpochMilli(scenario.startMs() + t * scenario.intervalMs())
                    .atZone(scenario.zone())
                    .toOffsetDateTime()
                    .toString();
            for (Scenario.Group group : scenario.groups()) {
                printer.printRecord(start, group.id(), group.agents()[t]);
            }
        }
        printer.flush();
    }
}
