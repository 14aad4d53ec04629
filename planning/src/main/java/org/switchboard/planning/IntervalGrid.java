package org.switchboard.planning;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far apart the rows of a forecast or a history lie, and the checks that they are the intervals a command takes
 * them for: 30-minute rows read as 5-minute intervals would be staffed six times over, without a word.
 */
public final class IntervalGrid {

    private static final long MINUTE_MS = 60_000;
    private static final long DAY_MINUTES = 1_440;

    private IntervalGrid() {}

    /**
     * The rows as intervals of exactly {@code intervalMinutes}: rows closer together, or further apart within a day,
     * are refused naming the length to give; so is a queue's interval given twice.
     */
    public static void requireIntervals(List<IntervalForecast> rows, int intervalMinutes, String option) {
        long apart = spacingMinutes(rows, "the forecast");
        if (apart != 0 && apart != intervalMinutes && (apart < intervalMinutes || apart < DAY_MINUTES)) {
            throw new IllegalArgumentException("the forecast's intervals are " + apart + " minutes apart, not "
                    + intervalMinutes + ": give " + option + " " + apart);
        }
    }

    /**
     * A history that sums into intervals of {@code intervalMinutes} in {@code zone}: its own intervals divide them
     * and start on their grid from local midnight.
     */
    public static void requireHistory(List<IntervalForecast> rows, int intervalMinutes, ZoneId zone, String option) {
        long apart = spacingMinutes(rows, "the history");
        if (apart == 0 || apart >= DAY_MINUTES) {
            return;
        }
        if (intervalMinutes % apart != 0) {
            throw new IllegalArgumentException("the history's intervals are " + apart + " minutes apart: " + option
                    + " must be a multiple of " + apart + ", was " + intervalMinutes);
        }
        for (IntervalForecast row : rows) {
            var local = row.start().atZoneSameInstant(zone);
            if ((local.getHour() * 60L + local.getMinute()) % apart != 0) {
                throw new IllegalArgumentException("the history's interval " + row.start() + " (" + row.queue()
                        + ") does not start on the " + apart + "-minute grid from midnight in " + zone
                        + ": give the zone it was counted in");
            }
        }
    }

    /** The greatest common divisor of the rows' distances, minutes; 0 when they all start together. */
    private static long spacingMinutes(List<IntervalForecast> rows, String what) {
        if (rows.isEmpty()) {
            return 0;
        }
        long firstMs = rows.getFirst().start().toInstant().toEpochMilli();
        long apartMs = 0;
        Map<String, Integer> queues = new HashMap<>();
        int[] queueOf = new int[rows.size()];
        for (int i = 0; i < queueOf.length; i++) {
            IntervalForecast row = rows.get(i);
            apartMs = gcd(apartMs, Math.abs(row.start().toInstant().toEpochMilli() - firstMs));
            queueOf[i] = queues.computeIfAbsent(row.queue(), queue -> queues.size());
        }
        if (apartMs % MINUTE_MS != 0) {
            throw new IllegalArgumentException(what + "'s intervals do not start on whole minutes");
        }
        requireOnce(rows, queueOf, queues, what);
        return apartMs / MINUTE_MS;
    }

    /**
     * Each queue's interval at most once: sorted keys (start minute, queue), a pair side by side is a repeat.
     * {@code queueOf[i]} is the number {@code queues} gives the queue of row i.
     */
    private static void requireOnce(
            List<IntervalForecast> rows, int[] queueOf, Map<String, Integer> queues, String what) {
        long count = queues.size();
        long[] keys = new long[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            IntervalForecast row = rows.get(i);
            keys[i] = row.start().toInstant().toEpochMilli() / MINUTE_MS * count + queueOf[i];
        }
        Arrays.sort(keys);
        for (int i = 1; i < keys.length; i++) {
            if (keys[i] == keys[i - 1]) {
                long minute = Math.floorDiv(keys[i], count);
                int queue = (int) Math.floorMod(keys[i], count);
                String name = queues.entrySet().stream()
                        .filter(e -> e.getValue() == queue)
                        .findFirst()
                        .orElseThrow()
                        .getKey();
                IntervalForecast twice = rows.stream()
                        .filter(row -> row.queue().equals(name)
                                && row.start().toInstant().toEpochMilli() / MINUTE_MS == minute)
                        .findFirst()
                        .orElseThrow();
                throw new IllegalArgumentException(
                        what + " has the interval " + twice.start() + " of " + name + " twice");
            }
        }
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
