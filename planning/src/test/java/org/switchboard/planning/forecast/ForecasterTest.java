package org.switchboard.planning.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.switchboard.planning.IntervalForecast;

class ForecasterTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Yekaterinburg");
    private static final LocalDate START = LocalDate.of(2026, 1, 5); // a Monday

    @Test
    void theGeneratedHistoryIsOverDispersedLikeARealCenters() {
        List<IntervalForecast> rows = SyntheticCalls.typical().generate(START, 7 * 8, ZONE, 1);
        // per weekday and half hour: the variance across the 8 weeks over the mean, the median of those ratios
        Map<String, List<Double>> cells = new HashMap<>();
        for (IntervalForecast r : rows) {
            var local = r.start().atZoneSameInstant(ZONE);
            cells.computeIfAbsent(local.getDayOfWeek() + " " + local.toLocalTime(), k -> new ArrayList<>())
                    .add(r.offered());
        }
        List<Double> ratios = cells.values().stream()
                .map(v -> {
                    double mean = v.stream().mapToDouble(x -> x).average().orElseThrow();
                    double var =
                            v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1);
                    return var / mean;
                })
                .sorted()
                .toList();
        assertThat(ratios.get(ratios.size() / 2)).as("median variance/mean").isBetween(4.5, 9.0);
    }

    @Test
    void theChosenModelBeatsBothBaselinesInTheBacktest() {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 2, 23), LocalDate.of(2026, 3, 9), LocalDate.of(2026, 5, 1));
        Map<LocalDate, Double> launches = Map.of(LocalDate.of(2026, 3, 3), 1.8, LocalDate.of(2026, 4, 14), 1.8);
        SyntheticCalls center = new SyntheticCalls(2_000, 0.2, 6, false, holidays, launches, 0);
        SpecialDays special = marked(launches.keySet(), "launch", null);
        List<IntervalForecast> history = center.generate(START, 7 * 20, ZONE, 7);

        Forecaster.Result result = Forecaster.forecast(history, new Forecaster.Settings(30, 14, ZONE, special, 6));

        Forecaster.QueueForecast info = result.queues().getFirst();
        Map<String, Backtest.Accuracy> byMethod =
                info.backtest().stream().collect(Collectors.toMap(Backtest.Accuracy::method, a -> a));
        Backtest.Accuracy chosen = byMethod.get(info.chosen());
        Backtest.Accuracy lastWeek = byMethod.get(Baselines.LAST_WEEK.name());
        Backtest.Accuracy lastFour = byMethod.get(Baselines.LAST_FOUR.name());
        assertThat(info.backtest()).hasSize(4);
        assertThat(chosen.intervalWape()).isLessThan(lastWeek.intervalWape()).isLessThan(lastFour.intervalWape());
        assertThat(chosen.intervalMape()).isLessThan(lastWeek.intervalMape()).isLessThan(lastFour.intervalMape());
        assertThat(chosen.dayWape()).isLessThan(lastWeek.dayWape()).isLessThan(lastFour.dayWape());
        assertThat(info.dispersion())
                .as("the backtest sees the over-dispersion")
                .isBetween(3.0, 12.0);
        assertThat(result.backtestTable())
                .contains("* " + info.chosen(), "WAPE/int", Baselines.LAST_FOUR.name())
                .contains("backtest of 14 days ahead"); // judged as far ahead as the forecast reaches
    }

    @Test
    void theBacktestJudgesTheHorizonInWholeWeeksUpToFour() {
        assertThat(Backtest.leadDays(1)).isEqualTo(7);
        assertThat(Backtest.leadDays(7)).isEqualTo(7);
        assertThat(Backtest.leadDays(14)).isEqualTo(14);
        assertThat(Backtest.leadDays(15)).isEqualTo(21);
        assertThat(Backtest.leadDays(366)).isEqualTo(28);
    }

    /**
     * Three years of a center busiest at Christmas and quietest in late June (±30 %): at the summer turn the recent
     * trend still points down. Over the next eight weeks the model with the yearly season, fitted on the three years,
     * follows the turn; the others, which see half a year at most, keep going down or stay flat.
     */
    @Test
    void aYearlySeasonIsLearnedFromMoreThanAYearOfHistory() {
        SyntheticCalls center = new SyntheticCalls(2_000, 0.1, 6, false, Set.of(), Map.of(), 0).withYearlySeason(0.3);
        LocalDate start = LocalDate.of(2023, 7, 17);
        int days = 7 * 156;
        Days history = new Days(48);
        for (IntervalForecast row : center.generate(start, days, ZONE, 11)) {
            var local = row.start().atZoneSameInstant(ZONE).toLocalDateTime();
            history.add(local.toLocalDate(), local.getHour() * 2 + local.getMinute() / 30, row.offered(), 180);
        }
        List<LocalDate> next = new ArrayList<>();
        for (int d = 1; d <= 56; d++) {
            next.add(history.last().plusDays(d));
        }

        Map<String, Double> error = new java.util.LinkedHashMap<>();
        for (VolumeModel model :
                List.of(new CalendarRegression(), new SeasonalSmoothing(), new CalendarRegression(true))) {
            double[] totals = model.totals(history, SpecialDays.NONE, next);
            double off = 0;
            double all = 0;
            for (int d = 0; d < next.size(); d++) {
                double expected = center.expectedDay(next.get(d), start);
                off += Math.abs(totals[d] - expected);
                all += expected;
            }
            error.put(model.name(), off / all);
        }
        System.out.println("eight weeks ahead, error of the daily totals: " + error);

        double yearly = error.get(new CalendarRegression(true).name());
        assertThat(yearly).isLessThan(0.04);
        assertThat(error.get(new CalendarRegression().name())).isGreaterThan(2 * yearly);
        assertThat(error.get(new SeasonalSmoothing().name())).isGreaterThan(2 * yearly);
        assertThat(CalendarRegression.yearlyFits(history)).isTrue();
        Forecaster.Result result = Forecaster.forecast(
                center.generate(start, days, ZONE, 11), new Forecaster.Settings(30, 7, ZONE, SpecialDays.NONE, 2));
        assertThat(result.queues().getFirst().backtest())
                .as("the yearly model is backtested beside the others")
                .extracting(Backtest.Accuracy::method)
                .contains(new CalendarRegression(true).name());
    }

    @Test
    void aLaunchDaysMultiplierIsLearnedFromPastLaunchesOrTakenFromThePlanner() {
        Map<LocalDate, Double> past = new HashMap<>();
        for (int week = 3; week < 18; week += 4) {
            past.put(START.plusWeeks(week).plusDays(1), 1.8); // Tuesdays
        }
        SyntheticCalls center = new SyntheticCalls(2_000, 0.0, 6, false, Set.of(), past, 0);
        List<IntervalForecast> history = center.generate(START, 7 * 20, ZONE, 3);
        LocalDate launch = START.plusWeeks(20).plusDays(1); // a Tuesday in the horizon
        SpecialDays learned = marked(past.keySet(), "launch", null).with(launch, "launch", null);
        SpecialDays given = marked(past.keySet(), "launch", null).with(launch, "launch", 2.5);

        double learnedRatio = ratioToNextWeek(history, learned, launch);
        double givenRatio = ratioToNextWeek(history, given, launch);

        assertThat(learnedRatio).as("learned from four past launches").isCloseTo(1.8, within(0.25));
        assertThat(givenRatio).as("the planner's multiplier").isCloseTo(2.5, within(0.15));
    }

    @Test
    void closedIntervalsAndClosedDaysAreNotForecast() {
        List<IntervalForecast> history = SyntheticCalls.typical().generate(START, 7 * 10, ZONE, 5);

        Forecaster.Result result =
                Forecaster.forecast(history, new Forecaster.Settings(30, 7, ZONE, SpecialDays.NONE, 2));

        assertThat(result.rows()).hasSize(7 * 24); // 08:00–20:00 every day
        assertThat(result.rows())
                .allSatisfy(r ->
                        assertThat(r.start().atZoneSameInstant(ZONE).getHour()).isBetween(8, 19))
                .allSatisfy(r -> assertThat(r.low()).isLessThanOrEqualTo(r.offered()))
                .allSatisfy(r -> assertThat(r.high()).isGreaterThanOrEqualTo(r.offered()))
                .allSatisfy(r -> assertThat(r.ahtSeconds()).isBetween(130.0, 210.0));
    }

    @Test
    void aHistoryShorterThanAWeekIsRefusedNotForecastAsNothing() {
        List<IntervalForecast> history = SyntheticCalls.typical().generate(START, 3, ZONE, 5);

        assertThatThrownBy(
                        () -> Forecaster.forecast(history, new Forecaster.Settings(30, 7, ZONE, SpecialDays.NONE, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 3 days of history (2026-01-05 to 2026-01-07)")
                .hasMessageContaining("at least 7");
        assertThat(Forecaster.forecast(
                                SyntheticCalls.typical().generate(START, 7, ZONE, 5),
                                new Forecaster.Settings(30, 7, ZONE, SpecialDays.NONE, 2))
                        .rows())
                .isNotEmpty();
    }

    @Test
    void aboutFourIntervalsInFiveFallInsideThePredictionInterval() {
        SyntheticCalls center = SyntheticCalls.typical();
        List<IntervalForecast> all = center.generate(START, 7 * 22, ZONE, 11);
        LocalDate cut = START.plusWeeks(20);
        List<IntervalForecast> history = all.stream()
                .filter(r -> r.start().atZoneSameInstant(ZONE).toLocalDate().isBefore(cut))
                .toList();
        Map<java.time.OffsetDateTime, Double> actual = new HashMap<>();
        all.stream()
                .filter(r -> !r.start().atZoneSameInstant(ZONE).toLocalDate().isBefore(cut))
                .forEach(
                        r -> actual.put(r.start().toInstant().atOffset(r.start().getOffset()), r.offered()));

        Forecaster.Result result =
                Forecaster.forecast(history, new Forecaster.Settings(30, 14, ZONE, SpecialDays.NONE, 4));

        long inside = result.rows().stream()
                .filter(r -> {
                    double a = actual.get(r.start());
                    return a >= r.low() && a <= r.high();
                })
                .count();
        assertThat((double) inside / result.rows().size()).isBetween(0.7, 0.9);
    }

    /** The forecast total of {@code date} over that of the same weekday a week later (not special). */
    private static double ratioToNextWeek(List<IntervalForecast> history, SpecialDays special, LocalDate date) {
        Forecaster.Result result = Forecaster.forecast(history, new Forecaster.Settings(30, 14, ZONE, special, 3));
        Map<LocalDate, Double> totals = new HashMap<>();
        for (IntervalForecast r : result.rows()) {
            totals.merge(r.start().atZoneSameInstant(ZONE).toLocalDate(), r.offered(), Double::sum);
        }
        assertThat(date.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        return totals.get(date) / totals.get(date.plusWeeks(1));
    }

    /**
     * A hostile probe's finding: forecasts in a zone with summer time counted intervals on from midnight, so on the
     * spring-forward day every interval after 02:00 had the figure of the hour before, the day's last two ran into the
     * next day (which then had them twice, and staffing refused the forecast), and the fall-back day lost its last
     * hour. Now each local time-of-day starts when the clocks show it: not at all in the gap, twice in the overlap.
     */
    @Test
    void daysWhenTheClocksChangeHaveTheirIntervalsAtTheirLocalTimes() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<IntervalForecast> spring = Forecaster.forecast(
                        SyntheticCalls.typical().generate(LocalDate.of(2026, 1, 5), 7 * 8, berlin, 3),
                        new Forecaster.Settings(30, 35, berlin, SpecialDays.NONE, 4))
                .rows();
        List<IntervalForecast> autumn = Forecaster.forecast(
                        SyntheticCalls.typical().generate(LocalDate.of(2026, 8, 3), 7 * 8, berlin, 3),
                        new Forecaster.Settings(30, 35, berlin, SpecialDays.NONE, 4))
                .rows();

        for (List<IntervalForecast> forecast : List.of(spring, autumn)) {
            assertThat(forecast.stream().map(r -> r.start().toInstant()).distinct())
                    .as("no interval twice")
                    .hasSize(forecast.size());
            assertThat(forecast.stream().map(r -> r.start().toInstant()).toList())
                    .as("in time order")
                    .isSorted();
            assertThat(forecast)
                    .allSatisfy(r -> assertThat(r.start().getMinute() % 30).isZero());
        }
        for (var day : List.of(
                List.of(spring, LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 22)),
                List.of(autumn, LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 18)))) {
            @SuppressWarnings("unchecked")
            List<IntervalForecast> forecast = (List<IntervalForecast>) day.get(0);
            assertThat(localTimes(forecast, (LocalDate) day.get(1)))
                    .as("the center opens and closes at the same local times as a week before")
                    .isEqualTo(localTimes(forecast, (LocalDate) day.get(2)))
                    .startsWith("08:00");
        }
        Forecaster.Settings settings = new Forecaster.Settings(30, 1, berlin, SpecialDays.NONE, 4);
        assertThat(Forecaster.starts(LocalDate.of(2026, 3, 29), 4, settings))
                .as("02:00 does not exist that day")
                .isEmpty();
        assertThat(Forecaster.starts(LocalDate.of(2026, 3, 29), 6, settings).toString())
                .isEqualTo("[2026-03-29T03:00+02:00]");
        assertThat(Forecaster.starts(LocalDate.of(2026, 10, 25), 5, settings).toString())
                .as("02:30 comes twice")
                .isEqualTo("[2026-10-25T02:30+02:00, 2026-10-25T02:30+01:00]");
    }

    /**
     * The hour the clocks show twice when they fall back held both intervals' contacts in one slot, so that Sunday's
     * 02:00–03:00 looked twice as busy as any other day's to every model and baseline.
     */
    @Test
    void theHourShownTwiceWhenTheClocksFallBackCountsAsOneHourOfContacts() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        List<IntervalForecast> flat = new java.util.ArrayList<>();
        java.time.Instant end = java.time.Instant.parse("2026-11-01T00:00:00Z");
        for (java.time.Instant at = java.time.Instant.parse("2026-10-18T00:00:00Z");
                at.isBefore(end);
                at = at.plusSeconds(1800)) {
            java.time.OffsetDateTime start = at.atZone(berlin).toOffsetDateTime();
            boolean secondPass = start.toString().startsWith("2026-10-25T02:")
                    && start.getOffset().getTotalSeconds() == 3600;
            flat.add(new IntervalForecast(start, "q", secondPass ? 30 : 10, 180, null, null)); // busier the second time
        }

        Days days = Forecaster.byQueue(flat, new Forecaster.Settings(30, 7, berlin, SpecialDays.NONE, 4))
                .get("q");

        double[] fallBack = days.offered(LocalDate.of(2026, 10, 25));
        assertThat(fallBack[4]).as("02:00: the mean of 10 and 30").isEqualTo(20);
        assertThat(fallBack[5]).as("02:30").isEqualTo(20);
        assertThat(fallBack[3]).as("01:30").isEqualTo(10);
        assertThat(fallBack[6]).as("03:00").isEqualTo(10);
        assertThat(days.aht(LocalDate.of(2026, 10, 25))[4]).isEqualTo(180);

        List<IntervalForecast> once = flat.stream() // a history that has the repeated hour's second pass only
                .filter(r -> !r.start().toString().startsWith("2026-10-25T02:00+02:00")
                        && !r.start().toString().startsWith("2026-10-25T02:30+02:00"))
                .toList();
        double[] onePass = Forecaster.byQueue(once, new Forecaster.Settings(30, 7, berlin, SpecialDays.NONE, 4))
                .get("q")
                .offered(LocalDate.of(2026, 10, 25));
        assertThat(onePass[4]).as("02:00 seen once counts whole").isEqualTo(30);
        assertThat(onePass[5]).as("02:30 seen once counts whole").isEqualTo(30);
    }

    private static List<String> localTimes(List<IntervalForecast> forecast, LocalDate date) {
        return forecast.stream()
                .filter(r -> r.start().toLocalDate().equals(date))
                .map(r -> r.start().toLocalTime().toString())
                .toList();
    }

    private static SpecialDays marked(Set<LocalDate> dates, String kind, Double multiplier) {
        SpecialDays days = SpecialDays.NONE;
        for (LocalDate d : new HashSet<>(dates)) {
            days = days.with(d, kind, multiplier);
        }
        return days;
    }
}
