package org.switchboard.planning.replay;

import java.io.IOException;
import java.io.Reader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.switchboard.core.port.Planning.LoggedCall;
import org.switchboard.planning.PlanningCsv;

/**
 * A real call log as {@code switchboard replay} reads it, CSV {@code arrived_at,queue,outcome,wait_seconds,
 * handle_seconds}: {@code outcome} is {@code answered} or {@code abandoned}; {@code handle_seconds} is given for
 * answered calls only.
 */
public final class CallLog {

    private CallLog() {}

    /**
     * Reads a call log, oldest call first (a log out of order is sorted); a bad row is refused with its line number
     * and what is wrong.
     */
    public static List<LoggedCall> read(Reader csv, ZoneId zone) throws IOException {
        List<LoggedCall> calls = new ArrayList<>();
        PlanningCsv.read(csv, row -> calls.add(of(row, zone)), "arrived_at", "queue", "outcome", "wait_seconds");
        calls.sort(Comparator.comparingLong(LoggedCall::arrivedAtMs));
        return calls;
    }

    private static LoggedCall of(CSVRecord row, ZoneId zone) {
        String outcome = PlanningCsv.text(row, "outcome");
        boolean answered = switch (outcome) {
            case "answered" -> true;
            case "abandoned" -> false;
            default ->
                throw new IllegalArgumentException(
                        "outcome must be answered or abandoned, was '" + PlanningCsv.clip(outcome) + "'");
        };
        return new LoggedCall(
                PlanningCsv.timestamp(PlanningCsv.text(row, "arrived_at"), zone)
                        .toInstant()
                        .toEpochMilli(),
                PlanningCsv.queue(PlanningCsv.text(row, "queue")),
                answered,
                PlanningCsv.number(row, "wait_seconds"),
                PlanningCsv.optionalNumber(row, "handle_seconds"));
    }
}
