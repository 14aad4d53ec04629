package org.switchboard.core.model;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a queue is open: opening ranges per weekday and per holiday, in the local time of one time zone. Being
 * closed changes no routing (contacts are still taken and offered to whoever is logged in); it changes what the
 * center tells the subscriber ({@code open} and {@code opensAt} of a registration's reply and of the queue's view:
 * a closed message, a callback at opening, an automatic answer with the opening time) and how long an e-mail is
 * counted as waiting (business time only, docs/metrics.md). A queue without business hours is open around the
 * clock.
 *
 * <p>The rules:
 * <ul>
 *   <li>A range belongs to the day it opens on. One that crosses midnight runs into the next day, even when that
 *       day is a holiday or has no hours of its own.</li>
 *   <li>A holiday's ranges replace its weekday's; a holiday without ranges is closed all day.</li>
 *   <li>The ranges of one day must not overlap; where a range crossing midnight meets the next day's, the time
 *       counts once.</li>
 *   <li>Local times are read in the zone as the clocks show them: on a day the clocks go forward, a range opening
 *       (or closing) in the skipped hour opens (or closes) when the gap ends, and {@code 00:00}–{@code 24:00} lasts 23 hours; on a day they go
 *       back, a repeated time means its first occurrence, and the whole day lasts 25 hours.</li>
 * </ul>
 * The zone belongs to the hours so that the same configuration always means the same instants, in the engine, in
 * a replay and in the statistics: it is journaled with the queue (docs/decisions/0009).
 *
 * @param timeZone the IANA id of the zone the times are in ({@code "Asia/Yekaterinburg"})
 * @param week     ranges by weekday, each day's sorted by opening time; a day without ranges is closed; at least one
 *                 range in the week
 * @param holidays ranges by date ({@code "2027-01-01"}, ISO), replacing that date's weekday; no ranges: closed
 */
