package org.switchboard.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.switchboard.planning.schedule.Requirements;
import org.switchboard.planning.schedule.Schedule;
import org.switchboard.planning.schedule.ScheduleReport;
import org.switchboard.planning.schedule.ShiftPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard schedule}: shifts that cover per-interval requirements with the fewest paid hours. */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = {
            "Build shifts (8 h and 12 h, 4 h and 6 h part time if asked, starts on the half hour, breaks and lunch placed by rules, nights included) "
                    + "that cover the agents required per interval with the fewest paid hours, give them to agents "
                    + "with a minimum rest, and write them as CSV (agent,start,end,pattern,paid_hours,breaks); "
                    + "prints a summary as JSON (to standard error when the CSV goes to standard output).",
            "The requirements CSV needs interval_start and agents (or scheduled_agents, taken first), as "
                    + "'staffing --forecast' writes it; several queues' rows are summed.",
            "Example: schedule --requirements staffing.csv --out shifts.csv --coverage coverage.csv --chart coverage.svg"
        })
final class ScheduleCommand implements Callable<Integer> {

    @Option(names = "--requirements", required = true, paramLabel = "FILE", description = "Agents per interval, CSV.")
    @Nullable
    Path requirements;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "First day to schedule (YYYY-MM-DD); default: the file's first day, and all of the file.")
    java.time.@Nullable LocalDate from;

    @Option(names = "--days", defaultValue = "7", description = "Days to schedule from --from, default 7.")
    int days;

    @Option(
            names = "--patterns",
            defaultValue = "8h,12h",
            split = ",",
            description = "Shift patterns to use, of 4h, 6h (part time), 8h and 12h; default 8h,12h.")
    List<String> patterns = new ArrayList<>();

    @Option(
            names = "--min-rest-hours",
            defaultValue = "12",
            description = "Least rest between two shifts of an agent, hours, default 12.")
    double minRestHours;

    @Option(
            names = "--max-weekly-hours",
            defaultValue = "40",
            description = "Most paid hours of an agent per 7 days, default 40.")
    double maxWeeklyHours;

    @Option(names = "--coverage", paramLabel = "FILE", description = "Also write the coverage per interval as CSV.")
    @Nullable
    Path coverage;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also write the coverage chart as SVG.")
    @Nullable
    Path chart;

    @Mixin
    PlanningOutput output = new PlanningOutput();

    @Override
    public Integer call() throws IOException {
        output.also("--coverage", coverage).also("--chart", chart);
        Requirements period = PlanningOutput.read(
                Main.required(requirements, "--requirements"), in -> Requirements.read(in, output.zone(), from, days));
        Schedule.Rules rules = new Schedule.Rules(
                patterns.stream().map(ShiftPattern::named).distinct().toList(), minRestHours, maxWeeklyHours);
        Schedule schedule = Schedule.of(period, rules);
        output.write(
                writer -> ScheduleReport.writeShifts(schedule, output.zone(), writer),
                java.util.Map.of(
                        "--coverage", writer -> ScheduleReport.writeCoverage(schedule, output.zone(), writer),
                        "--chart", writer -> writer.write(ScheduleReport.svg(schedule, output.zone()))));
        output.notes().println(ScheduleReport.json(schedule));
        return 0;
    }
}
