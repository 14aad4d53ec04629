package org.switchboard.planning.schedule;

import java.io.IOException;
import java.io.Reader;
import java.time.ZoneId;
import java.util.TreeMap;
import org.switchboard.planning.PlanningCsv;

/**
 * How many agents must be on the phones in each interval of a planning period: CSV {@code interval_start,agents}
 * (more columns are ignored), with {@code scheduled_agents} taken instead of {@code agents} when the file has it
 * (the requirement after shrinkage, as {@code switchboard staffing --forecast} writes it) and rows of several queues
 * summed per interval (agents who can take every queue's calls). Intervals absent from the file are closed: nobody
 * works then (a row with 0 agents is open and needs nobody). The
 * period runs from the midnight before the first interval to the midnight after the last (in the zone), so it is
 * whole days, and repeats: a night shift of its last evening covers its first morning.
 *
 * @param startMs         the first interval's start, epoch ms
 * @param intervalMinutes the intervals' length: 15, 30 or 60
 * @param agents          agents needed per interval, from {@code startMs}
 * @param open            per interval, whether the center is open: an interval absent from the file is closed, and
 *                        no shift may be worked in it
 */
public record Requirements(long startMs, int intervalMinutes, double[] agents, boolean[] open) {

    /** The longest period one schedule covers: 5 weeks. */
    public static final int MOST_DAYS = 35;

    public Requirements {
        if (intervalMinutes != 15 && intervalMinutes != 30 && intervalMinutes != 60) {
            throw new IllegalArgumentException("intervals must be 15, 30 or 60 minutes, were " + intervalMinutes);
        }
        if (agents.length == 0 || (long) agents.length * intervalMinutes > MOST_DAYS * 1_440L + 60) {
            throw new IllegalArgumentException("a schedule covers 1 interval to " + MOST_DAYS + " days");
        }
        agents = agents.clone();
        open = open.clone();
        if (open.length != agents.length) {
            throw new IllegalArgumentException("one open flag per interval");
        }
        for (int i = 0; i < agents.length; i++) {
            if (!open[i] && agents[i] > 0) {
                throw new IllegalArgumentException("a closed interval needs nobody");
            }
        }
        for (double a : agents) {
            if (!(a >= 0 && a <= 1_000_000)) {
                throw new IllegalArgumentException("agents per interval must be 0..1,000,000");
            }
        }
    }

    /** Open all the time (a 24/7 center). */
    public Requirements(long startMs, int intervalMinutes, double[] agents) {
        this(startMs, intervalMinutes, agents, allOpen(agents.length));
    }

    private static boolean[] allOpen(int intervals) {
        boolean[] open = new boolean[intervals];
        java.util.Arrays.fill(open, true);
        return open;
    }

    /** The period's length, minutes. */
    int minutes() {
        return agents.length * intervalMinutes;
    }

    /** Reads a requirements file; a bad row is refused with its line number and what is wrong. */
    public static Requirements read(Reader csv, ZoneId zone) throws IOException {
        return read(csv, zone, null, 0);
    }

    /**
     * Reads the days {@code [from, from + days)} of a requirements file (all of it when {@code from} is null); a bad
     * row is refused with its line number and what is wrong.
     */
    public static Requirements read(
            Reader csv, ZoneId zone, java.time.@org.jspecify.annotations.Nullable LocalDate from, int days)
            throws IOException {
        TreeMap<Long, Double> byStart = new TreeMap<>();
        java.util.Set<String> queueIntervals = new java.util.HashSet<>(); // queues' rows add up, a repeated one not
        boolean[] scheduled = {false};
        PlanningCsv.read(
                csv,
                row -> {
                    scheduled[0] = row.isMapped("scheduled_agents");
                    double agents = PlanningCsv.number(row, scheduled[0] ? "scheduled_agents" : "agents");
                    if (!(agents >= 0 && agents <= 1_000_000)) {
                        throw new IllegalArgumentException("agents must be 0..1000000, was " + agents);
                    }
                    long startMs = PlanningCsv.timestamp(PlanningCsv.text(row, "interval_start"), zone)
                            .toInstant()
                            .toEpochMilli();
                    if (startMs % 60_000 != 0) {
                        throw new IllegalArgumentException("interval_start must be on a whole minute");
                    }
                    if (row.isMapped("queue") && !queueIntervals.add(startMs + " " + PlanningCsv.text(row, "queue"))) {
                        throw new IllegalArgumentException("the interval " + PlanningCsv.text(row, "interval_start")
                                + " of " + PlanningCsv.clip(PlanningCsv.text(row, "queue")) + " is given twice");
                    }
                    byStart.merge(startMs, agents, Double::sum);
                },
                "interval_start");
        return of(byStart, zone, from, days);
    }

