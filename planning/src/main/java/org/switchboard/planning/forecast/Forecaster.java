package org.switchboard.planning.forecast;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.IntervalGrid;

/**
 * Forecasts each queue of a history: backtests the models (two, three for a history of more than a year: {@link
 * CalendarRegression#LEAST_YEARLY_DAYS}) against the baselines, forecasts the horizon with the
 * model that did best, gives each interval an 80 % prediction interval from the dispersion the backtest measured, and
 * the AHT of the recent same weekdays' same interval.
 */
public final class Forecaster {

    private static final double Z80 = 1.2815515655446004;
    private static final List<Method> MODELS = List.of(new CalendarRegression(), new SeasonalSmoothing());
    /** The third model, for a history of more than a year. */
    private static final Method YEARLY = new CalendarRegression(true);

    private Forecaster() {}

    /**
     * What to forecast.
     *
     * @param intervalMinutes the intervals' length; divides a day; history intervals may be shorter (they are summed)
     * @param horizonDays     days after the history's last to forecast, 1..366
     * @param zone            the center's zone: weekdays and intervals are its local ones
     * @param special         marked dates, past and future
     * @param folds           origins of the backtest, a week apart; each judges the horizon (whole weeks, at most 4)
     */
    public record Settings(int intervalMinutes, int horizonDays, ZoneId zone, SpecialDays special, int folds) {
        public Settings {
            if (intervalMinutes < 5 || intervalMinutes > 1440 || 1440 % intervalMinutes != 0) {
                throw new IllegalArgumentException(
                        "interval minutes must divide a day (5, 10, 15, 30, 60 ...), was " + intervalMinutes);
            }
            if (horizonDays < 1 || horizonDays > 366) {
                throw new IllegalArgumentException("the horizon must be 1..366 days, was " + horizonDays);
            }
            if (folds < 1 || folds > 52) {
                throw new IllegalArgumentException("backtest folds must be 1..52, was " + folds);
            }
        }
    }

    /** One queue's forecast and how its methods did in the backtest. */
    public record QueueForecast(String queue, String chosen, List<Backtest.Accuracy> backtest, double dispersion) {}

    /** The forecast rows (queues in order, then time) and each queue's backtest. */
    public record Result(List<IntervalForecast> rows, List<QueueForecast> queues, int backtestLeadDays) {

        /** The rows as CSV: {@code interval_start,queue,offered,aht_seconds,low,high}. */
        public void writeCsv(Appendable out) throws IOException {
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setHeader("interval_start", "queue", "offered", "aht_seconds", "low", "high")
                    .setRecordSeparator('\n')
                    .get();
            @SuppressWarnings("resource") // out belongs to the caller
            CSVPrinter printer = new CSVPrinter(out, format);
            for (IntervalForecast r : rows) {
                printer.printRecord(
                        r.start(),
                        r.queue(),
                        fixed(r.offered()),
                        fixed(r.ahtSeconds()),
                        fixed(r.low()),
                        fixed(r.high()));
            }
            printer.flush();
        }

        /** The backtest as a table for people: per queue, each method's MAPE and WAPE per interval and per day. */
        public String backtestTable() {
            StringBuilder text = new StringBuilder();
            for (QueueForecast q : queues) {
                text.append(String.format(
                        Locale.ROOT,
                        "queue %s: backtest of %d days ahead, from origins a week apart (rolling origin)%n",
                        q.queue(),
                        backtestLeadDays));
                text.append(String.format(
                        Locale.ROOT,
                        "  %-58s %9s %9s %9s %9s%n",
                        "method",
                        "MAPE/int",
                        "WAPE/int",
                        "MAPE/day",
                        "WAPE/day"));
                for (Backtest.Accuracy a : q.backtest()) {
                    text.append(String.format(
                            Locale.ROOT,
                            "  %-58s %8.1f%% %8.1f%% %8.1f%% %8.1f%%%n",
                            (a.method().equals(q.chosen()) ? "* " : "  ") + a.method(),
                            100 * a.intervalMape(),
                            100 * a.intervalWape(),
                            100 * a.dayMape(),
                            100 * a.dayWape()));
                }
                text.append(String.format(
                        Locale.ROOT,
                        "  forecast by %s; 80 %% interval from a variance %.1f times the mean%n",
                        q.chosen(),
                        q.dispersion()));
            }
            return text.toString();
        }
    }

