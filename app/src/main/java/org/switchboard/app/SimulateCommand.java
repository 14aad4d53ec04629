package org.switchboard.app;

import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.switchboard.planning.Simulator;
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
                    + "--hours 1000 --seed 1 --time-zone Asia/Yekaterinburg"
        })
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--agents", required = true, description = "Agents staffed all the time.")
    int agents;

    @Option(names = "--arrivals-per-hour", required = true, description = "Mean arrivals per hour (Poisson).")
    double arrivalsPerHour;

    @Option(names = "--aht-seconds", defaultValue = "90", description = "Mean handle time (exponential), default 90.")
    double ahtSeconds;

    @Option(
            names = "--sl-seconds",
            defaultValue = "20",
            description = "Service-level threshold in seconds, default 20.")
    int slSeconds;

    @Option(names = "--hours", defaultValue = "24", description = "Simulated hours, default 24.")
    double hours;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same run.")
    long seed;

    @Option(
            names = "--patience-seconds",
            description = "Mean patience (exponential) before a waiting caller hangs up; without it nobody does.")
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
    String timeZone;

    @Override
    public Integer call() {
        var config = new Simulator.Config(
                agents,
                arrivalsPerHour,
                ahtSeconds,
                slSeconds,
                hours,
                seed,
                patienceSeconds,
                queues,
                wrapUpSeconds,
                zone(timeZone, System.getenv("SWITCHBOARD_TIME_ZONE")));
        System.out.println(Simulator.run(config).toJson());
        return 0;
    }

    /** The option's zone, else the environment's, else the system's. */
    static ZoneId zone(String option, String environment) {
        if (option != null) {
            return Settings.zoneOf("--time-zone", option);
        }
        if (environment != null && !environment.isBlank()) {
            return Settings.zoneOf("SWITCHBOARD_TIME_ZONE", environment);
        }
        return ZoneId.systemDefault();
    }
}
