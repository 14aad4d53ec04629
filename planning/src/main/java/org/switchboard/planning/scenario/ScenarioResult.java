package org.switchboard.planning.scenario;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.planning.EwtCheck;
import org.switchboard.planning.Json;
import org.switchboard.planning.PlanningCsv;

/**
 * What a scenario run measured, per queue and interval of arrival, with each queue's targets judged interval by
 * interval. Shares are fractions 0..1, times seconds; the definitions are the center's (docs/metrics.md).
 */
public final class ScenarioResult {

    private final Scenario scenario;
    private final ScenarioTally tally;
    private final EwtCheck ewt;
    private final int replications;

    ScenarioResult(Scenario scenario, ScenarioTally tally, EwtCheck ewt, int replications) {
        this.scenario = scenario;
        this.tally = tally;
        this.ewt = ewt;
        this.replications = replications;
    }

    ScenarioTally tally() {
        return tally;
    }

    /** How many runs of the scenario these figures pool (their counts are the sums over those runs). */
    public int replications() {
        return replications;
    }

    /**
     * Callers of a queue (or all) arriving in an interval (or several).
     *
     * @param answeredInTime answered within the queue's threshold
     * @param abandoned      hung up after 5 s or more
     * @param shortAbandoned hung up within 5 s (not in the service level)
     * @param waitMs         the waits of the answered callers, summed
     * @param callbacks      callers who took a callback offered
     * @param callbacksDeclined callers offered a callback who waited on instead
     */
    public record Figures(
            long offered,
            long answered,
            long answeredInTime,
            long abandoned,
            long shortAbandoned,
            long waitMs,
            long callbacks,
            long callbacksDeclined) {

        /** Answered within the threshold over answered and abandoned after 5 s; 1 when there were none. */
        public double serviceLevel() {
            long judged = answered + abandoned;
            return judged == 0 ? 1 : (double) answeredInTime / judged;
        }

        public double asaSeconds() {
            return answered == 0 ? 0 : waitMs / 1000.0 / answered;
        }

        /** Every caller who hung up over the callers offered. */
        public double probAbandon() {
            return offered == 0 ? 0 : (double) (abandoned + shortAbandoned) / offered;
        }

        /** True when these figures keep every part of {@code target}. */
        public boolean meets(Scenario.Target target) {
            return serviceLevel() >= target.serviceLevel() - 1e-12
                    && (target.asaSeconds() == null || asaSeconds() <= target.asaSeconds())
                    && (target.maxAbandon() == null || probAbandon() <= target.maxAbandon());
        }

        Json toJson() {
            return new Json()
                    .field("offered", offered)
                    .field("answered", answered)
                    .field("abandoned", abandoned + shortAbandoned)
                    .field("callbacks", callbacks)
                    .field("callbacksDeclined", callbacksDeclined)
                    .field("serviceLevel", serviceLevel())
                    .field("asaSeconds", asaSeconds())
                    .field("probAbandon", probAbandon());
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The callers of queue {@code q} arriving in interval {@code t}. */
    public Figures figures(int q, int t) {
        return tally.figures(q, t, t + 1);
    }

    /** All callers of queue {@code q} (-1: of every queue). */
    public Figures total(int q) {
        return tally.figures(q, 0, scenario.intervals());
    }

    /** True when queue {@code q} kept its target in interval {@code t}. */
    public boolean meets(int q, int t) {
        return figures(q, t).meets(scenario.queues().get(q).target());
    }

    /** How many (queue, interval) pairs missed their target. */
    public int misses() {
        int misses = 0;
        for (int q = 0; q < scenario.queues().size(); q++) {
            for (int t = 0; t < scenario.intervals(); t++) {
                misses += meets(q, t) ? 0 : 1;
            }
        }
        return misses;
    }

    /** Agent hours the groups' staffing pays for. */
    public double agentHours() {
        long agentIntervals = 0;
        for (Scenario.Group group : scenario.groups()) {
            for (int n : group.agents()) {
                agentIntervals += n;
            }
        }
        return agentIntervals * scenario.intervalMinutes() / 60.0;
    }

    /** The estimated waits told to callers, checked against their waits: of the first replication. */
    public EwtCheck ewt() {
        return ewt;
    }

    /** One JSON object: the scenario in brief, the total, per queue its total and missed intervals, per group. */
    public String toJson() {
        Json queues = new Json();
        for (int q = 0; q < scenario.queues().size(); q++) {
            Scenario.QueueSpec queue = scenario.queues().get(q);
            int missed = 0;
            for (int t = 0; t < scenario.intervals(); t++) {
                missed += meets(q, t) ? 0 : 1;
            }
            queues.field(
                    queue.id(),
                    total(q).toJson()
                            .field("handle", queue.handle().describe())
                            .field(
                                    "patience",
                                    queue.patience() == null
                                            ? null
                                            : queue.patience().describe())
                            .field("intervalsMissingTarget", missed));
        }
        Json groups = new Json();
        for (Scenario.Group group : scenario.groups()) {
            long agentIntervals = 0;
            int most = 0;
            for (int n : group.agents()) {
                agentIntervals += n;
                most = Math.max(most, n);
            }
            groups.field(
                    group.id(),
                    new Json()
                            .field("mostAgents", most)
                            .field("agentHours", agentIntervals * scenario.intervalMinutes() / 60.0));
        }
        return new Json()
                .field(
                        "scenario",
                        new Json()
                                .field("start", scenario.start().toString())
                                .field("days", scenario.days())
                                .field("zone", scenario.zone().getId())
                                .field("intervalMinutes", scenario.intervalMinutes())
                                .field("seed", scenario.seed())
                                .field("replications", replications))
                .field("total", total(-1).toJson().field("agentHours", agentHours()))
                .field("queues", queues)
                .field("groups", groups)
                .field("ewt", ewt.toJson())
                .toString();
    }

    /** Per queue and interval, a CSV row: {@code interval_start,queue,offered,…,meets_target}. */
    public void writeIntervals(Appendable out) throws IOException {
        var printer = PlanningCsv.printer(
                out,
                "interval_start",
                "queue",
                "offered",
                "answered",
                "abandoned",
                "callbacks",
                "service_level",
                "asa_seconds",
                "prob_abandon",
                "meets_target");
        for (int t = 0; t < scenario.intervals(); t++) {
            String start = Instant.ofEpochMilli(scenario.startMs() + t * scenario.intervalMs())
                    .atZone(scenario.zone())
                    .toOffsetDateTime()
                    .toString();
            for (int q = 0; q < scenario.queues().size(); q++) {
                Figures f = figures(q, t);
                List<Object> row = new ArrayList<>(List.of(
                        start,
                        scenario.queues().get(q).id(),
                        f.offered(),
                        f.answered(),
                        f.abandoned() + f.shortAbandoned(),
                        f.callbacks(),
                        PlanningCsv.format(f.serviceLevel()),
                        PlanningCsv.format(f.asaSeconds()),
                        PlanningCsv.format(f.probAbandon()),
                        meets(q, t)));
                printer.printRecord(row);
            }
        }
        printer.flush();
    }
}
