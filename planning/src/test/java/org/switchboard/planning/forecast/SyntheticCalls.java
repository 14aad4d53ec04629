package org.switchboard.planning.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.switchboard.planning.IntervalForecast;

/**
 * A made-up call center's half-hourly history, shaped like a real one: a weekday × intraday profile (two peaks, late
 * morning and mid-afternoon; open 08:00–20:00, or around the clock), a trend, holidays (closed) and launch days
 * (×1.8), optionally a yearly season, a day-to-day wobble, and over-dispersion — the variance across weeks of the same weekday and half hour is
 * about {@code dispersion} times its mean (a real bank's data: about 6; Poisson: 1), drawn as a gamma–Poisson mixture.
 */
record SyntheticCalls(
        int dailyContacts,
        double yearlyGrowth,
        double dispersion,
        boolean aroundTheClock,
        Set<LocalDate> holidays,
        Map<LocalDate, Double> launches,
        double yearlyAmplitude) {

    static final Map<DayOfWeek, Double> WEEKDAY = Map.of(
            DayOfWeek.MONDAY, 1.15,
            DayOfWeek.TUESDAY, 1.05,
            DayOfWeek.WEDNESDAY, 1.0,
            DayOfWeek.THURSDAY, 1.0,
            DayOfWeek.FRIDAY, 0.95,
            DayOfWeek.SATURDAY, 0.7,
            DayOfWeek.SUNDAY, 0.6);

    static SyntheticCalls typical() {
        return new SyntheticCalls(2_000, 0.2, 6, false, Set.of(), Map.of(), 0);
    }

    /** This center with a yearly season: ×(1 + amplitude) around Christmas, ×(1 − amplitude) in late June. */
    SyntheticCalls withYearlySeason(double amplitude) {
        return new SyntheticCalls(
                dailyContacts, yearlyGrowth, dispersion, aroundTheClock, holidays, launches, amplitude);
    }

    /** The expected contacts of each half hour of a day (its shape; 0 where closed). */
    double[] shape() {
        double[] s = new double[48];
        double sum = 0;
        for (int i = 0; i < 48; i++) {
            double hour = i / 2.0 + 0.25;
            boolean open = aroundTheClock || (hour >= 8 && hour < 20);
            if (open) {
                s[i] = 0.15
                        + Math.exp(-Math.pow((hour - 10.5) / 1.6, 2))
                        + 0.8 * Math.exp(-Math.pow((hour - 15) / 2, 2));
                sum += s[i];
            }
        }
        for (int i = 0; i < 48; i++) {
            s[i] /= sum;
        }
        return s;
    }

    boolean open(int slot) {
        double hour = slot / 2.0 + 0.25;
        return aroundTheClock || (hour >= 8 && hour < 20);
    }

    /** The expected contacts of a whole day. */
    double expectedDay(LocalDate date, LocalDate start) {
        double years = (date.toEpochDay() - start.toEpochDay()) / 365.0;
        return dailyContacts
                * WEEKDAY.get(date.getDayOfWeek())
                * Math.pow(1 + yearlyGrowth, years)
                * (1 + yearlyAmplitude * Math.cos(2 * Math.PI * (date.getDayOfYear() - 358) / 365.25))
                * launches.getOrDefault(date, 1.0);
    }

    /** The rows of {@code days} days from {@code start}, seeded. */
    List<IntervalForecast> generate(LocalDate start, int days, ZoneId zone, long seed) {
        RandomGenerator random = new Well19937c(seed);
        double[] shape = shape();
        List<IntervalForecast> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            if (holidays.contains(date)) {
                continue; // closed all day: no rows
            }
            double wobble = Math.exp(0.05 * random.nextGaussian());
            double day = expectedDay(date, start) * wobble;
            for (int s = 0; s < 48; s++) {
                if (!open(s)) {
                    continue;
                }
                double mean = day * shape[s];
                double rate = mean;
                if (dispersion > 1) {
                    double theta = dispersion - 1; // gamma with mean `mean`, variance mean·(φ−1)
                    rate = new GammaDistribution(random, mean / theta, theta).sample();
                }
                int offered = rate > 0 ? new PoissonDistribution(random, rate, 1e-12, 10_000_000).sample() : 0;
                double aht = 170 + 30 * Math.sin(s / 48.0 * 2 * Math.PI);
                rows.add(new IntervalForecast(
                        date.atStartOfDay(zone).plusMinutes(30L * s).toOffsetDateTime(),
                        "info",
                        offered,
                        aht,
                        null,
                        null));
            }
        }
        return rows;
    }
}
