package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's volume by exponential smoothing (Holt–Winters on the logarithm: level, damped trend, weekday season, the
 * smoothing weights chosen by the one-step errors over the history). Closed and special days do not move the state;
 * a special kind's multiplier is learned as the median ratio of such past days to the one-step forecast. The
 * intraday profile is a 1-2-1 moving average of the recent same weekdays' shares.
 */
final class SeasonalSmoothing extends VolumeModel {

    private static final int WINDOW_DAYS = 364;
    private static final double DAMPING = 0.95;
    private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.35};
    private static final double[] BETAS = {0, 0.02, 0.08};
    private static final double[] GAMMAS = {0.05, 0.15, 0.3};

    @Override
    public String name() {
        return "exponential smoothing: damped trend, weekday season";
    }

    @Override
    DayProfile.Smoothing smoothing() {
        return DayProfile.Smoothing.MOVING_AVERAGE;
    }

    @Override
    double[] totals(Days history, SpecialDays special, List<LocalDate> dates) {
        LocalDate first = history.last().minusDays(WINDOW_DAYS - 1L);
        if (first.isBefore(history.first())) {
            first = history.first();
        }
        int n = (int) ChronoUnit.DAYS.between(first, history.last()) + 1;
        if (n < 21) {
            return weekdayMeans(history, special, dates);
        }
        double[] logs = new double[n];
        boolean[] special_ = new boolean[n];
        for (int i = 0; i < n; i++) {
            LocalDate d = first.plusDays(i);
            double[] day = history.offered().get(d);
            double total = day == null ? Double.NaN : Days.total(day);
            logs[i] = total > 0 ? Math.log(total) : Double.NaN;
            special_[i] = special.isSpecial(d);
        }
        Run best = new Run(ALPHAS[0], BETAS[0], GAMMAS[0], first, logs, special_);
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double g : GAMMAS) {
                    Run run = new Run(a, b, g, first, logs, special_);
                    if (run.sse < best.sse) {
                        best = run;
                    }
                }
            }
        }
        Map<String, Double> multipliers = best.multipliers(history, special, first);
        double[] totals = new double[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            long h = ChronoUnit.DAYS.between(history.last(), d);
            double damped = 0;
            for (int k = 1; k <= h; k++) {
                damped += Math.pow(DAMPING, k);
            }
            double log = best.level
                    + damped * best.trend
                    + best.season[d.getDayOfWeek().getValue() - 1];
            Double given = special.givenMultiplier(d);
            String kind = special.kindOf(d);
            double effect = given != null ? given : kind != null ? multipliers.getOrDefault(kind, 1.0) : 1;
            totals[i] = Math.exp(log) * best.smearing * effect;
        }
        return totals;
    }

    /** One pass of the recursion with fixed weights; its state at the end and its one-step errors. */
    private static final class Run {
        double level;
        double trend;
        final double[] season = new double[7];
        double sse;
        double smearing;
        final double[] oneStep;

        Run(double alpha, double beta, double gamma, LocalDate first, double[] logs, boolean[] special) {
            oneStep = new double[logs.length];
            double sum = 0;
            int count = 0;
            for (int i = 0; i < 14; i++) {
                if (!Double.isNaN(logs[i]) && !special[i]) {
                    sum += logs[i];
                    count++;
                }
            }
            level = count > 0 ? sum / count : 0;
            int[] seen = new int[7];
            for (int i = 0; i < 14; i++) {
                if (!Double.isNaN(logs[i]) && !special[i]) {
                    int w = first.plusDays(i).getDayOfWeek().getValue() - 1;
                    season[w] += logs[i] - level;
                    seen[w]++;
                }
            }
            for (int w = 0; w < 7; w++) {
                season[w] = seen[w] > 0 ? season[w] / seen[w] : 0;
            }
            int errors = 0;
            for (int i = 0; i < logs.length; i++) {
                int w = first.plusDays(i).getDayOfWeek().getValue() - 1;
                double forecast = level + DAMPING * trend + season[w];
                oneStep[i] = forecast;
                if (Double.isNaN(logs[i]) || special[i]) {
                    level += DAMPING * trend;
                    trend *= DAMPING;
                    continue;
                }
                double y = logs[i];
                if (i >= 14) {
                    sse += (y - forecast) * (y - forecast);
                    smearing += Math.exp(y - forecast);
                    errors++;
                }
                double previous = level;
                level = alpha * (y - season[w]) + (1 - alpha) * (level + DAMPING * trend);
                trend = beta * (level - previous) + (1 - beta) * DAMPING * trend;
                season[w] = gamma * (y - level) + (1 - gamma) * season[w];
            }
            smearing = errors > 0 ? smearing / errors : 1;
        }

        /** Each special kind's median ratio of the day's volume to its one-step forecast. */
        Map<String, Double> multipliers(Days history, SpecialDays special, LocalDate first) {
            Map<String, List<Double>> ratios = new HashMap<>();
            for (int i = 0; i < oneStep.length; i++) {
                LocalDate d = first.plusDays(i);
                String kind = special.kindOf(d);
                double[] day = history.offered().get(d);
                double total = day == null ? Double.NaN : Days.total(day);
                if (kind != null && total > 0) {
                    ratios.computeIfAbsent(kind, k -> new ArrayList<>()).add(total / Math.exp(oneStep[i]));
                }
            }
            Map<String, Double> out = new HashMap<>();
            ratios.forEach((kind, list) -> {
                list.sort(Double::compare);
                int m = list.size();
                out.put(kind, m % 2 == 1 ? list.get(m / 2) : (list.get(m / 2 - 1) + list.get(m / 2)) / 2);
            });
            return out;
        }
    }

    /** Too little history to fit: each weekday's mean volume over the recent weeks. */
    static double[] weekdayMeans(Days history, SpecialDays special, List<LocalDate> dates) {
        double[] totals = new double[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            double sum = 0;
            int n = 0;
            for (LocalDate same : history.latestSameWeekdays(d, 4)) {
                double t = Days.total(history.offered(same));
                if (t > 0 && !special.isSpecial(same)) {
                    sum += t;
                    n++;
                }
            }
            Double given = special.givenMultiplier(d);
            totals[i] = (n > 0 ? sum / n : 0) * (given == null ? 1 : given);
        }
        return totals;
    }
}
