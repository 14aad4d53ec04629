package org.switchboard.planning;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.port.Planning;
import org.switchboard.core.port.Planning.Targets;
import org.switchboard.planning.forecast.Forecaster;
import org.switchboard.planning.forecast.SpecialDays;
import org.switchboard.planning.launch.LaunchDay;
import org.switchboard.planning.launch.LaunchReport;
import org.switchboard.planning.replay.Replay;
import org.switchboard.planning.replay.StaffingPlan;
import org.switchboard.planning.scenario.GroupStaffing;
import org.switchboard.planning.scenario.Scenario;
import org.switchboard.planning.scenario.ScenarioFile;
import org.switchboard.planning.scenario.ScenarioResult;
import org.switchboard.planning.scenario.ScenarioRun;
import org.switchboard.planning.scenario.SkillStaffing;
import org.switchboard.planning.schedule.Requirements;
import org.switchboard.planning.schedule.Schedule;
import org.switchboard.planning.schedule.ScheduleReport;
import org.switchboard.planning.schedule.ShiftPattern;

/** The planning module behind the {@link Planning} port: the same calculations as the command line. */
public final class PlanningService implements Planning {

    /**
     * The most intervals times queues (or groups) of a scenario given over the API: 35 queues' month of half hours.
     * The command line has no such bound.
     */
    public static final int MOST_SCENARIO_CELLS = 50_000;

    @Override
    public Need staffing(Targets t) {
        return need(Staffing.of(t));
    }

