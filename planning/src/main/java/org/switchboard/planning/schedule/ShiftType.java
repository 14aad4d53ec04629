package org.switchboard.planning.schedule;

/**
 * One way to work: a pattern starting at a given minute of the period with its breaks placed. The period repeats
 * (a week's schedule is worked every week), so a night shift that starts on the last evening covers the first
 * morning. {@link #intervals} and {@link #shares} say which intervals it covers and how much of each: minutes on the
 * phones over the interval's length.
 */
record ShiftType(int startMinute, ShiftPattern pattern, int[] breakStarts, int[] intervals, double[] shares) {

    /** Whether every minute of the shift, breaks included, falls in an interval the center is open. */
    static boolean fitsOpening(int startMinute, ShiftPattern pattern, Requirements period) {
        for (int m = 0; m < pattern.minutes(); m += period.intervalMinutes()) {
            if (!period.open()[((startMinute + m) % period.minutes()) / period.intervalMinutes()]) {
                return false;
            }
        }
        return period.open()[((startMinute + pattern.minutes() - 1) % period.minutes()) / period.intervalMinutes()];
    }

    static ShiftType of(int startMinute, ShiftPattern pattern, int[] breakStarts, Requirements period) {
        int length = period.intervalMinutes();
        int periodMinutes = period.minutes();
        int count = period.agents().length;
        double[] minutes = new double[count];
        boolean[] onBreak = new boolean[pattern.minutes()];
        for (int b = 0; b < breakStarts.length; b++) {
            for (int m = 0; m < pattern.breaks().get(b).minutes(); m++) {
                onBreak[breakStarts[b] + m] = true;
            }
        }
        int touched = 0;
        for (int m = 0; m < pattern.minutes(); m++) {
            if (!onBreak[m]) {
                int interval = ((startMinute + m) % periodMinutes) / length;
                if (minutes[interval] == 0) {
                    touched++;
                }
                minutes[interval]++;
            }
        }
        int[] intervals = new int[touched];
        double[] shares = new double[touched];
        for (int i = 0, t = 0; i < count; i++) {
            if (minutes[i] > 0) {
                intervals[t] = i;
                shares[t++] = minutes[i] / length;
            }
        }
        return new ShiftType(startMinute, pattern, breakStarts, intervals, shares);
    }

    double paidHours() {
        return pattern.paidHours();
    }
}
