package org.switchboard.planning;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.Ids;

/**
 * How the planning commands read their CSV files: a header naming the columns, one record per row, and a bad row
 * refused with its line number and what is wrong (the value quoted, clipped to 40 characters).
 */
public final class PlanningCsv {

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

    private static final long YEAR_2000_MS =
            Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long YEAR_3000_MS =
            Instant.parse("3000-01-01T00:00:00Z").toEpochMilli();

    private PlanningCsv() {}

    /**
     * Hands each row of {@code csv} to {@code row}, at most {@link #MOST_ROWS}; the header must name
     * {@code columns}. An {@link IllegalArgumentException} from {@code row} is refused with the row's line number.
     */
    public static void read(Reader csv, Consumer<CSVRecord> row, String... columns) throws IOException {
        try (var parser = FORMAT.parse(csv)) {
            requireColumns(parser.getHeaderNames(), columns);
            int rows = 0;
            for (CSVRecord record : parser) {
                if (rows++ == MOST_ROWS) {
                    throw new IllegalArgumentException("more than " + MOST_ROWS + " rows");
                }
                try {
                    row.accept(record);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "line " + (record.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text", e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) {
                throw new IllegalArgumentException("not UTF-8 text", e);
            }
            throw new IllegalArgumentException("not a readable CSV file: " + clip(String.valueOf(e.getMessage())), e);
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

    public static String text(CSVRecord row, String column) {
        if (!row.isSet(column)) {
            throw new IllegalArgumentException("the row has no " + column);
        }
        return row.get(column);
    }

    public static double number(CSVRecord row, String column) {
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

    public static @Nullable Double optionalNumber(CSVRecord row, String column) {
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

    public static String queue(String text) {
        return Ids.require("queue", clip(text));
    }

    public static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A number for a CSV cell: up to 6 significant digits, no exponent for everyday values. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(java.util.Locale.ROOT, "%.6g", value);
        return text.contains("e") ? text : text.replaceFirst("\\.?0+$", "");
    }

    /** A printer of rows under {@code header} to {@code out}, lines ending in {@code \n}; flush it, leave out open. */
    public static org.apache.commons.csv.CSVPrinter printer(Appendable out, String... header) throws IOException {
        return new org.apache.commons.csv.CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header)
                        .setRecordSeparator('\n')
                        .get());
    }
}