    @Override
    public List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes) {
        List<IntervalForecast> intervals =
                forecast.stream().map(PlanningService::interval).toList();
        return IntervalStaffing.plan(intervals, targets, intervalMinutes).stream()
                .map(row -> new IntervalNeed(traffic(row.interval()), need(row.staffing())))
                .toList();
    }

    @Override
    public ForecastResult forecast(List<Traffic> history, ForecastRequest request) {
        SpecialDays special = SpecialDays.NONE;
        for (SpecialDay day : request.specialDays()) {
            special = special.with(day.date(), day.kind(), day.multiplier());
        }
        Forecaster.Result result = Forecaster.forecast(
                history.stream().map(PlanningService::interval).toList(),
                new Forecaster.Settings(
                        request.intervalMinutes(),
                        request.horizonDays(),
                        request.zone(),
                        special,
                        request.backtestWeeks()));
        return new ForecastResult(
                result.rows().stream().map(PlanningService::traffic).toList(),
                result.queues().stream()
                        .map(q -> new QueueForecast(
                                q.queue(),
                                q.chosen(),
                                q.dispersion(),
                                q.backtest().stream()
                                        .map(a -> new Accuracy(
                                                a.method(),
                                                a.intervalMape(),
                                                a.intervalWape(),
                                                a.dayMape(),
                                                a.dayWape()))
                                        .toList()))
                        .toList());
    }

    @Override
    public ReplayResult replay(List<LoggedCall> calls, List<StaffedInterval> staffing, ReplaySettings settings) {
        List<LoggedCall> inOrder = calls.stream()
                .sorted(java.util.Comparator.comparingLong(LoggedCall::arrivedAtMs))
                .toList();
        for (LoggedCall call : inOrder) {
            org.switchboard.core.model.Ids.require("queue", call.queue());
        }
        return Replay.run(inOrder, StaffingPlan.of(staffing), settings);
    }

    @Override
    public ScenarioOutcome simulate(ScenarioRequest request) {
        Scenario scenario = scenario(request, true);
        ScenarioResult result = ScenarioRun.run(scenario, request.replications(), null);
        List<ScenarioInterval> intervals = new java.util.ArrayList<>();
        for (int t = 0; t < scenario.intervals(); t++) {
            long startMs = scenario.startMs() + t * scenario.intervalMs();
            for (int q = 0; q < scenario.queues().size(); q++) {
                ScenarioResult.Figures f = result.figures(q, t);
                intervals.add(new ScenarioInterval(
                        startMs,
                        scenario.queues().get(q).id(),
                        f.offered(),
                        f.answered(),
                        f.abandoned() + f.shortAbandoned(),
                        f.callbacks(),
                        f.serviceLevel(),
                        f.asaSeconds(),
                        f.probAbandon(),
                        result.meets(q, t)));
            }
        }
        return new ScenarioOutcome(result.toJson(), intervals, scenario.zone());
    }

    @Override
    public ScenarioStaffing staff(ScenarioRequest request, @Nullable Long checkSeed) {
        Scenario scenario = scenario(request, false);
        // one thread: the API runs two computations at most, each on a core of its own
        SkillStaffing.Result found = checkSeed == null
                ? SkillStaffing.search(scenario, request.replications(), 1)
                : SkillStaffing.searchAndCheck(scenario, checkSeed, request.replications(), 1);
        Scenario staffed = found.staffed();
        List<GroupAgents> rows = new java.util.ArrayList<>();
        for (int t = 0; t < staffed.intervals(); t++) {
            long startMs = staffed.startMs() + t * staffed.intervalMs();
            for (Scenario.Group group : staffed.groups()) {
                rows.add(new GroupAgents(startMs, group.id(), group.agents()[t]));
            }
        }
        return new ScenarioStaffing(rows, found.toJson(), staffed.zone());
    }

    @Override
    public LaunchPlan planLaunch(List<Traffic> forecast, LaunchRequest r) {
        LaunchDay.Result result =
                LaunchDay.plan(forecast.stream().map(PlanningService::interval).toList(), r);
        return new LaunchPlan(LaunchReport.json(result), LaunchReport.html(result));
    }

    /** The request's scenario with its seed and staffing, within the API's bounds. */
    private static Scenario scenario(ScenarioRequest request, boolean withStaffing) {
        Scenario scenario = ScenarioFile.parse(
                "the scenario", request.scenario().getBytes(java.nio.charset.StandardCharsets.UTF_8), request.zone());
        long cells = (long) Math.max(scenario.queues().size(), scenario.groups().size()) * scenario.intervals();
        if (cells > MOST_SCENARIO_CELLS) {
            throw new IllegalArgumentException("the scenario has " + cells + " intervals times queues (or groups);"
                    + " the API runs at most " + MOST_SCENARIO_CELLS + ": fewer days, queues or groups, or use"
                    + " the command line");
        }
        if (request.replications() < 1 || request.replications() > ScenarioRun.MOST_REPLICATIONS) {
            throw new IllegalArgumentException(
                    "replications must be 1.." + ScenarioRun.MOST_REPLICATIONS + ", was " + request.replications());
        }
        if (request.seed() != null) {
            scenario = scenario.withSeed(request.seed());
        }
        List<GroupAgents> staffing = request.staffing();
        if (!withStaffing || staffing == null) {
            return scenario;
        }
        GroupStaffing.Rows rows = new GroupStaffing.Rows(scenario);
        for (int i = 0; i < staffing.size(); i++) {
            GroupAgents row = staffing.get(i);
            try {
                rows.put(row.group(), row.startMs(), row.agents());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'staffing' row " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows.staffed();
    }

    @Override
    public ScheduleResult schedule(ScheduleRequest r) {
        Requirements period = Requirements.of(r.required(), r.zone(), r.from(), r.days());
        Schedule schedule = Schedule.of(
                period,
                new Schedule.Rules(
                        r.patterns().stream()
                                .map(ShiftPattern::named)
                                .distinct()
                                .toList(),
                        r.minRestHours(),
                        r.maxWeeklyHours()));
        List<ScheduledShift> shifts = schedule.shifts().stream()
                .map(s -> {
                    long startMs = ScheduleReport.start(schedule, s, r.zone())
                            .toInstant()
                            .toEpochMilli();
                    return new ScheduledShift(
                            "agent-" + s.agent(),
                            startMs,
                            startMs + s.pattern().minutes() * 60_000L,
                            s.pattern().name(),
                            s.pattern().minutes() / 60.0,
                            ScheduleReport.breaks(schedule, s, r.zone()));
                })
                .toList();
        List<Coverage> coverage = new java.util.ArrayList<>();
        for (int i = 0; i < period.agents().length; i++) {
            coverage.add(new Coverage(
                    period.startMs() + i * period.intervalMinutes() * 60_000L,
                    period.agents()[i],
                    schedule.scheduled()[i]));
        }
        return new ScheduleResult(
                schedule.agents(),
                schedule.paidHours(),
                schedule.boundHours(),
                schedule.gap(),
                ScheduleReport.requiredHours(schedule),
                schedule.underHours(),
                schedule.overHours(),
                shifts,
                coverage,
                ScheduleReport.svg(schedule, r.zone()));
    }

    private static Need need(Staffing s) {
        return new Need(
                s.agents(),
                s.scheduledAgents(),
                s.serviceLevel(),
                s.probWait(),
                s.asaSeconds(),
                s.occupancy(),
                s.probAbandon());
    }

    private static IntervalForecast interval(Traffic t) {
        if (!(t.offered() >= 0 && t.offered() <= 1e7)) {
            throw new IllegalArgumentException(
                    "the interval of " + t.queue() + " at " + t.start() + ": offered must be 0..10,000,000");
        }
        if (!(t.ahtSeconds() >= Planning.LEAST_SECONDS && t.ahtSeconds() <= 86_400)) {
            throw new IllegalArgumentException(
                    "the interval of " + t.queue() + " at " + t.start() + ": ahtSeconds must be 0.001..86400");
        }
        return new IntervalForecast(
                t.start(),
                org.switchboard.core.model.Ids.require("queue", t.queue()),
                t.offered(),
                t.ahtSeconds(),
                t.low(),
                t.high());
    }

    private static Traffic traffic(IntervalForecast f) {
        return new Traffic(f.start(), f.queue(), f.offered(), f.ahtSeconds(), f.low(), f.high());
    }
}
