package org.switchboard.planning;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.Ids;

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
                    "interval_start " + clip(start.toString()) + " is not between the years 2000 and 2999");
        }
    }

    /** The most rows a planning file may hold (a year of 5-minute intervals for 20 queues and then some). */
    public static final int MOST_ROWS = 2_500_000;

    static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    /** Reads a forecast file; a bad row is refused with its line number and what is wrong. */
    public static List<IntervalForecast> read(Reader csv, ZoneId zone) throws IOException {
        List<IntervalForecast> rows = new ArrayList<>();
        try (var parser = FORMAT.parse(csv)) {
            requireColumns(parser.getHeaderNames(), "interval_start", "queue", "offered", "aht_seconds");
            for (CSVRecord row : parser) {
                if (rows.size() == MOST_ROWS) {
                    throw new IllegalArgumentException("more than " + MOST_ROWS + " rows");
                }
                rows.add(of(row, zone));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a readable CSV file: " + e.getMessage(), e);
        }
        return rows;
    }

    private static IntervalForecast of(CSVRecord row, ZoneId zone) {
        long line = row.getRecordNumber() + 1;
        try {
            double offered = number(row, "offered");
            double aht = number(row, "aht_seconds");
            if (offered < 0 || aht <= 0) {
                throw new IllegalArgumentException("offered must be >= 0 and aht_seconds > 0");
            }
            Double low = optionalNumber(row, "low");
            Double high = optionalNumber(row, "high");
            return new IntervalForecast(
                    timestamp(text(row, "interval_start"), zone), queue(text(row, "queue")), offered, aht, low, high);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
        }
    }

    static void requireColumns(List<String> header, String... names) {
        for (String name : names) {
            if (!header.contains(name)) {
                throw new IllegalArgumentException(
                        "the header must name the columns " + String.join(",", names) + "; '" + name + "' is missing");
            }
        }
    }

    static String text(CSVRecord row, String column) {
        if (!row.isSet(column)) {
            throw new IllegalArgumentException("the row has no " + column);
        }
        return row.get(column);
    }

    static double number(CSVRecord row, String column) {
        String text = text(row, column);
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: '" + clip(text) + "'", e);
        }
    }

    static @Nullable Double optionalNumber(CSVRecord row, String column) {
        return row.isMapped(column) && row.isSet(column) && !row.get(column).isEmpty() ? number(row, column) : null;
    }

    /** An ISO-8601 timestamp with an offset, or a local one read in {@code zone}. */
    public static OffsetDateTime timestamp(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException local) {
                throw new IllegalArgumentException(
                        "not an ISO-8601 timestamp (e.g. 2026-12-01T09:30 or 2026-12-01T09:30+05:00): '" + clip(text)
                                + "'",
                        local);
            }
        }
    }

    static String queue(String text) {
        return Ids.require("queue", clip(text));
    }

    static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
