package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning.Targets;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.IntervalStaffing;
import org.switchboard.planning.Staffing;
import org.switchboard.planning.scenario.GroupStaffing;
import org.switchboard.planning.scenario.Scenario;
import org.switchboard.planning.scenario.ScenarioFile;
import org.switchboard.planning.scenario.SkillStaffing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard staffing}: the fewest agents meeting the targets, for one load or each interval of a forecast. */
@Command(
        name = "staffing",
        mixinStandardHelpOptions = true,
        description = {
            "The fewest agents that meet every target (Erlang C; Erlang A with --patience-seconds), as one JSON object, "
                    + "or per interval of a forecast as CSV (--forecast).",
            "Example: staffing --arrivals-per-hour 200 --aht-seconds 180 --sl-percent 80 --sl-seconds 20",
            "Example: staffing --forecast forecast.csv --sl-percent 80 --sl-seconds 20 --shrinkage 30 --out need.csv",
            "Example: staffing --scenario docs/examples/scenario.yaml --check-seed 2 --out groups.csv",
            "With --scenario (several queues, agent groups with skills): the agents per group and half hour found by "
                    + "simulating the production engine, as CSV interval_start,group,agents; a JSON summary goes to "
                    + "standard error (standard output with --out)."
        })
final class StaffingCommand implements Callable<Integer> {

    /**
     * Simulated days per staffing judged by default: two cost about what one does on two cores (they run in
     * parallel) and the search ends lower (docs/benchmarks.md).
     */
    static final int DEFAULT_REPLICATIONS = 2;

    @Option(names = "--arrivals-per-hour", description = "Mean arrivals per hour (one load; or --forecast).")
    @Nullable
    Double arrivalsPerHour;

    @Option(names = "--aht-seconds", description = "Average handle time, seconds (one load; or --forecast).")
    @Nullable
    Double ahtSeconds;

    @Option(
            names = "--forecast",
            paramLabel = "FILE",
            description =
                    "A forecast CSV (interval_start,queue,offered,aht_seconds[,low,high]): staffing per interval.")
    @Nullable
    Path forecast;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "A scenario file (YAML or JSON, docs/planning.md): staffing per agent group by simulation.")
    @Nullable
    Path scenario;

    @Option(
            names = "--check-seed",
            paramLabel = "N",
            description = "With --scenario: re-simulate with this seed, removing one agent at a time, and report how "
                    + "many removals break a target.")
    @Nullable
    Long checkSeed;

    @Option(
            names = "--replications",
            paramLabel = "N",
            description = "With --scenario: judge every staffing on N simulated days pooled (each with its own "
                    + "callers), default 2. More days: a staffing less tuned to one day's luck, N times the work.")
    @Nullable
    Integer replications;

    @Option(
            names = "--interval-minutes",
            defaultValue = "30",
            description = "Length of the forecast's intervals, minutes, default 30.")
    int intervalMinutes;

    @Option(names = "--sl-percent", description = "Service-level target: percent answered within --sl-seconds.")
    @Nullable
    Double slPercent;

    @Option(names = "--sl-seconds", defaultValue = "20", description = "Service-level threshold, seconds, default 20.")
    double slSeconds;

    @Option(names = "--asa-seconds", description = "Highest average speed of answer, seconds.")
    @Nullable
    Double asaSeconds;

    @Option(names = "--max-occupancy", description = "Highest occupancy, percent of agent time busy.")
    @Nullable
    Double maxOccupancyPercent;

    @Option(names = "--max-abandon-percent", description = "Highest share of callers hanging up, percent.")
    @Nullable
    Double maxAbandonPercent;

    @Option(names = "--patience-seconds", description = "Callers' mean patience: Erlang A instead of Erlang C.")
    @Nullable
    Double patienceSeconds;

    @Option(
            names = "--shrinkage",
            defaultValue = "0",
            description = "Percent of paid time not on contacts (breaks, training, absence); adds scheduledAgents.")
    double shrinkagePercent;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        output.check();
        if (scenario == null && (checkSeed != null || replications != null)) {
            throw new IllegalArgumentException("--check-seed and --replications go with --scenario");
        }
        if (scenario != null) {
            if (forecast != null || arrivalsPerHour != null || ahtSeconds != null) {
                throw new IllegalArgumentException(
                        "--scenario gives the load; leave out --forecast and --arrivals-per-hour");
            }
            return byScenario(scenario);
        }
        if (forecast != null) {
            if (arrivalsPerHour != null || ahtSeconds != null) {
                throw new IllegalArgumentException("give either --forecast or --arrivals-per-hour/--aht-seconds");
            }
            Targets targets = goal(0, 1);
            List<IntervalForecast> intervals =
                    PlanningOutput.read(forecast, in -> IntervalForecast.read(in, output.zone()));
            List<IntervalStaffing.Row> rows = IntervalStaffing.plan(intervals, targets, intervalMinutes);
            output.write(writer -> IntervalStaffing.write(rows, writer));
            return 0;
        }
        if (arrivalsPerHour == null || ahtSeconds == null) {
            throw new IllegalArgumentException("give --arrivals-per-hour and --aht-seconds, or --forecast FILE");
        }
        Targets goal = goal(arrivalsPerHour, ahtSeconds);
        String json = Staffing.of(goal).toJson(goal);
        output.write(writer -> writer.write(json + "\n"));
        return 0;
    }

    /** Searches the staffing of the scenario's groups, writes it as CSV and a JSON summary beside it. */
    private int byScenario(Path scenario) throws IOException {
        Scenario read = ScenarioFile.parse(
                scenario.toString(), PlanningOutput.bytes(scenario, ScenarioFile.MOST_BYTES + 1), output.zone());
        int days = replications == null ? DEFAULT_REPLICATIONS : replications;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        SkillStaffing.Result found = checkSeed == null
                ? SkillStaffing.search(read, days, threads)
                : SkillStaffing.searchAndCheck(read, checkSeed, days, threads);
        output.write(writer -> GroupStaffing.write(found.staffed(), writer));
        output.notes().println(found.toJson());
        return 0;
    }

    private Targets goal(double perHour, double aht) {
        return new Targets(
                perHour,
                aht,
                fraction(slPercent),
                slSeconds,
                asaSeconds,
                fraction(maxOccupancyPercent),
                fraction(maxAbandonPercent),
                patienceSeconds,
                shrinkagePercent / 100);
    }

    private static @Nullable Double fraction(@Nullable Double percent) {
        return percent == null ? null : percent / 100;
    }
}
