package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The forecasts planners make by hand, which a model must beat to be worth it. */
final class Baselines {

    private Baselines() {}

    /** "Same weekday last week": each interval as it was seven days before (the last week in the history). */
    static final Method LAST_WEEK = new Method() {
        @Override
        public String name() {
            return "same weekday last week";
        }

        @Override
        public Map<LocalDate, double[]> forecast(Days history, SpecialDays special, List<LocalDate> dates) {
            return meanOf(history, dates, 1);
        }
    };

    /** "Mean of the last 4 same weekdays": each interval's mean over them. */
    static final Method LAST_FOUR = new Method() {
        @Override
        public String name() {
            return "mean of the last 4 same weekdays";
        }

        @Override
        public Map<LocalDate, double[]> forecast(Days history, SpecialDays special, List<LocalDate> dates) {
            return meanOf(history, dates, 4);
        }
    };

    private static Map<LocalDate, double[]> meanOf(Days history, List<LocalDate> dates, int weeks) {
        Map<LocalDate, double[]> out = new LinkedHashMap<>();
        for (LocalDate date : dates) {
            List<LocalDate> same = history.latestSameWeekdays(date, weeks);
            double[] mean = Days.closedDay(history.slots);
            for (int s = 0; s < history.slots; s++) {
                double sum = 0;
                int n = 0;
                for (LocalDate d : same) {
                    double v = history.offered(d)[s];
                    if (!Double.isNaN(v)) {
                        sum += v;
                        n++;
                    }
                }
                if (n > 0) {
                    mean[s] = sum / n;
                }
            }
            out.put(date, mean);
        }
        return out;
    }
}
