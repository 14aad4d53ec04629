package org.switchboard.planning;

import java.util.List;
import org.switchboard.core.port.Planning;
import org.switchboard.planning.forecast.Forecaster;
import org.switchboard.planning.forecast.SpecialDays;
import org.switchboard.planning.replay.Replay;
import org.switchboard.planning.replay.StaffingPlan;
import org.switchboard.planning.schedule.Requirements;
import org.switchboard.planning.schedule.Schedule;
import org.switchboard.planning.schedule.ScheduleReport;
import org.switchboard.planning.schedule.ShiftPattern;

/** The planning module behind the {@link Planning} port: the same calculations as the command line. */
public final class PlanningService implements Planning {

    @Override
    public Need staffing(Targets t) {
        return need(Staffing.of(goal(t)));
    }

    @Override
    public List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes) {
        List<IntervalForecast> intervals =
                forecast.stream().map(PlanningService::interval).toList();
        return IntervalStaffing.plan(intervals, goal(targets), intervalMinutes).stream()
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

    private static StaffingGoal goal(Targets t) {
        return new StaffingGoal(
                t.arrivalsPerHour(),
                t.ahtSeconds(),
                t.serviceLevel(),
                t.slSeconds(),
                t.asaSeconds(),
                t.maxOccupancy(),
                t.maxAbandon(),
                t.patienceSeconds(),
                t.shrinkage());
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
        if (!(t.offered() >= 0 && t.offered() <= 1e7) || !(t.ahtSeconds() > 0 && t.ahtSeconds() <= 86_400)) {
            throw new IllegalArgumentException("the interval of " + t.queue() + " at " + t.start()
                    + ": offered must be 0..10,000,000 and ahtSeconds above 0 and at most 86400");
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