    /** The fewest days a queue's history must span: every weekday once. */
    static final int FEWEST_DAYS = 7;

    /** The most rows one forecast may give: a year of half hours for 10 queues and then some. */
    public static final int MOST_ROWS = 200_000;

    /**
     * Each queue's history by local date and time of day. The intervals the clocks show twice (the hour when they fall
     * back) share their slot: it holds their mean, what one interval at that time brings as on every other day, not
     * the sum of two; an interval of that hour the history has only once counts whole.
     */
    static Map<String, Days> byQueue(List<IntervalForecast> history, Settings settings) {
        Map<String, Integer> repeated = new java.util.HashMap<>(); // queue and local time shown twice: rows there
        for (IntervalForecast row : history) {
            LocalDateTime local = row.start().atZoneSameInstant(settings.zone()).toLocalDateTime();
            if (settings.zone().getRules().getValidOffsets(local).size() > 1) {
                repeated.merge(row.queue() + "\u0000" + local, 1, Integer::sum);
            }
        }
        Map<String, Days> byQueue = new TreeMap<>();
        int slots = 1440 / settings.intervalMinutes();
        for (IntervalForecast row : history) {
            LocalDateTime local = row.start().atZoneSameInstant(settings.zone()).toLocalDateTime();
            int minute = local.getHour() * 60 + local.getMinute();
            if (local.getSecond() != 0 || local.getNano() != 0) {
                throw new IllegalArgumentException("interval_start " + row.start() + " is not on a whole minute");
            }
            double share = 1.0 / repeated.getOrDefault(row.queue() + "\u0000" + local, 1);
            byQueue.computeIfAbsent(row.queue(), q -> new Days(slots))
                    .add(
                            local.toLocalDate(),
                            minute / settings.intervalMinutes(),
                            row.offered() * share,
                            row.ahtSeconds());
        }
        return byQueue;
    }

