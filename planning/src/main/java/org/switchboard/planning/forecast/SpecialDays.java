package org.switchboard.planning.forecast;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Marked dates: holidays, product launches, anything that moves a day's volume. Past marked days teach a model the
 * effect of their kind (a multiplier on the day's volume); a multiplier the planner gives is used instead. CSV
 * {@code date,kind[,multiplier]}, e.g. {@code 2026-12-01,launch,1.8}.
 */
public final class SpecialDays {

    /** No marked dates. */
    public static final SpecialDays NONE = new SpecialDays(Map.of(), Map.of());

    private final Map<LocalDate, String> kinds;
    private final Map<LocalDate, Double> given;

    private SpecialDays(Map<LocalDate, String> kinds, Map<LocalDate, Double> given) {
        this.kinds = Map.copyOf(kinds);
        this.given = Map.copyOf(given);
    }

    /** {@code date} marked {@code kind}, with the planner's multiplier or null to learn it. */
    public SpecialDays with(LocalDate date, String kind, @Nullable Double multiplier) {
        if (multiplier != null && !(multiplier >= 0 && multiplier <= 100)) {
            throw new IllegalArgumentException("a special day's multiplier must be 0..100, was " + multiplier);
        }
        Map<LocalDate, String> k = new HashMap<>(kinds);
        Map<LocalDate, Double> g = new HashMap<>(given);
        k.put(date, kind);
        if (multiplier != null) {
            g.put(date, multiplier);
        } else {
            g.remove(date);
        }
        return new SpecialDays(k, g);
    }

    public static SpecialDays read(Reader csv) throws IOException {
        SpecialDays days = NONE;
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (var parser = format.parse(csv)) {
            if (!parser.getHeaderNames().contains("date")
                    || !parser.getHeaderNames().contains("kind")) {
                throw new IllegalArgumentException("the header must name the columns date,kind[,multiplier]");
            }
            for (CSVRecord row : parser) {
                days = days.with(row, parser.getHeaderNames().contains("multiplier"));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a readable CSV file: " + e.getMessage(), e);
        }
        return days;
    }

    private SpecialDays with(CSVRecord row, boolean hasMultiplier) {
        long line = row.getRecordNumber() + 1;
        try {
            LocalDate date = LocalDate.parse(row.get("date"));
            String kind = row.get("kind");
            if (!kind.matches("[a-z][a-z0-9_-]{0,31}")) {
                throw new IllegalArgumentException("kind is 1-32 lower-case letters, digits, '_' or '-'");
            }
            Double multiplier = null;
            if (hasMultiplier
                    && row.isSet("multiplier")
                    && !row.get("multiplier").isEmpty()) {
                multiplier = Double.parseDouble(row.get("multiplier"));
                if (!(multiplier >= 0 && multiplier <= 100)) {
                    throw new IllegalArgumentException("multiplier must be 0..100");
                }
            }
            return with(date, kind, multiplier);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
        }
    }

    @Nullable
    String kindOf(LocalDate date) {
        return kinds.get(date);
    }

    @Nullable
    Double givenMultiplier(LocalDate date) {
        return given.get(date);
    }

    boolean isSpecial(LocalDate date) {
        return kinds.containsKey(date);
    }

    /** The kinds marked on or before {@code last}, sorted. */
    Set<String> kindsUpTo(LocalDate last) {
        Set<String> seen = new TreeSet<>();
        kinds.forEach((date, kind) -> {
            if (!date.isAfter(last)) {
                seen.add(kind);
            }
        });
        return Collections.unmodifiableSet(seen);
    }
}
