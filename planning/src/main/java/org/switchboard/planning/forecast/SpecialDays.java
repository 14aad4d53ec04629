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
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.PlanningCsv;

/**
 * Marked dates: holidays, product launches, anything that moves a day's volume. Past marked days teach a model the
 * effect of their kind (a multiplier on the day's volume); a multiplier the planner gives is used instead. CSV
 * {@code date,kind[,multiplier]}, e.g. {@code 2026-12-01,launch,1.8}.
 */
public final class SpecialDays {

    /** No marked dates. */
    public static final SpecialDays NONE = new SpecialDays(Map.of(), Map.of());

    private static final java.util.regex.Pattern KIND = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

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

    /** The marked dates of a CSV {@code date,kind[,multiplier]}; a date marked twice is refused. */
    public static SpecialDays read(Reader csv) throws IOException {
        Map<LocalDate, String> kinds = new HashMap<>();
        Map<LocalDate, Double> given = new HashMap<>();
        PlanningCsv.read(
                csv,
                row -> {
                    LocalDate date = date(PlanningCsv.text(row, "date"));
                    String kind = PlanningCsv.text(row, "kind");
                    if (!KIND.matcher(kind).matches()) {
                        throw new IllegalArgumentException("kind is 1-32 lower-case letters, digits, '_' or '-', was '"
                                + PlanningCsv.clip(kind) + "'");
                    }
                    Double multiplier = PlanningCsv.optionalNumber(row, "multiplier");
                    if (multiplier != null && !(multiplier >= 0 && multiplier <= 100)) {
                        throw new IllegalArgumentException(
                                "multiplier must be 0..100, was " + PlanningCsv.format(multiplier));
                    }
                    if (kinds.put(date, kind) != null) {
                        throw new IllegalArgumentException(date + " is marked twice");
                    }
                    if (multiplier != null) {
                        given.put(date, multiplier);
                    }
                },
                "date",
                "kind");
        return new SpecialDays(kinds, given);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date is not a date (YYYY-MM-DD): '" + PlanningCsv.clip(text) + "'", e);
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
