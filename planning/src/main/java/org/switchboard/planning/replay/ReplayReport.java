package org.switchboard.planning.replay;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.commons.csv.CSVPrinter;
import org.switchboard.core.port.Planning.ReplayFigures;
import org.switchboard.core.port.Planning.ReplayInterval;
import org.switchboard.core.port.Planning.ReplayResult;
import org.switchboard.core.port.Planning.ReplaySide;
import org.switchboard.planning.Json;
import org.switchboard.planning.PlanningCsv;

/** How a {@link ReplayResult} is written: one JSON object, and a CSV of its intervals. */
public final class ReplayReport {

    private static final String[] HEADER = {
        "interval_start",
        "queue",
        "agents",
        "offered",
        "log_answered",
        "replay_answered",
        "log_abandoned",
        "replay_abandoned",
        "replay_callbacks",
        "replay_callbacks_declined",
        "replay_unserved",
        "log_service_level",
        "replay_service_level",
        "log_asa_seconds",
        "replay_asa_seconds",
        "log_prob_abandon",
        "replay_prob_abandon"
    };

    private ReplayReport() {}

    /**
     * {@code {"total":{"replay":{…},"log":{…}},"queues":{"<id>":{"replay":{…},"log":{…}}},"intervalMinutes":30}},
     * each {@code {…}} with {@code offered, answered, abandoned, unserved, serviceLevel, asaSeconds, probAbandon}.
     */
    public static String json(ReplayResult result) {
        Json queues = new Json();
        result.queues().forEach((id, side) -> queues.field(id, json(side)));
        return new Json()
                .field("total", json(result.total()))
                .field("queues", queues)
                .field("intervalMinutes", result.intervalMinutes())
                .toString();
    }

    private static Json json(ReplaySide side) {
        return new Json().field("replay", json(side.replay())).field("log", json(side.log()));
    }

    private static Json json(ReplayFigures f) {
        return new Json()
                .field("offered", f.offered())
                .field("answered", f.answered())
                .field("abandoned", f.abandoned())
                .field("callbacks", f.callbacks())
                .field("callbacksDeclined", f.callbacksDeclined())
                .field("unserved", f.unserved())
                .field("serviceLevel", f.serviceLevel())
                .field("asaSeconds", f.asaSeconds())
                .field("probAbandon", f.probAbandon());
    }

    /** The intervals as CSV, starts in {@code zone} with their offset; {@code out} stays open. */
    public static void writeIntervals(ReplayResult result, ZoneId zone, Appendable out) throws IOException {
        @SuppressWarnings("resource") // closing it would close out, which belongs to the caller
        CSVPrinter printer = PlanningCsv.printer(out, HEADER);
        for (ReplayInterval interval : result.intervals()) {
            ReplayFigures log = interval.figures().log();
            ReplayFigures replay = interval.figures().replay();
            printer.printRecord(
                    Instant.ofEpochMilli(interval.startMs()).atZone(zone).toOffsetDateTime(),
                    interval.queue(),
                    interval.agents(),
                    log.offered(),
                    log.answered(),
                    replay.answered(),
                    log.abandoned(),
                    replay.abandoned(),
                    replay.callbacks(),
                    replay.callbacksDeclined(),
                    replay.unserved(),
                    PlanningCsv.format(log.serviceLevel()),
                    PlanningCsv.format(replay.serviceLevel()),
                    PlanningCsv.format(log.asaSeconds()),
                    PlanningCsv.format(replay.asaSeconds()),
                    PlanningCsv.format(log.probAbandon()),
                    PlanningCsv.format(replay.probAbandon()));
        }
        printer.flush();
    }
}