    /**
     * The requirement of the days {@code [from, from + days)} (all days when {@code from} is null) from the agents
     * needed by interval start (epoch ms, on whole minutes).
     */
    public static Requirements of(
            java.util.SortedMap<Long, Double> allByStart,
            ZoneId zone,
            java.time.@org.jspecify.annotations.Nullable LocalDate from,
            int days) {
        if (from != null && (days < 1 || days > MOST_DAYS)) {
            throw new IllegalArgumentException("a schedule covers 1.." + MOST_DAYS + " days, not " + days);
        }
        long fromMs = from == null
                ? Long.MIN_VALUE
                : from.atStartOfDay(zone).toInstant().toEpochMilli();
        long toMs = from == null
                ? Long.MAX_VALUE
                : from.plusDays(days).atStartOfDay(zone).toInstant().toEpochMilli();
        java.util.SortedMap<Long, Double> byStart = allByStart.subMap(fromMs, toMs);
        for (var entry : byStart.entrySet()) {
            if (entry.getKey() % 60_000 != 0 || !(entry.getValue() >= 0 && entry.getValue() <= 1_000_000)) {
                throw new IllegalArgumentException("an interval starts on a whole minute and needs 0..1000000 agents");
            }
        }
        if (byStart.isEmpty()) {
            throw new IllegalArgumentException(
                    from == null ? "the requirements have no rows" : "the requirements have no rows on those days");
        }
        long gapMs = Long.MAX_VALUE;
        Long previous = null;
        for (long start : byStart.keySet()) {
            if (previous != null) {
                gapMs = Math.min(gapMs, start - previous);
            }
            previous = start;
        }
        int minutes = gapMs == Long.MAX_VALUE ? 30 : (int) Math.min(Integer.MAX_VALUE, gapMs / 60_000);
        if (minutes != 15 && minutes != 30 && minutes != 60) {
            throw new IllegalArgumentException(
                    "intervals must be 15, 30 or 60 minutes apart; the closest two are " + minutes + " minutes apart");
        }
        // the period runs from the midnight before the first interval to the one after the last, in the zone
        long first = from != null
                ? fromMs
                : java.time.Instant.ofEpochMilli(byStart.firstKey())
                        .atZone(zone)
                        .toLocalDate()
                        .atStartOfDay(zone)
                        .toInstant()
                        .toEpochMilli();
        long end = from != null
                ? toMs
                : java.time.Instant.ofEpochMilli(byStart.lastKey())
                        .atZone(zone)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(zone)
                        .toInstant()
                        .toEpochMilli();
        long span = (end - first) / (minutes * 60_000L);
        if (span * minutes > MOST_DAYS * 1_440L + 60) {
            throw new IllegalArgumentException("a schedule covers at most " + MOST_DAYS + " days");
        }
        double[] agents = new double[(int) span];
        boolean[] open = new boolean[(int) span];
        for (var entry : byStart.entrySet()) {
            long offset = entry.getKey() - first;
            if (offset % (minutes * 60_000L) != 0) {
                throw new IllegalArgumentException("interval " + java.time.Instant.ofEpochMilli(entry.getKey())
                        + " is off the " + minutes + "-minute grid of the first one");
            }
            agents[(int) (offset / (minutes * 60_000L))] = entry.getValue();
            open[(int) (offset / (minutes * 60_000L))] = true;
        }
        return new Requirements(first, minutes, agents, open);
    }
}
