package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning;
import org.switchboard.planning.replay.CallLog;
import org.switchboard.planning.replay.Replay;
import org.switchboard.planning.replay.ReplayReport;
import org.switchboard.planning.replay.RoutingWhatIf;
import org.switchboard.planning.replay.StaffingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard replay}: a real call log through the production engine with a staffing plan. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a call log (arrived_at,queue,outcome,wait_seconds,handle_seconds) through the routing engine in "
                    + "virtual time with the agents of a staffing CSV (interval_start,queue,agents), and print the "
                    + "replay and the log side by side as one JSON object.",
            "Example: replay --calls calls.csv --staffing staffing.csv --sl-seconds 20 --intervals intervals.csv",
            "What-ifs: --agents-times 1.1 (10 %% more agents in every interval, rounded up), --agents-plus -2."
        })
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--calls", required = true, paramLabel = "FILE", description = "The call log CSV.")
    @Nullable
    Path calls;

    @Option(names = "--staffing", required = true, paramLabel = "FILE", description = "Agents per interval, CSV.")
    @Nullable
    Path staffing;

    @Option(names = "--sl-seconds", defaultValue = "20", description = "Service-level threshold, seconds, default 20.")
    int slSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same replay.")
    long seed;

    @Option(
            names = "--agents-times",
            defaultValue = "1",
            description = "What-if: multiply every interval's agents by this (rounded up), default 1.")
    double agentsTimes;

    @Option(
            names = "--agents-plus",
            defaultValue = "0",
            description = "What-if: then add this many agents to every interval (negative removes), default 0.")
    int agentsPlus;

    @Option(
            names = "--callback-after-seconds",
            description = "What-if: callers told to wait longer than this take a callback that keeps their place in "
                    + "line (default: none offered).")
    @Nullable
    Long callbackAfterSeconds;

    @Option(
            names = "--callback-take-up-percent",
            defaultValue = "100",
            description = "What-if: the share of callers offered a callback who take it (the others wait on),"
                    + " percent, 1-100, default 100.")
    double callbackTakeUpPercent;

    @Option(
            names = "--route",
            paramLabel = "QUEUE=STEPS",
            description = "What-if: other routing steps for a queue's callers, e.g. billing=billing:20,billing|internet"
                    + " (billing's agents for 20 s, then internet's too); repeat for other queues.")
    List<String> routes = new java.util.ArrayList<>();

    @Option(
            names = "--intervals",
            paramLabel = "FILE",
            description = "Also write the figures per interval and queue, replay beside log, as CSV.")
    @Nullable
    Path intervals;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        if (callbackAfterSeconds != null && callbackAfterSeconds < 0) {
            throw new IllegalArgumentException(
                    "--callback-after-seconds must be 0..86400 (leave it out for no callbacks), was "
                            + callbackAfterSeconds);
        }
        output.also("--intervals", intervals);
        List<Planning.LoggedCall> log =
                PlanningOutput.read(Main.required(calls, "--calls"), in -> CallLog.read(in, output.zone()));
        StaffingPlan plan =
                PlanningOutput.read(Main.required(staffing, "--staffing"), in -> StaffingPlan.read(in, output.zone()));
        Planning.ReplayResult result = Replay.run(
                log,
                plan,
                new Planning.ReplaySettings(
                        slSeconds,
                        seed,
                        output.zone(),
                        agentsTimes,
                        agentsPlus,
                        callbackAfterSeconds == null ? -1 : callbackAfterSeconds,
                        RoutingWhatIf.parse(routes),
                        callbackTakeUpPercent / 100));
        String json = ReplayReport.json(result);
        output.write(
                writer -> writer.write(json + "\n"),
                java.util.Map.of("--intervals", writer -> ReplayReport.writeIntervals(result, output.zone(), writer)));
        return 0;
    }
}
