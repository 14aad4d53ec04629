package org.switchboard.planning.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.jspecify.annotations.Nullable;

/**
 * A day's volume by least squares on its logarithm: a linear trend, the weekday, and each kind of special day seen in
 * the history (its learned multiplier), over the last 26 weeks; back from logarithms with the smearing estimate. The
 * intraday profile is a fitted Fourier series. The yearly variant fits the last three years instead, with a yearly
 * season of two Fourier pairs (day of the year): for a history of more than {@link #LEAST_YEARLY_DAYS} days, where
 * the season of the same weeks last year is known.
 */
final class CalendarRegression extends VolumeModel {

    /** The span of history (first to last day) the yearly variant needs. */
    static final int LEAST_YEARLY_DAYS = 400;

    private static final int WINDOW_DAYS = 182;
    private static final int YEARLY_WINDOW_DAYS = 3 * 365;
    private static final int YEARLY_HARMONICS = 2;
    private static final double YEAR_DAYS = 365.25;

    private final boolean yearly;

    CalendarRegression() {
        this(false);
    }

    CalendarRegression(boolean yearly) {
        this.yearly = yearly;
    }

    /** True when {@code history} spans enough days for the yearly variant. */
    static boolean yearlyFits(Days history) {
        return history.first().plusDays(LEAST_YEARLY_DAYS).isBefore(history.last());
    }

    @Override
    public String name() {
        return yearly
                ? "regression: trend, weekday, yearly season, special days, Fourier profile"
                : "regression: trend, weekday, special days, Fourier profile";
    }

    @Override
    DayProfile.Smoothing smoothing() {
        return DayProfile.Smoothing.FOURIER;
    }

    @Override
    double[] totals(Days history, SpecialDays special, List<LocalDate> dates) {
        List<LocalDate> train = openDays(history, yearly ? YEARLY_WINDOW_DAYS : WINDOW_DAYS);
        List<String> kinds = new ArrayList<>(special.kindsUpTo(history.last()));
        kinds.removeIf(kind -> train.stream().noneMatch(d -> kind.equals(special.kindOf(d))));
        int columns = 1 + 6 + seasonColumns() + kinds.size();
        if (train.size() < columns + 8) {
            return SeasonalSmoothing.weekdayMeans(history, special, dates);
        }
        LocalDate origin = train.getFirst();
        double[] y = new double[train.size()];
        double[][] x = new double[train.size()][];
        for (int i = 0; i < train.size(); i++) {
            LocalDate d = train.get(i);
            y[i] = Math.log(Days.total(history.offered(d)));
            x[i] = row(d, origin, special.kindOf(d), kinds);
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        double[] beta;
        double smearing = 0;
        try {
            ols.newSampleData(y, x);
            beta = ols.estimateRegressionParameters();
            for (double residual : ols.estimateResiduals()) {
                smearing += Math.exp(residual);
            }
            smearing /= y.length;
        } catch (RuntimeException singular) {
            return SeasonalSmoothing.weekdayMeans(history, special, dates);
        }
        double[] totals = new double[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            Double given = special.givenMultiplier(d);
            String kind = given == null ? special.kindOf(d) : null;
            double[] r = row(d, origin, kind, kinds);
            double log = beta[0];
            for (int j = 0; j < r.length; j++) {
                log += beta[j + 1] * r[j];
            }
            totals[i] = Math.exp(log) * smearing * (given == null ? 1 : given);
        }
        return totals;
    }

    private int seasonColumns() {
        return yearly ? 2 * YEARLY_HARMONICS : 0;
    }

    /** The regressors of {@code date}; {@code kind}: its special day's kind, null for an ordinary day. */
    private double[] row(LocalDate date, LocalDate origin, @Nullable String kind, List<String> kinds) {
        int season = seasonColumns();
        double[] r = new double[1 + 6 + season + kinds.size()];
        r[0] = ChronoUnit.DAYS.between(origin, date) / 365.0;
        DayOfWeek w = date.getDayOfWeek();
        if (w != DayOfWeek.MONDAY) {
            r[w.getValue() - 1] = 1; // Tuesday .. Sunday in columns 1..6
        }
        double angle = 2 * Math.PI * date.toEpochDay() / YEAR_DAYS;
        for (int h = 1; h <= season / 2; h++) {
            r[5 + 2 * h] = Math.sin(h * angle);
            r[6 + 2 * h] = Math.cos(h * angle);
        }
        int k = kind == null ? -1 : kinds.indexOf(kind);
        if (k >= 0) {
            r[7 + season + k] = 1;
        }
        return r;
    }
}
