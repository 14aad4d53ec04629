package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rolling-origin evaluation: from each of {@code folds} origins a week apart, the last one {@code leadDays} before the
 * history's end, every method is trained on the days before the origin and forecasts the {@code leadDays} from it, as
 * far ahead as the forecast will be used; errors are summed over the open intervals (and the days) it forecast.
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

    /** The longest lead the backtest judges: a horizon beyond it is judged on its first four weeks. */
    static final int MOST_LEAD_DAYS = 28;

    /** The days ahead a backtest judges for a forecast of {@code horizonDays}: whole weeks, 7 to 28. */
    static int leadDays(int horizonDays) {
        return Math.min(MOST_LEAD_DAYS, 7 * Math.ceilDiv(Math.max(1, horizonDays), 7));
    }

    /** The accuracy of each method, in their order; empty when the history is too short for one fold. */
    static List<Accuracy> run(Days history, SpecialDays special, List<Method> methods, int folds, int leadDays) {
        Map<Method, Sums> sums = new LinkedHashMap<>();
        methods.forEach(m -> sums.put(m, new Sums()));
        for (int k = folds; k >= 1; k--) {
            org.switchboard.planning.Stopping.check();
            LocalDate origin = history.last().minusDays(leadDays - 1 + 7L * (k - 1));
            Days train = history.before(origin);
            if (train.isEmpty() || train.offered().size() < 28) {
                continue;
            }
            List<LocalDate> ahead = new ArrayList<>();
            for (int i = 0; i < leadDays; i++) {
                LocalDate d = origin.plusDays(i);
                if (history.offered().containsKey(d)) {
                    ahead.add(d);
                }
            }
            for (Map.Entry<Method, Sums> method : sums.entrySet()) {
                Map<LocalDate, double[]> forecast = method.getKey().forecast(train, special, ahead);
                for (LocalDate d : ahead) {
                    method.getValue().add(history.offered(d), forecast.get(d));
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

        /** One day; {@code forecastDay} null when the method forecast nothing for it (counted as 0 throughout). */
        void add(double[] actualDay, double @Nullable [] forecastDay) {
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
