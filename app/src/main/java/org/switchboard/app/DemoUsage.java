package org.switchboard.app;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.switchboard.core.port.Catalogue;
import org.switchboard.core.port.LineService;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.Tariff;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecord;

/**
 * Made-up but plausible subscribers and itemized records for demos and load tests: Russian and English names, the
 * catalogue's tariffs with services they allow, and about {@value #PER_DAY} records a line a day (calls of about two
 * minutes, SMS, data sessions), more by day than by night, rated by the tariff (pay-as-you-go pays per minute and per
 * SMS, the packages nothing). The same seed makes the same data.
 */
final class DemoUsage {

    static final double PER_DAY = 5;
    static final long DAY_MS = 86_400_000L;
    private static final String[] FIRST = {
        "Ivan", "Olga", "Dmitry", "Anna", "Sergey", "Elena", "Alexey", "Maria", "Pavel", "Tatiana", "Nikolai", "Irina"
    };
    private static final String[] LAST = {
        "Petrov", "Smirnova", "Ivanov", "Kuznetsova", "Popov", "Sokolova", "Lebedev", "Kozlova", "Novikov", "Morozova"
    };
    /** Relative activity by hour of the day: quiet at night, busiest in the evening. */
    private static final double[] HOURLY = {
        0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.6, 1.7, 1.7, 1.8, 1.7, 1.6, 1.6, 1.7, 1.9, 2.1, 2.0, 1.7, 1.3,
        0.8, 0.4
    };

    private final Catalogue catalogue;
    private final SplittableRandom random;
    private final double[] cumulativeHours = new double[24];

    DemoUsage(Catalogue catalogue, long seed) {
        if (catalogue.tariffs().isEmpty()) {
            throw new IllegalArgumentException("the catalogue has no tariffs: start the center once to install it");
        }
        this.catalogue = catalogue;
        this.random = new SplittableRandom(seed);
        double sum = 0;
        for (int h = 0; h < 24; h++) {
            sum += HOURLY[h];
            cumulativeHours[h] = sum;
        }
        for (int h = 0; h < 24; h++) {
            cumulativeHours[h] /= sum;
        }
    }

    /** The {@code index}-th made-up subscriber: number {@code +7912} followed by {@code 1000000 + index}. */
    Subscriber subscriber(int index) {
        Tariff tariff =
                catalogue.tariffs().get(random.nextInt(catalogue.tariffs().size()));
        List<String> services = new ArrayList<>();
        for (LineService service : catalogue.services()) {
            if (tariff.allows(service.name()) && random.nextDouble() < 0.3) {
                services.add(service.name());
            }
        }
        String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
        return new Subscriber(
                msisdn(index),
                name,
                tariff.name(),
                random.nextLong(-5_000, 300_000),
                tariff.currency(),
                services,
                random.nextDouble() < 0.9 ? "ru" : "en");
    }

    static String msisdn(int index) {
        return "+7912" + (1_000_000 + index);
    }

    /** The line's records of the day that starts at {@code dayStartMs}, in time order. */
    List<UsageRecord> day(Subscriber subscriber, long dayStartMs) {
        int count = poisson(PER_DAY);
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = dayStartMs + timeOfDay();
        }
        java.util.Arrays.sort(times);
        boolean payAsYouGo = catalogue
                .tariff(subscriber.tariff())
                .map(t -> t.monthlyFeeMinor() == 0)
                .orElse(false);
        List<UsageRecord> records = new ArrayList<>(count);
        for (long at : times) {
            records.add(record(subscriber, at, payAsYouGo));
        }
        return records;
    }

    private UsageRecord record(Subscriber s, long atMs, boolean payAsYouGo) {
        double kind = random.nextDouble();
        if (kind < 0.55) {
            long seconds = 1 + (long) (-120 * Math.log(1 - random.nextDouble()));
            long minutes = (seconds + 59) / 60;
            return new UsageRecord(
                    s.msisdn(), atMs, UsageKind.CALL, peer(), seconds, payAsYouGo ? minutes * 190 : 0, s.currency());
        }
        if (kind < 0.85) {
            return new UsageRecord(s.msisdn(), atMs, UsageKind.SMS, peer(), 1, payAsYouGo ? 50 : 0, s.currency());
        }
        long bytes = 10_000 + (long) (-20_000_000 * Math.log(1 - random.nextDouble()));
        long megabytes = (bytes + 999_999) / 1_000_000;
        return new UsageRecord(
                s.msisdn(),
                atMs,
                UsageKind.DATA,
                "internet.motiv",
                bytes,
                payAsYouGo ? megabytes * 100 : 0,
                s.currency());
    }

    private String peer() {
        return "+79" + (100_000_000 + random.nextInt(900_000_000));
    }

    private long timeOfDay() {
        double u = random.nextDouble();
        int hour = 0;
        while (hour < 23 && cumulativeHours[hour] < u) {
            hour++;
        }
        return hour * 3_600_000L + random.nextLong(3_600_000L);
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