    public static Result forecast(List<IntervalForecast> history, Settings settings) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("the history has no rows");
        }
        IntervalGrid.requireHistory(history, settings.intervalMinutes(), settings.zone(), "interval minutes");
        Map<String, Days> byQueue = byQueue(history, settings);
        int slots = 1440 / settings.intervalMinutes();
        long most = (long) byQueue.size() * settings.horizonDays() * slots;
        if (most > MOST_ROWS) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "%d queues × %d days × %d intervals a day would be %d rows; at most %d (fewer queues, a shorter"
                            + " horizon or longer intervals)",
                    byQueue.size(),
                    settings.horizonDays(),
                    slots,
                    most,
                    MOST_ROWS));
        }
        byQueue.forEach((queue, days) -> {
            long span = java.time.temporal.ChronoUnit.DAYS.between(days.first(), days.last()) + 1;
            if (span < FEWEST_DAYS) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "queue %s has %d day%s of history (%s to %s); a forecast needs at least %d, every weekday"
                                + " once, and its backtest needs more (a week for each week held out)",
                        queue,
                        span,
                        span == 1 ? "" : "s",
                        days.first(),
                        days.last(),
                        FEWEST_DAYS));
            }
        });
        List<IntervalForecast> rows = new ArrayList<>();
        List<QueueForecast> queues = new ArrayList<>();
        byQueue.forEach((queue, days) -> queues.add(forecastQueue(queue, days, settings, rows)));
        return new Result(rows, queues, Backtest.leadDays(settings.horizonDays()));
    }

    private static QueueForecast forecastQueue(
            String queue, Days days, Settings settings, List<IntervalForecast> rows) {
        List<Method> models = new ArrayList<>(MODELS);
        if (CalendarRegression.yearlyFits(days)) {
            models.add(YEARLY);
        }
        List<Method> methods = new ArrayList<>(List.of(Baselines.LAST_WEEK, Baselines.LAST_FOUR));
        methods.addAll(models);
        List<Backtest.Accuracy> backtest = Backtest.run(
                days, settings.special(), methods, settings.folds(), Backtest.leadDays(settings.horizonDays()));
        Method chosen = MODELS.getFirst();
        double dispersion = 1;
        double bestWape = Double.POSITIVE_INFINITY;
        for (Backtest.Accuracy a : backtest) {
            for (Method model : models) {
                if (model.name().equals(a.method()) && a.intervalWape() < bestWape) {
                    bestWape = a.intervalWape();
                    chosen = model;
                    dispersion = Math.max(1, a.dispersion());
                }
            }
        }
        List<LocalDate> horizon = new ArrayList<>();
        for (int i = 1; i <= settings.horizonDays(); i++) {
            horizon.add(days.last().plusDays(i));
        }
        Map<LocalDate, double[]> forecast = chosen.forecast(days, settings.special(), horizon);
        for (LocalDate date : horizon) {
            org.switchboard.planning.Stopping.check();
            double[] day = Objects.requireNonNull(forecast.get(date), () -> "the model forecast no " + date);
            double[] aht = aht(days, date);
            List<IntervalForecast> dayRows = new ArrayList<>();
            for (int s = 0; s < day.length; s++) {
                if (Double.isNaN(day[s])) {
                    continue; // closed: nothing is forecast
                }
                double f = day[s];
                double spread = Z80 * Math.sqrt(dispersion * f);
                for (java.time.OffsetDateTime start : starts(date, s, settings)) {
                    dayRows.add(new IntervalForecast(start, queue, f, aht[s], Math.max(0, f - spread), f + spread));
                }
            }
            dayRows.sort(java.util.Comparator.comparing(row -> row.start().toInstant())); // a repeated hour in order
            rows.addAll(dayRows);
        }
        return new QueueForecast(queue, chosen.name(), backtest, dispersion);
    }

    /**
     * When the interval of local time-of-day {@code slot} starts on {@code date}: once on most days; never when the
     * clocks skip that time (spring forward), twice when they go through it again (fall back), with the same figures
     * each time. (Counting slots on from midnight instead shifted every later interval by the hour and ran a 23-hour
     * day's last intervals into the next day, which then had them twice.)
     */
    static List<java.time.OffsetDateTime> starts(LocalDate date, int slot, Settings settings) {
        java.time.LocalDateTime local = date.atStartOfDay().plusMinutes((long) slot * settings.intervalMinutes());
        List<java.time.ZoneOffset> offsets = settings.zone().getRules().getValidOffsets(local);
        List<java.time.OffsetDateTime> starts = new ArrayList<>(offsets.size());
        for (java.time.ZoneOffset offset : offsets) {
            starts.add(java.time.OffsetDateTime.of(local, offset));
        }
        return starts;
    }

    /** Each interval's AHT over the last 4 same weekdays (weighted by contacts), else the recent days' overall AHT. */
    private static double[] aht(Days days, LocalDate date) {
        List<LocalDate> same = days.latestSameWeekdays(date, 4);
        double overallWork = 0;
        double overallContacts = 0;
        for (Map.Entry<LocalDate, double[]> recent :
                days.offered().tailMap(days.last().minusDays(27), true).entrySet()) {
            double[] offered = recent.getValue();
            double[] aht = days.aht(recent.getKey());
            for (int s = 0; s < offered.length; s++) {
                if (offered[s] > 0) {
                    overallWork += offered[s] * aht[s];
                    overallContacts += offered[s];
                }
            }
        }
        double overall = overallContacts > 0 ? overallWork / overallContacts : 180;
        double[] out = new double[days.slots];
        for (int s = 0; s < out.length; s++) {
            double work = 0;
            double contacts = 0;
            for (LocalDate d : same) {
                double o = days.offered(d)[s];
                if (o > 0) {
                    work += o * days.aht(d)[s];
                    contacts += o;
                }
            }
            out[s] = contacts > 0 ? work / contacts : overall;
        }
        return out;
    }

    private static String fixed(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }
}
