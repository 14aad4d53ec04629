package org.switchboard.planning;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.switchboard.core.port.Planning.Targets;

/**
 * Staffing for every interval of a forecast: the same targets, each interval's own traffic (its offered contacts
 * spread over the interval's length, its AHT). Written as CSV: {@code interval_start,queue,offered,aht_seconds,
 * agents,scheduled_agents,service_level,prob_wait,asa_seconds,occupancy,prob_abandon}.
 */
public final class IntervalStaffing {

    private static final String[] HEADER = {
        "interval_start",
        "queue",
        "offered",
        "aht_seconds",
        "agents",
        "scheduled_agents",
        "service_level",
        "prob_wait",
        "asa_seconds",
        "occupancy",
        "prob_abandon"
    };

    private IntervalStaffing() {}

    /** One interval's requirement. */
    public record Row(IntervalForecast interval, Staffing staffing) {}

    /** The requirement of each interval, in the forecast's order. */
    public static List<Row> plan(List<IntervalForecast> forecast, Targets targets, int intervalMinutes) {
        if (intervalMinutes < 1 || intervalMinutes > 1440) {
            throw new IllegalArgumentException("interval minutes must be 1..1440, was " + intervalMinutes);
        }
        if (forecast.isEmpty()) {
            throw new IllegalArgumentException("the forecast has no rows");
        }
        IntervalGrid.requireIntervals(forecast, intervalMinutes, "interval minutes");
        Map<List<Double>, Staffing> solved = new HashMap<>(); // many intervals share their traffic
        List<Row> rows = new ArrayList<>(forecast.size());
        for (IntervalForecast interval : forecast) {
            Stopping.check();
            double perHour = interval.offered() * 60 / intervalMinutes;
            Staffing staffing = solved.computeIfAbsent(
                    List.of(perHour, interval.ahtSeconds()),
                    key -> Staffing.of(targets.withTraffic(perHour, interval.ahtSeconds())));
            rows.add(new Row(interval, staffing));
        }
        return rows;
    }

    /** Writes the rows as CSV; {@code out} stays open. */
    public static void write(List<Row> rows, Appendable out) throws IOException {
        @SuppressWarnings("resource") // closing it would close out, which belongs to the caller
        CSVPrinter printer = PlanningCsv.printer(out, HEADER);
        for (Row row : rows) {
            Staffing s = row.staffing();
            printer.printRecord(
                    row.interval().start(),
                    row.interval().queue(),
                    PlanningCsv.format(row.interval().offered()),
                    PlanningCsv.format(row.interval().ahtSeconds()),
                    s.agents(),
                    s.scheduledAgents(),
                    PlanningCsv.format(s.serviceLevel()),
                    PlanningCsv.format(s.probWait()),
                    PlanningCsv.format(s.asaSeconds()),
                    PlanningCsv.format(s.occupancy()),
                    s.probAbandon() == null ? "" : PlanningCsv.format(s.probAbandon()));
        }
        printer.flush();
    }
}
