package org.switchboard.planning;

import java.io.IOException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * One interval of a forecast: the contacts offered to a queue and their AHT, with a prediction interval when the
 * forecast gives one. The CSV columns: {@code interval_start,queue,offered,aht_seconds[,low,high]}.
 *
 * @param start      the interval's start, ISO-8601 (read in the planning zone when written without an offset)
 * @param queue      the queue's id
 * @param offered    contacts offered in the interval, ≥ 0
 * @param ahtSeconds their average handle time, > 0
 * @param low        the prediction interval's lower end, or null
 * @param high       its upper end, or null
 */
public record IntervalForecast(
        OffsetDateTime start,
        String queue,
        double offered,
        double ahtSeconds,
        @Nullable Double low,
        @Nullable Double high) {

    public IntervalForecast {
        if (start.getYear() < 2000 || start.getYear() > 2999) {
            throw new IllegalArgumentException(
                    "interval_start " + PlanningCsv.clip(start.toString()) + " is not between the years 2000 and 2999");
        }
        if (low != null && !(low >= 0 && low <= offered)) {
            throw new IllegalArgumentException("low must be 0.." + plain(offered) + " (at most offered), was " + low);
        }
        if (high != null && !(high >= offered && high <= MOST_HIGH)) {
            throw new IllegalArgumentException(
                    "high must be " + plain(offered) + "..100000000 (at least offered), was " + high);
        }
    }

    /** The highest upper end of a prediction interval: ten times the most contacts an interval may be offered. */
    private static final double MOST_HIGH = 1e8;

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Reads a forecast file; a bad row is refused with its line number and what is wrong. */
    public static List<IntervalForecast> read(Reader csv, ZoneId zone) throws IOException {
        List<IntervalForecast> rows = new ArrayList<>();
        PlanningCsv.read(csv, row -> rows.add(of(row, zone)), "interval_start", "queue", "offered", "aht_seconds");
        return rows;
    }

    private static IntervalForecast of(CSVRecord row, ZoneId zone) {
        double offered = PlanningCsv.number(row, "offered");
        double aht = PlanningCsv.number(row, "aht_seconds");
        if (!(offered >= 0 && offered <= 1e7)) {
            throw new IllegalArgumentException("offered must be 0..10000000");
        }
        if (!(aht >= org.switchboard.core.port.Planning.LEAST_SECONDS && aht <= 86_400)) {
            throw new IllegalArgumentException("aht_seconds must be 0.001..86400");
        }
        Double low = PlanningCsv.optionalNumber(row, "low");
        Double high = PlanningCsv.optionalNumber(row, "high");
        return new IntervalForecast(
                PlanningCsv.timestamp(PlanningCsv.text(row, "interval_start"), zone),
                PlanningCsv.queue(PlanningCsv.text(row, "queue")),
                offered,
                aht,
                low,
                high);
    }
}
