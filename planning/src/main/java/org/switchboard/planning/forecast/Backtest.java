package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling-origin evaluation: for each of the last {@code folds} weeks of the history, every method is trained on the
 * days before that week and forecasts it; errors are summed over the open intervals (and the days) it forecast.
 */
public final class Backtest {

    private Backtest() {}

    /**
     * How well one method forecast the held-out weeks.
     *
     * @param intervalMape mean over intervals with contacts of |actual − forecast| / actual
     * @param intervalWape Σ |actual − forecast| / Σ actual over the intervals
     * @param dayMape      the same over whole days
     * @param dayWape      the same over whole days
     * @param dispersion   Σ (actual − forecast)² / Σ forecast: the variance as a multiple of the mean (Poisson: 1)
     */
    public record Accuracy(
            String method,
            double intervalMape,
            double intervalWape,
            double dayMape,
            double dayWape,
            double dispersion) {}

    /** The accuracy of each method, in their order; empty when the history is too short for one fold. */
    static List<Accuracy> run(Days history, SpecialDays special, List<Method> methods, int folds) {
        Map<Method, Sums> sums = new LinkedHashMap<>();
        methods.forEach(m -> sums.put(m, new Sums()));
        for (int k = folds; k >= 1; k--) {
            org.switchboard.planning.Stopping.check();
            LocalDate origin = history.last().minusDays(7L * k - 1);
            Days train = history.before(origin);
            if (train.isEmpty() || train.offered().size() < 28) {
                continue;
            }
            List<LocalDate> week = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate d = origin.plusDays(i);
                if (history.offered().containsKey(d)) {
                    week.add(d);
                }
            }
            for (Method method : methods) {
                Map<LocalDate, double[]> forecast = method.forecast(train, special, week);
                for (LocalDate d : week) {
                    sums.get(method).add(history.offered().get(d), forecast.get(d));
                }
            }
        }
        List<Accuracy> out = new ArrayList<>();
        sums.forEach((method, s) -> {
            if (s.intervals > 0) {
                out.add(s.accuracy(method.name()));
            }
        });
        return out;
    }

    private static final class Sums {
        double absError;
        double actual;
        double ape;
        int intervals;
        int withContacts;
        double dayAbsError;
        double dayActual;
        double dayApe;
        int days;
        int daysWithContacts;
        double squared;
        double forecasts;

        void add(double[] actualDay, double[] forecastDay) {
            double a = 0;
            double f = 0;
            for (int s = 0; s < actualDay.length; s++) {
                if (Double.isNaN(actualDay[s])) {
                    continue;
                }
                double fs = forecastDay == null || Double.isNaN(forecastDay[s]) ? 0 : forecastDay[s];
                double as = actualDay[s];
                absError += Math.abs(as - fs);
                actual += as;
                intervals++;
                if (as > 0) {
                    ape += Math.abs(as - fs) / as;
                    withContacts++;
                }
                squared += (as - fs) * (as - fs);
                forecasts += fs;
                a += as;
                f += fs;
            }
            dayAbsError += Math.abs(a - f);
            dayActual += a;
            days++;
            if (a > 0) {
                dayApe += Math.abs(a - f) / a;
                daysWithContacts++;
            }
        }

        Accuracy accuracy(String name) {
            return new Accuracy(
                    name,
                    withContacts > 0 ? ape / withContacts : Double.NaN,
                    actual > 0 ? absError / actual : Double.NaN,
                    daysWithContacts > 0 ? dayApe / daysWithContacts : Double.NaN,
                    dayActual > 0 ? dayAbsError / dayActual : Double.NaN,
                    forecasts > 0 ? squared / forecasts : Double.NaN);
        }
    }
}
