package org.switchboard.planning.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * A kind of shift: its length (all of it paid) and the rules that place its breaks. A break may float: it starts
 * between {@code earliest} and {@code latest} minutes after the shift starts, on a half hour from the earliest, and
 * the schedule chooses where (lunches are staggered so the phones stay covered).
 *
 * @param name    what planners call it: {@code 8h}, {@code 12h}
 * @param minutes the shift's length, paid, breaks included
 * @param breaks  the breaks, in order; nobody takes calls during them
 */
public record ShiftPattern(String name, int minutes, List<Break> breaks) {

    /** A break of {@code minutes} starting {@code earliest..latest} minutes into the shift, in steps of 30. */
    public record Break(int earliest, int latest, int minutes) {
        public Break {
            if (earliest < 0 || latest < earliest || minutes <= 0) {
                throw new IllegalArgumentException("a break needs 0 <= earliest <= latest and minutes > 0");
            }
        }

        List<Integer> starts() {
            List<Integer> starts = new ArrayList<>();
            for (int at = earliest; at <= latest; at += 30) {
                starts.add(at);
            }
            return starts;
        }
    }

    /** 8 hours: 15-minute breaks after 2 h and after 6 h, a 30-minute lunch starting 3 h 30 to 4 h 30 in. */
    public static final ShiftPattern EIGHT_HOURS = new ShiftPattern(
            "8h", 480, List.of(new Break(120, 120, 15), new Break(210, 270, 30), new Break(360, 360, 15)));

    /**
     * 12 hours (day or night): 15-minute breaks after 2 h, 8 h and 10 h, a 30-minute lunch starting 5 h to 6 h in.
     */
    public static final ShiftPattern TWELVE_HOURS = new ShiftPattern(
            "12h",
            720,
            List.of(
                    new Break(120, 120, 15),
                    new Break(300, 360, 30),
                    new Break(480, 480, 15),
                    new Break(600, 600, 15)));

    /** 6 hours (part time): 15-minute breaks after 2 h and after 4 h. */
    public static final ShiftPattern SIX_HOURS =
            new ShiftPattern("6h", 360, List.of(new Break(120, 120, 15), new Break(240, 240, 15)));

    /** 4 hours (part time): a 15-minute break after 2 h. */
    public static final ShiftPattern FOUR_HOURS = new ShiftPattern("4h", 240, List.of(new Break(120, 120, 15)));

    public ShiftPattern {
        breaks = List.copyOf(breaks);
        if (minutes < 60 || minutes > 16 * 60) {
            throw new IllegalArgumentException("a shift lasts 1 to 16 hours");
        }
        for (Break b : breaks) {
            if (b.latest() + b.minutes() > minutes) {
                throw new IllegalArgumentException("a break of the " + name + " shift ends after the shift");
            }
        }
    }

    /** The patterns planners name: {@code 4h}, {@code 6h}, {@code 8h} and {@code 12h}. */
    public static ShiftPattern named(String name) {
        return switch (name.trim()) {
            case "4h", "4" -> FOUR_HOURS;
            case "6h", "6" -> SIX_HOURS;
            case "8h", "8" -> EIGHT_HOURS;
            case "12h", "12" -> TWELVE_HOURS;
            default -> throw new IllegalArgumentException("shift patterns are 4h, 6h, 8h and 12h, not '" + name + "'");
        };
    }

    /** Every way to place the breaks: one offset list per combination of floating breaks' starts. */
    List<int[]> placements() {
        List<int[]> placements = new ArrayList<>();
        placements.add(new int[0]);
        for (Break b : breaks) {
            List<int[]> next = new ArrayList<>();
            for (int[] before : placements) {
                for (int start : b.starts()) {
                    int[] more = java.util.Arrays.copyOf(before, before.length + 1);
                    more[before.length] = start;
                    next.add(more);
                }
            }
            placements = next;
        }
        return placements;
    }

    double paidHours() {
        return minutes / 60.0;
    }
}
