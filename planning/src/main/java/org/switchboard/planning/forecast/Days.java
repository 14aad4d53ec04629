package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One queue's history as days of intervals: for each date, the contacts offered in each interval of the day and
 * their AHT; an interval absent from the history is closed ({@code NaN}), and nothing is forecast for it.
 */
final class Days {

    final int slots;
    private final NavigableMap<LocalDate, double[]> offered = new TreeMap<>();
    private final Map<LocalDate, double[]> aht = new java.util.HashMap<>();

    Days(int slots) {
        this.slots = slots;
    }

    /** Adds one interval's figures (summed when several rows fall into it, AHT weighted by contacts). */
    void add(LocalDate date, int slot, double contacts, double ahtSeconds) {
        double[] day = offered.computeIfAbsent(date, d -> closedDay(slots));
        double[] times = aht.computeIfAbsent(date, d -> closedDay(slots));
        double before = Double.isNaN(day[slot]) ? 0 : day[slot];
        double workBefore = Double.isNaN(times[slot]) ? 0 : times[slot] * before;
        day[slot] = before + contacts;
        times[slot] = day[slot] > 0 ? (workBefore + ahtSeconds * contacts) / day[slot] : ahtSeconds;
    }

    static double[] closedDay(int slots) {
        double[] day = new double[slots];
        Arrays.fill(day, Double.NaN);
        return day;
    }

    NavigableMap<LocalDate, double[]> offered() {
        return offered;
    }

    /** The contacts offered in each interval of {@code date}, a date of the history (NaN where closed). */
    double[] offered(LocalDate date) {
        return Objects.requireNonNull(offered.get(date), () -> "no history on " + date);
    }

    /** The AHT of each interval of {@code date}, a date of the history (NaN where closed). */
    double[] aht(LocalDate date) {
        return Objects.requireNonNull(aht.get(date), () -> "no history on " + date);
    }

    /** The days before {@code origin}, for training a model as of then. */
    Days before(LocalDate origin) {
        Days earlier = new Days(slots);
        earlier.offered.putAll(offered.headMap(origin, false));
        for (LocalDate date : earlier.offered.keySet()) {
            earlier.aht.put(date, aht(date));
        }
        return earlier;
    }

    /** The day's total, or NaN when the center was closed all day. */
    static double total(double[] day) {
        double sum = 0;
        boolean open = false;
        for (double v : day) {
            if (!Double.isNaN(v)) {
                sum += v;
                open = true;
            }
        }
        return open ? sum : Double.NaN;
    }

    /** The last {@code count} dates with the same weekday as {@code date}, before it, newest first. */
    List<LocalDate> sameWeekdaysBefore(LocalDate date, int count) {
        List<LocalDate> found = new ArrayList<>();
        for (LocalDate d = date.minusWeeks(1); found.size() < count && !d.isBefore(first()); d = d.minusWeeks(1)) {
            if (offered.containsKey(d)) {
                found.add(d);
            }
        }
        return found;
    }

    /**
     * The newest {@code count} dates of the history with {@code date}'s weekday, newest first: for a date after the
     * history, the same weekday in its last weeks.
     */
    List<LocalDate> latestSameWeekdays(LocalDate date, int count) {
        LocalDate probe = date;
        while (probe.isAfter(last())) {
            probe = probe.minusWeeks(1);
        }
        return sameWeekdaysBefore(probe.plusWeeks(1), count);
    }

    LocalDate first() {
        return offered.firstKey();
    }

    LocalDate last() {
        return offered.lastKey();
    }

    boolean isEmpty() {
        return offered.isEmpty();
    }
}