public record BusinessHours(
        String timeZone, Map<DayOfWeek, List<OpeningRange>> week, Map<String, List<OpeningRange>> holidays) {

    /** The most ranges one day may have. */
    public static final int MAX_RANGES_PER_DAY = 12;
    /** The most holidays one queue may list (several years of them). */
    public static final int MAX_HOLIDAYS = 1_000;

    public BusinessHours {
        timeZone = zoneOf(timeZone).getId();
        week = weekOf(week);
        holidays = holidaysOf(holidays);
    }

    /** The zone the times are in. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The ranges that open on {@code date}: the holiday's if it is one, else its weekday's; empty when closed. */
    public List<OpeningRange> rangesOn(LocalDate date) {
        List<OpeningRange> holiday = holidays.isEmpty() ? null : holidays.get(date.toString());
        return holiday != null ? holiday : week.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** Whether the queue is open at {@code atMs} (epoch ms). */
    public boolean isOpenAt(long atMs) {
        ZoneId zone = zone();
        LocalDate today = dateOf(atMs, zone);
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            for (OpeningRange range : rangesOn(day)) {
                if (instantOf(day, range.fromMinute(), zone) <= atMs && atMs < instantOf(day, range.toMinute(), zone)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first moment at or after {@code atMs} at which the queue is open: {@code atMs} itself when open then. */
    public long nextOpeningMs(long atMs) {
        if (isOpenAt(atMs)) {
            return atMs;
        }
        ZoneId zone = zone();
        LocalDate today = dateOf(atMs, zone);
        LocalDate horizon = today.plusDays(holidays.size() + 8L);
        for (LocalDate day = today; !day.isAfter(horizon); day = day.plusDays(1)) {
            for (OpeningRange range : rangesOn(day)) {
                long opensMs = instantOf(day, range.fromMinute(), zone);
                if (opensMs >= atMs) {
                    return opensMs;
                }
            }
        }
        throw new IllegalStateException("hours with a range in the week open within a week after the holidays");
    }

    /**
     * How much of {@code [fromMs, toMs)} the queue is open, in ms: business time. 0 when {@code toMs <= fromMs}.
     * Costs a few steps per day of the span.
     */
    public long openMsBetween(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return 0;
        }
        ZoneId zone = zone();
        LocalDate last = dateOf(toMs, zone);
        long openMs = 0;
        long countedUntilMs = fromMs;
        for (LocalDate day = dateOf(fromMs, zone).minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            for (OpeningRange range : rangesOn(day)) {
                long startMs = Math.max(instantOf(day, range.fromMinute(), zone), countedUntilMs);
                long endMs = Math.min(instantOf(day, range.toMinute(), zone), toMs);
                if (endMs > startMs) {
                    openMs += endMs - startMs;
                    countedUntilMs = endMs;
                }
            }
        }
        return openMs;
    }

    private static LocalDate dateOf(long atMs, ZoneId zone) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(atMs), zone);
    }

    /**
     * The instant {@code minute} minutes of local time after the start of {@code day} (may be the next day): a time
     * the clocks skip is the end of the gap, a time they repeat is its first occurrence.
     */
    private static long instantOf(LocalDate day, int minute, ZoneId zone) {
        LocalDateTime local = day.atStartOfDay().plusMinutes(minute);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant().toEpochMilli();
        }
        return local.atZone(zone).toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- checking what was given

    private static ZoneId zoneOf(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidValueException("business hours need a time zone");
        }
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            throw new InvalidValueException("unknown time zone; expected an IANA zone id such as Asia/Yekaterinburg");
        }
    }

    private static Map<DayOfWeek, List<OpeningRange>> weekOf(Map<DayOfWeek, List<OpeningRange>> given) {
        EnumMap<DayOfWeek, List<OpeningRange>> week = new EnumMap<>(DayOfWeek.class);
        if (given != null) {
            given.forEach((day, ranges) -> {
                if (day == null) {
                    throw new InvalidValueException("business hours name a weekday that does not exist");
                }
                List<OpeningRange> checked = dayOf(day.name().toLowerCase(Locale.ROOT), ranges);
                if (!checked.isEmpty()) {
                    week.put(day, checked);
                }
            });
        }
        if (week.isEmpty()) {
            throw new InvalidValueException("business hours need at least one opening range in the week; "
                    + "leave them out for a queue open around the clock");
        }
        return Collections.unmodifiableMap(week);
    }

    private static Map<String, List<OpeningRange>> holidaysOf(Map<String, List<OpeningRange>> given) {
        TreeMap<String, List<OpeningRange>> holidays = new TreeMap<>();
        if (given != null) {
            if (given.size() > MAX_HOLIDAYS) {
                throw new InvalidValueException("at most " + MAX_HOLIDAYS + " holidays per queue");
            }
            given.forEach((date, ranges) -> {
                String day = isoDate(date);
                holidays.put(day, dayOf(day, ranges));
            });
        }
        return Collections.unmodifiableMap(holidays);
    }

    private static String isoDate(String date) {
        try {
            return LocalDate.parse(date == null ? "" : date.trim()).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("holidays are dates as YYYY-MM-DD");
        }
    }

    /** One day's ranges, sorted by opening time; refused when they overlap or are too many. */
    private static List<OpeningRange> dayOf(String day, List<OpeningRange> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_RANGES_PER_DAY) {
            throw new InvalidValueException("at most " + MAX_RANGES_PER_DAY + " opening ranges on " + day);
        }
        List<OpeningRange> ranges = new ArrayList<>(given.size());
        for (OpeningRange range : given) {
            if (range == null) {
                throw new InvalidValueException("an opening range of " + day + " is empty");
            }
            ranges.add(range);
        }
        ranges.sort(Comparator.comparingInt(OpeningRange::fromMinute));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i).fromMinute() < ranges.get(i - 1).toMinute()) {
                throw new InvalidValueException(
                        "opening ranges " + ranges.get(i - 1) + " and " + ranges.get(i) + " of " + day + " overlap");
            }
        }
        return List.copyOf(ranges);
    }
}
