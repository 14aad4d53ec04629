package org.switchboard.core.model;

import java.util.regex.Pattern;

/**
 * One span of a day's opening hours, in the local time of the hours' zone, on a 24-hour clock ({@code "09:00"}):
 * open from {@code from} up to, not including, {@code to}. A range whose {@code to} comes before its {@code from}
 * crosses midnight and closes on the next day ({@code "22:00"}–{@code "06:00"}); {@code "24:00"} (or
 * {@code "00:00"}, which is stored as {@code "24:00"}) closes at the midnight that ends the day, so
 * {@code "00:00"}–{@code "24:00"} is the whole day. A range lasts less than 24 hours: {@code from} and {@code to}
 * are never equal.
 *
 * @param from opening time, {@code "00:00"}..{@code "23:59"}
 * @param to   closing time, {@code "00:01"}..{@code "24:00"}, or earlier than {@code from} for the next day
 */
public record OpeningRange(String from, String to) {

    static final int MINUTES_PER_DAY = 24 * 60;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
    private static final String MIDNIGHT = "00:00";
    private static final String END_OF_DAY = "24:00";

    public OpeningRange {
        requireTime("from", from);
        requireTime("to", to);
        if (from.equals(END_OF_DAY)) {
            throw new InvalidValueException("opening hours cannot open at 24:00; use 00:00");
        }
        to = to.equals(MIDNIGHT) ? END_OF_DAY : to;
        if (from.equals(to)) {
            throw new InvalidValueException("opening hours from " + from + " to " + to
                    + " open and close at the same time; use 00:00-24:00 for the whole day");
        }
    }

    /** Minutes after the start of the day at which the range opens: 0..1439. */
    public int fromMinute() {
        return minuteOf(from);
    }

    /**
     * Minutes after the start of the range's day at which it closes: after {@link #fromMinute()}, 1440 at most for
     * a range that closes the same day, up to 2878 for one that crosses midnight.
     */
    public int toMinute() {
        int to = minuteOf(this.to);
        return to > fromMinute() ? to : to + MINUTES_PER_DAY;
    }

    /** Whether the range closes on the next day. */
    public boolean crossesMidnight() {
        return toMinute() > MINUTES_PER_DAY;
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }

    private static int minuteOf(String time) {
        return ((time.charAt(0) - '0') * 10 + time.charAt(1) - '0') * 60
                + (time.charAt(3) - '0') * 10
                + time.charAt(4)
                - '0';
    }

    private static void requireTime(String field, String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            throw new InvalidValueException("opening hours need '" + field
                    + "' as HH:MM on a 24-hour clock (00:00 to 23:59, or 24:00 to close at midnight)");
        }
    }
}
