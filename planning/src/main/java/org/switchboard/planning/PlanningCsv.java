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
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
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
        try (var parser = header(csv)) {
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
        } catch (java.io.UncheckedIOException e) {
            throw unreadable(java.util.Objects.requireNonNull(e.getCause(), "an UncheckedIOException has a cause"));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException cause) {
                throw unreadable(cause);
            }
            throw e;
        }
    }

    /**
     * A parser past the header; a header that is not one (a column without a name, a name twice) or text that is not
     * CSV (a quote never closed) is refused in words, without the header echoed or Java's class names.
     */
    private static org.apache.commons.csv.CSVParser header(Reader csv) throws IOException {
        try {
            return FORMAT.parse(csv);
        } catch (IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException e) {
            String said = String.valueOf(e.getMessage());
            if (said.startsWith("A header name is missing")) {
                throw new IllegalArgumentException("the header has a column without a name", e);
            }
            var duplicate = java.util.regex.Pattern.compile("duplicate name: \"(.*?)\" in ")
                    .matcher(said);
            if (duplicate.find()) {
                throw new IllegalArgumentException("the header names '" + clip(duplicate.group(1)) + "' twice", e);
            }
            throw new IllegalArgumentException("the header is not readable", e);
        }
    }

    /**
     * Text that is not CSV, or not UTF-8, as an {@link IllegalArgumentException} in words; any other failure to read
     * (the disk, the device) stays the {@link IOException} it is, for the caller to name the file.
     */
    private static IOException unreadable(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            throw new IllegalArgumentException("not UTF-8 text", e);
        }
        if (e instanceof org.apache.commons.csv.CSVException) {
            throw new IllegalArgumentException(inWords(String.valueOf(e.getMessage())), e);
        }
        return e;
    }

    private static final java.util.regex.Pattern UNCLOSED =
            java.util.regex.Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");
    private static final java.util.regex.Pattern AFTER_QUOTE = java.util.regex.Pattern.compile(
            "Invalid character between encapsulated token and delimiter at line: (\\d+).*");

    /** Commons CSV's two messages a planner meets (an unclosed quote, text after a closing one) in words. */
    private static String inWords(String message) {
        var unclosed = UNCLOSED.matcher(message);
        if (unclosed.matches()) {
            return "line " + unclosed.group(1) + ": a field opens a quote (\") that the file never closes";
        }
        var afterQuote = AFTER_QUOTE.matcher(message);
        if (afterQuote.matches()) {
            return "line " + afterQuote.group(1)
                    + ": text after a field's closing quote (a quote inside a quoted field is written twice: \"\")";
        }
        return "not a readable CSV file: " + clip(message, 120);
    }

    static void requireColumns(List<String> header, String... names) {
        for (String name : names) {
            if (!header.contains(name)
                    && header.size() == 1
                    && header.getFirst().contains(";")) {
                throw new IllegalArgumentException("the columns are separated by ';'; the planning files use ','"
                        + " (save the sheet as CSV with commas)");
            }
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
        return clip(text, 40);
    }

    private static String clip(String text, int most) {
        return text.length() <= most ? text : text.substring(0, most) + "…";
    }

    /**
     * A number for a CSV cell or a JSON answer: up to 6 significant digits, no exponent for everyday values, no
     * trailing zeros after the decimal point (only there: 100000.4 stays 100000, 4.6e-10 keeps its exponent's 0).
     */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(java.util.Locale.ROOT, "%.6g", value);
        int exponent = text.indexOf('e');
        String digits = exponent < 0 ? text : text.substring(0, exponent);
        if (digits.indexOf('.') >= 0) {
            digits = digits.replaceFirst("\\.?0+$", "");
        }
        return exponent < 0 ? digits : digits + text.substring(exponent);
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
