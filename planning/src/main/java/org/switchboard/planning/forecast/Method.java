package org.switchboard.planning.forecast;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A way to forecast the intervals of some days from the history before them. */
interface Method {

    /** Its name in the backtest's table. */
    String name();

    /** For each date: the contacts expected in each interval, NaN where the center is closed. */
    Map<LocalDate, double[]> forecast(Days history, SpecialDays special, List<LocalDate> dates);
}
