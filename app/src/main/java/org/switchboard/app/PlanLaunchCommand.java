package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning;
import org.switchboard.planning.IntervalForecast;
import org.switchboard.planning.launch.LaunchDay;
import org.switchboard.planning.launch.LaunchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard plan-launch}: a launch day staffed, simulated, and kept within the ASA by callbacks or staff. */
@Command(
        name = "plan-launch",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a launch's uplift to a forecast day, staff it (Erlang A for the ASA target), simulate it on the "
                    + "production engine with callers who hang up, then find the callback threshold and the extra "
                    + "agents, interval by interval, that keep every interval's ASA with callbacks made in time; prints JSON, writes a one-page HTML report.",
            "Example: plan-launch --baseline forecast.csv --uplift 1.8 --on 2026-12-08 --report launch.html"
        })
final class PlanLaunchCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "The forecast CSV.")
    @Nullable
    Path baseline;

    @Option(names = "--uplift", required = true, description = "The launch day's multiplier of the forecast, e.g. 1.8.")
    double uplift;

    @Option(names = "--on", required = true, paramLabel = "DATE", description = "The launch day, YYYY-MM-DD.")
    @Nullable
    LocalDate on;

    @Option(names = "--asa-seconds", defaultValue = "30", description = "The ASA to keep, seconds, default 30.")
    double asaSeconds;

    @Option(
            names = "--patience-seconds",
            defaultValue = "120",
            description = "Callers' mean patience before hanging up, seconds, default 120.")
    double patienceSeconds;

    @Option(
            names = "--callback-within-minutes",
            defaultValue = "30",
            description = "Callbacks must be made within this on average, minutes, default 30.")
    double callbackWithinMinutes;

    @Option(
            names = "--callback-take-up-percent",
            defaultValue = "100",
            description = "The share of callers offered a callback who take it (the others wait on), percent,"
                    + " 1-100, default 100.")
    double callbackTakeUpPercent;

    @Option(
            names = "--max-abandon-percent",
            description = "Also keep the share of callers who hang up at most this, percent (optional).")
    @Nullable
    Double maxAbandonPercent;

    @Option(names = "--sl-seconds", defaultValue = "20", description = "Service-level threshold, seconds, default 20.")
    int slSeconds;

    @Option(names = "--interval-minutes", defaultValue = "30", description = "The forecast's interval, default 30.")
    int intervalMinutes;

    @Option(names = "--seed", defaultValue = "1", description = "The simulated callers' random numbers.")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the one-page HTML report.")
    @Nullable
    Path report;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        output.also("--report", report);
        List<IntervalForecast> forecast = PlanningOutput.read(
                Main.required(baseline, "--baseline"), in -> IntervalForecast.read(in, output.zone()));
        LaunchDay.Result result = LaunchDay.plan(
                forecast,
                new Planning.LaunchRequest(
                        Main.required(on, "--on"),
                        uplift,
                        asaSeconds,
                        patienceSeconds,
                        slSeconds,
                        intervalMinutes,
                        output.zone(),
                        seed,
                        callbackWithinMinutes * 60,
                        callbackTakeUpPercent / 100,
                        maxAbandonPercent == null ? null : maxAbandonPercent / 100));
        String json = LaunchReport.json(result);
        output.write(
                writer -> writer.write(json + "\n"),
                java.util.Map.of("--report", writer -> writer.write(LaunchReport.html(result))));
        return 0;
    }
}
