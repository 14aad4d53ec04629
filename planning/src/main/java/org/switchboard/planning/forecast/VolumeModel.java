package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A model of each day's volume, spread over the day by its weekday's profile. */
abstract class VolumeModel implements Method {

    /** The expected total of each date (its special day's effect included). */
    abstract double[] totals(Days history, SpecialDays special, List<LocalDate> dates);

    abstract DayProfile.Smoothing smoothing();

    @Override
    public final Map<LocalDate, double[]> forecast(Days history, SpecialDays special, List<LocalDate> dates) {
        double[] totals = totals(history, special, dates);
        LocalDate from = history.last().plusDays(1);
        Map<java.time.DayOfWeek, double[]> profiles = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        Map<LocalDate, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < dates.size(); i++) {
            LocalDate date = dates.get(i);
            double[] profile = profiles.computeIfAbsent(
                    date.getDayOfWeek(), w -> DayProfile.of(history, special, w, from, smoothing()));
            double[] day = Days.closedDay(history.slots);
            if (profile != null) {
                for (int s = 0; s < day.length; s++) {
                    day[s] = Double.isNaN(profile[s]) ? Double.NaN : totals[i] * profile[s];
                }
            }
            out.put(date, day);
        }
        return out;
    }

    /** Days with contacts, for fitting: the last {@code most} calendar days before the history's end. */
    static List<LocalDate> openDays(Days history, int most) {
        LocalDate since = history.last().minusDays(most - 1L);
        return history.offered().tailMap(since, true).entrySet().stream()
                .filter(e -> Days.total(e.getValue()) > 0)
                .map(Map.Entry::getKey)
                .toList();
    }
}
