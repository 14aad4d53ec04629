package org.switchboard.app;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.Simulator;
import org.switchboard.planning.scenario.GroupStaffing;
import org.switchboard.planning.scenario.Scenario;
import org.switchboard.planning.scenario.ScenarioFile;
import org.switchboard.planning.scenario.ScenarioResult;
import org.switchboard.planning.scenario.ScenarioRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard simulate}: the production routing engine in virtual time; prints one JSON object. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run the routing engine in virtual time on Poisson arrivals with exponential handle times "
                    + "(and patience), and print the figures as one JSON object, next to the Erlang C/A predictions.",
            "Example: simulate --agents 14 --arrivals-per-hour 200 --aht-seconds 180 --sl-seconds 20 "
                    + "--hours 1000 --seed 1 --time-zone Asia/Yekaterinburg",
            "Example: simulate --scenario docs/examples/scenario.yaml --intervals intervals.csv",
            "A scenario file (docs/planning.md) says what flags cannot: queues with arrivals per interval, handle and "
                    + "patience distributions, routing steps, callbacks, agent groups with skills and shifts."
        })
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--agents", description = "Agents staffed all the time (or --scenario).")
    @Nullable
    Integer agents;

    @Option(names = "--arrivals-per-hour", description = "Mean arrivals per hour, Poisson (or --scenario).")
    @Nullable
    Double arrivalsPerHour;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description = "Simulate a scenario file (YAML or JSON, docs/planning.md) instead of the flags above.")
    @Nullable
    Path scenario;

    @Option(
            names = "--staffing",
            paramLabel = "CSV",
            description = "With --scenario: the groups' agents per interval (interval_start,group,agents), "
                    + "as staffing --scenario writes them.")
    @Nullable
    Path staffing;

    @Option(
            names = "--intervals",
            paramLabel = "CSV",
            description = "With --scenario: write per queue and interval the figures and whether the target was met.")
    @Nullable
    Path intervals;

    @Option(
            names = "--replications",
            paramLabel = "N",
            defaultValue = "1",
            description = "With --scenario: simulate N days, each with its own callers, and pool their figures "
                    + "(counts are the sums), default 1.")
    int replications;

    @Option(names = "--aht-seconds", defaultValue = "90", description = "Mean handle time (exponential), default 90.")
    double ahtSeconds;

    @Option(
            names = "--sl-seconds",
            defaultValue = "20",
            description = "Service-level threshold in seconds, default 20.")
    int slSeconds;

    @Option(names = "--hours", defaultValue = "24", description = "Simulated hours, default 24.")
    double hours;

    @Option(
            names = "--seed",
            description = "Random seed; the same seed gives the same run. Default 1, or the scenario's.")
    @Nullable
    Long seed;

    @Option(
            names = "--patience-seconds",
            description = "Mean patience (exponential) before a waiting caller hangs up; without it nobody does.")
    @Nullable
    Double patienceSeconds;

    @Option(
            names = "--queues",
            defaultValue = "1",
            description =
                    "Queues (each agent serves two), default 1. With more than one, no pooled Erlang prediction is printed: agents shared between queues are not one Erlang queue.")
    int queues;

    @Option(names = "--wrap-up-seconds", defaultValue = "0", description = "After-call work per call, default 0.")
    int wrapUpSeconds;

    @Option(
            names = "--time-zone",
            description = "The center's time zone (IANA id): the run starts at its midnight "
                    + "and reports its days. Default: SWITCHBOARD_TIME_ZONE, else the system's zone.")
    @Nullable
    String timeZone;

    @Override
    public Integer call() throws java.io.IOException {
        if (scenario != null) {
            if (agents != null || arrivalsPerHour != null) {
                throw new IllegalArgumentException(
                        "--scenario says the agents and arrivals; leave out --agents and --arrivals-per-hour");
            }
            return runScenario(scenario);
        }
        if (staffing != null || intervals != null || replications != 1) {
            throw new IllegalArgumentException("--staffing, --intervals and --replications go with --scenario");
        }
        if (agents == null || arrivalsPerHour == null) {
            throw new IllegalArgumentException("give --agents and --arrivals-per-hour, or --scenario FILE");
        }
        var config = new Simulator.Config(
                agents,
                arrivalsPerHour,
                ahtSeconds,
                slSeconds,
                hours,
                seed == null ? 1 : seed,
                patienceSeconds,
                queues,
                wrapUpSeconds,
                zone(timeZone, System.getenv("SWITCHBOARD_TIME_ZONE")));
        System.out.println(Simulator.run(config).toJson());
        return 0;
    }

    private int runScenario(Path scenario) throws java.io.IOException {
        if (intervals != null) {
            PlanningOutput.requireWritable("--intervals", intervals);
        }
        ZoneId zone = zone(timeZone, System.getenv("SWITCHBOARD_TIME_ZONE"));
        Scenario read = ScenarioFile.parse(
                scenario.toString(), PlanningOutput.bytes(scenario, ScenarioFile.MOST_BYTES + 1), zone);
        if (seed != null) {
            read = read.withSeed(seed);
        }
        if (staffing != null) {
            Scenario plain = read;
            read = PlanningOutput.read(staffing, in -> GroupStaffing.read(in, plain));
        }
        ScenarioResult result = ScenarioRun.run(read, replications, null);
        if (intervals != null) {
            PlanningOutput.writeFile("--intervals", intervals, result::writeIntervals);
        }
        System.out.println(result.toJson());
        return 0;
    }

    /** The option's zone, else the environment's, else the system's. */
    static ZoneId zone(@Nullable String option, @Nullable String environment) {
        return zone("--time-zone", option, environment);
    }

    /** The zone given as {@code name}, else SWITCHBOARD_TIME_ZONE's, else the system's; a bad one names its source. */
    static ZoneId zone(String name, @Nullable String option, @Nullable String environment) {
        if (option != null) {
            return Settings.zoneOf(name, option);
        }
        if (environment != null && !environment.isBlank()) {
            return Settings.zoneOf("SWITCHBOARD_TIME_ZONE", environment);
        }
        return ZoneId.systemDefault();
    }
}
