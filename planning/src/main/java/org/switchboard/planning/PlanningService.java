package org.switchboard.planning;

import java.util.List;
import org.switchboard.core.port.Planning;
import org.switchboard.planning.forecast.Forecaster;
import org.switchboard.planning.forecast.SpecialDays;
import org.switchboard.planning.replay.Replay;
import org.switchboard.planning.replay.StaffingPlan;

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
        if (t.offered() < 0
                || !Double.isFinite(t.offered())
                || !(t.ahtSeconds() > 0)
                || !Double.isFinite(t.ahtSeconds())) {
            throw new IllegalArgumentException("offered must be a number >= 0 and ahtSeconds > 0 in every row");
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
