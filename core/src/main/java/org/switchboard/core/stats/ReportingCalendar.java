package org.switchboard.core.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * How the center cuts time for its figures: 15-minute intervals that start on the quarter hours of local time, and
 * days from midnight to midnight, both in the center's time zone (setting {@code center.time-zone}). An interval
 * is found from the zone's offset at the instant, not from the epoch, so it starts on a local quarter hour in any
 * zone (Asia/Kathmandu, +05:45, included); on a day the clocks change, the day has 92 or 100 intervals, and an
 * interval spans the change when the change falls inside it (never with today's offsets, which are whole quarter
 * hours).
 *
 * <p>Immutable and thread-safe.
 */
public final class ReportingCalendar {

    /** Length of a reporting interval: 15 minutes. */
    public static final long INTERVAL_MS = 15 * 60_000L;

    private final ZoneId zone;
    private final ZoneRules rules;

    public ReportingCalendar(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
    }

    /** The zone whose local time the intervals and days follow. */
    public ZoneId zone() {
        return zone;
    }

    /** The start of the interval containing {@code atMs}: the last local quarter hour at or before it, epoch ms. */
    public long intervalStartOf(long atMs) {
        long offsetMs = rules.getOffset(Instant.ofEpochMilli(atMs)).getTotalSeconds() * 1000L;
        return atMs - (Math.floorMod(atMs, INTERVAL_MS) + Math.floorMod(offsetMs, INTERVAL_MS)) % INTERVAL_MS;
    }

    /** The start of the interval that follows the one starting at {@code intervalStartMs}. */
    public long nextIntervalStart(long intervalStartMs) {
        if (intervalStartMs > Long.MAX_VALUE - 2 * INTERVAL_MS) {
            return Long.MAX_VALUE;
        }
        long next = intervalStartOf(intervalStartMs + INTERVAL_MS);
        return next > intervalStartMs ? next : intervalStartMs + INTERVAL_MS;
    }

    /** The start of the first interval starting at or after {@code atMs}. */
    public long firstIntervalStartFrom(long atMs) {
        long start = intervalStartOf(atMs);
        return start == atMs ? start : nextIntervalStart(start);
    }

    /** The local day {@code atMs} falls on. */
    public LocalDate dayOf(long atMs) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(atMs), zone);
    }

    /** The first instant of {@code day}, epoch ms: its local midnight (or the end of a gap that skips it). */
    public long startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
