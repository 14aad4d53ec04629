package org.switchboard.planning.replay;

import java.io.IOException;
import java.io.Reader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.core.port.Planning;
import org.switchboard.core.port.Planning.StaffedInterval;
import org.switchboard.planning.PlanningCsv;

/**
 * The agents a replay puts on each queue, interval by interval: CSV {@code interval_start,queue,agents}. A row holds
 * from its start for one interval, the smallest gap between two starts in the file (30 minutes when it has one
 * start only); intervals without a row have no agents for that queue.
 *
 * @param rows            the rows, by start then queue
 * @param intervalMinutes the length of an interval
 */
public record StaffingPlan(List<StaffedInterval> rows, int intervalMinutes) {

    public StaffingPlan {
        rows = rows.stream()
                .sorted(Comparator.comparingLong(StaffedInterval::startMs).thenComparing(StaffedInterval::queue))
                .toList();
        Set<String> seen = new HashSet<>();
        for (StaffedInterval row : rows) {
            if (!seen.add(row.queue() + "@" + row.startMs())) {
                throw new IllegalArgumentException("queue " + row.queue() + " has two rows for the interval starting "
                        + java.time.Instant.ofEpochMilli(row.startMs()));
            }
        }
        if (intervalMinutes < 1 || intervalMinutes > 1_440) {
            throw new IllegalArgumentException("an interval must be 1..1440 minutes, was " + intervalMinutes);
        }
    }

    /** The plan from rows, its interval the smallest gap between two starts. */
    public static StaffingPlan of(List<StaffedInterval> rows) {
        long smallestGapMs = Long.MAX_VALUE;
        long[] starts = rows.stream()
                .mapToLong(StaffedInterval::startMs)
                .distinct()
                .sorted()
                .toArray();
        for (int i = 1; i < starts.length; i++) {
            smallestGapMs = Math.min(smallestGapMs, starts[i] - starts[i - 1]);
        }
        if (smallestGapMs != Long.MAX_VALUE && smallestGapMs % 60_000 != 0) {
            throw new IllegalArgumentException("interval starts must be whole minutes apart");
        }
        return new StaffingPlan(
                rows, smallestGapMs == Long.MAX_VALUE ? 30 : (int) Math.min(1_441, smallestGapMs / 60_000));
    }

    /** Reads a staffing file; a bad row is refused with its line number and what is wrong. */
    public static StaffingPlan read(Reader csv, ZoneId zone) throws IOException {
        List<StaffedInterval> rows = new ArrayList<>();
        PlanningCsv.read(
                csv,
                row -> {
                    double agents = PlanningCsv.number(row, "agents");
                    if (agents != Math.rint(agents)) {
                        throw new IllegalArgumentException("agents must be a whole number, was " + agents);
                    }
                    rows.add(new StaffedInterval(
                            PlanningCsv.timestamp(PlanningCsv.text(row, "interval_start"), zone)
                                    .toInstant()
                                    .toEpochMilli(),
                            PlanningCsv.queue(PlanningCsv.text(row, "queue")),
                            (int) Math.max(-1, Math.min(Planning.MOST_AGENTS_OF_AN_INTERVAL + 1, agents))));
                },
                "interval_start",
                "queue",
                "agents");
        return of(rows);
    }

    long intervalMs() {
        return intervalMinutes * 60_000L;
    }
}
