package org.switchboard.core.port;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Workforce planning as the API offers it: staffing for targets, per interval of a forecast, and forecasts from
 * history. The planning module implements it; the web calls it on its own threads, never the routing thread.
 * Invalid input is an {@link IllegalArgumentException} with a sentence for a person.
 */
public interface Planning {

    /** Nothing is planned: the center runs without the planning module. */
    Planning NONE = new Planning() {
        @Override
        public Need staffing(Targets targets) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ForecastResult forecast(List<Traffic> history, ForecastRequest request) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ScheduleResult schedule(ScheduleRequest request) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ReplayResult replay(List<LoggedCall> calls, List<StaffedInterval> staffing, ReplaySettings settings) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ScenarioOutcome simulate(ScenarioRequest request) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public ScenarioStaffing staff(ScenarioRequest request, @Nullable Long checkSeed) {
            throw new IllegalStateException("planning is not available");
        }

        @Override
        public LaunchPlan planLaunch(List<Traffic> forecast, LaunchRequest request) {
            throw new IllegalStateException("planning is not available");
        }
    };

    /** The longest wait or conversation a call log may hold: a day. */
    double MOST_CALL_SECONDS = 86_400;
    /**
     * The shortest handle time or mean patience the formulas take: a millisecond (as scenario files), far below any
     * real call; a patience many orders of magnitude above the handle time made Erlang A's sums fail to converge.
     */
    double LEAST_SECONDS = 0.001;
    /** The most agents one interval may give a queue. */
    int MOST_AGENTS_OF_AN_INTERVAL = 100_000;

    /** One queue's contacts in one interval (history or forecast; {@code low}/{@code high} a forecast's interval). */
    record Traffic(
            OffsetDateTime start,
            String queue,
            double offered,
            double ahtSeconds,
            @Nullable Double low,
            @Nullable Double high) {}

    /**
     * What one interval's staffing must deliver: its traffic and the targets to meet. Every target is optional, at least
     * one is given; the answer meets all of them.
     *
     * @param arrivalsPerHour  mean arrivals per hour, ≥ 0
     * @param ahtSeconds       average handle time (talk plus wrap-up), seconds, 0.001..86400
     * @param serviceLevel     the share to answer within {@code slSeconds}, in (0, 1), or null for none
     * @param slSeconds        the service-level threshold, seconds, ≥ 0
     * @param asaSeconds       the highest average speed of answer, seconds, > 0, or null for none
     * @param maxOccupancy     the highest share of agent time busy, in (0, 1], or null for none
     * @param maxAbandon       the highest share of callers hanging up before an answer, in (0, 1), or null for none;
     *                         needs a patience
     * @param patienceSeconds  callers' mean patience (Erlang A), seconds, 0.001..86400, or null for patient callers (Erlang C)
     * @param shrinkage        the share of paid time not available for contacts (breaks, training, absence), in [0, 1)
     */
    record Targets(
            double arrivalsPerHour,
            double ahtSeconds,
            @Nullable Double serviceLevel,
            double slSeconds,
            @Nullable Double asaSeconds,
            @Nullable Double maxOccupancy,
            @Nullable Double maxAbandon,
            @Nullable Double patienceSeconds,
            double shrinkage) {

        public Targets {
            require(
                    arrivalsPerHour >= 0 && arrivalsPerHour < 1e9,
                    "arrivals per hour must be at least 0 and below 1000000000",
                    arrivalsPerHour);
            require(ahtSeconds >= LEAST_SECONDS && ahtSeconds <= 86_400, "AHT must be 0.001..86400 s", ahtSeconds);
            require(slSeconds >= 0 && slSeconds <= 86_400, "the service-level threshold must be 0..86400 s", slSeconds);
            requirePercent(shrinkage >= 0 && shrinkage <= 0.9, "shrinkage must be 0 to 90 %", shrinkage);
            if (serviceLevel != null) {
                requirePercent(
                        serviceLevel > 0 && serviceLevel < 1,
                        "the service-level target must be above 0 % and below 100 %",
                        serviceLevel);
            }
            if (asaSeconds != null) {
                require(
                        asaSeconds > 0 && asaSeconds <= 86_400,
                        "the ASA target must be > 0 and at most 86400 s",
                        asaSeconds);
            }
            if (maxOccupancy != null) {
                requirePercent(
                        maxOccupancy > 0 && maxOccupancy <= 1,
                        "the maximum occupancy must be above 0 % and at most 100 %",
                        maxOccupancy);
            }
            if (patienceSeconds != null) {
                require(
                        patienceSeconds >= LEAST_SECONDS && patienceSeconds <= 86_400,
                        "the mean patience must be 0.001..86400 s (a day; longer is nobody hanging up: leave it"
                                + " out)",
                        patienceSeconds);
            }
            if (maxAbandon != null) {
                requirePercent(
                        maxAbandon > 0 && maxAbandon < 1,
                        "the maximum abandon rate must be above 0 % and below 100 %",
                        maxAbandon);
                if (patienceSeconds == null) {
                    throw new IllegalArgumentException("an abandon target needs the callers' mean patience");
                }
            }
            if (serviceLevel == null && asaSeconds == null && maxOccupancy == null && maxAbandon == null) {
                throw new IllegalArgumentException(
                        "give at least one target: a service level, an ASA, a maximum occupancy or abandon rate");
            }
        }

        /** The same targets for another interval's traffic. */
        public Targets withTraffic(double arrivalsPerHour, double ahtSeconds) {
            return new Targets(
                    arrivalsPerHour,
                    ahtSeconds,
                    serviceLevel,
                    slSeconds,
                    asaSeconds,
                    maxOccupancy,
                    maxAbandon,
                    patienceSeconds,
                    shrinkage);
        }

        /** The offered load in Erlangs. */
        public double load() {
            return arrivalsPerHour * ahtSeconds / 3600;
        }

        private static void requirePercent(boolean ok, String message, double fraction) {
            if (!ok) {
                throw new IllegalArgumentException(message + ", was "
                        + java.math.BigDecimal.valueOf(Math.round(fraction * 1e8) / 1e6)
                                .stripTrailingZeros()
                                .toPlainString()
                        + " %");
            }
        }

        private static void require(boolean ok, String message, double value) {
            if (!ok) {
                throw new IllegalArgumentException(message + ", was "
                        + (Double.isFinite(value) && Math.abs(value) < 1e15
                                ? java.math.BigDecimal.valueOf(value)
                                        .stripTrailingZeros()
                                        .toPlainString()
                                : String.valueOf(value)));
            }
        }
    }

    /** The fewest agents meeting the targets and what they deliver. */
    record Need(
            int agents,
            int scheduledAgents,
            double serviceLevel,
            double probWait,
            double asaSeconds,
            double occupancy,
            @Nullable Double probAbandon) {}

    record IntervalNeed(Traffic interval, Need need) {}

    /** A marked date; a null multiplier is learned from past days of its kind. */
    record SpecialDay(LocalDate date, String kind, @Nullable Double multiplier) {}

    record ForecastRequest(
            int intervalMinutes, int horizonDays, ZoneId zone, List<SpecialDay> specialDays, int backtestWeeks) {}

    /** How one method did in the backtest (fractions). */
    record Accuracy(String method, double intervalMape, double intervalWape, double dayMape, double dayWape) {}

    record QueueForecast(String queue, String chosen, double dispersion, List<Accuracy> backtest) {}

    record ForecastResult(List<Traffic> rows, List<QueueForecast> queues) {}

    /**
     * One call of a real call log.
     *
     * @param arrivedAtMs   when the call reached the queue, epoch ms (years 2000-2999)
     * @param queue         the queue's id
     * @param answered      true when an agent answered it, false when the caller hung up first
     * @param waitSeconds   time in queue until the answer or the hang-up, 0..1 day
     * @param handleSeconds the conversation's length for an answered call, 0..1 day; null for an abandoned one
     */
    record LoggedCall(
            long arrivedAtMs,
            String queue,
            boolean answered,
            double waitSeconds,
            @Nullable Double handleSeconds) {
        public LoggedCall {
            requireYear(arrivedAtMs);
            if (!(waitSeconds >= 0 && waitSeconds <= MOST_CALL_SECONDS)) {
                throw new IllegalArgumentException("wait_seconds must be 0.." + (int) MOST_CALL_SECONDS);
            }
            if (answered != (handleSeconds != null)) {
                throw new IllegalArgumentException(
                        answered ? "an answered call needs handle_seconds" : "an abandoned call has no handle_seconds");
            }
            if (handleSeconds != null && !(handleSeconds >= 0 && handleSeconds <= MOST_CALL_SECONDS)) {
                throw new IllegalArgumentException("handle_seconds must be 0.." + (int) MOST_CALL_SECONDS);
            }
        }

        public long waitMs() {
            return Math.round(waitSeconds * 1000);
        }
    }

    /** {@code agents} serve {@code queue} from {@code startMs} for one interval. */
    record StaffedInterval(long startMs, String queue, int agents) {
        public StaffedInterval {
            requireYear(startMs);
            if (agents < 0 || agents > MOST_AGENTS_OF_AN_INTERVAL) {
                throw new IllegalArgumentException(
                        "agents must be 0.." + MOST_AGENTS_OF_AN_INTERVAL + ", was " + agents);
            }
        }
    }

    /**
     * How to replay a call log.
     *
     * @param slSeconds   the service-level threshold, seconds
     * @param seed        the random numbers' seed: equal inputs give equal results
     * @param zone        the zone of hours of day and of the intervals
     * @param agentsTimes what-if: each interval's agents multiplied by this (rounded up); 1 as planned
     * @param agentsPlus  what-if: then this many added (negative: removed; never below 0)
     * @param callbackAfterSeconds what-if: callers told to wait longer than this take a callback; -1: none offered
     * @param routing     what-if: per queue id, the routing steps its callers go through in place of its own agents
     *                    (a queue not named keeps its own)
     * @param callbackTakeUp what-if: the share of callers offered a callback who take it (0.01..1); the others wait on
     */
    record ReplaySettings(
            int slSeconds,
            long seed,
            ZoneId zone,
            double agentsTimes,
            int agentsPlus,
            long callbackAfterSeconds,
            Map<String, List<ReplayStep>> routing,
            double callbackTakeUp) {
        public ReplaySettings {
            requireTakeUp(callbackTakeUp);
            if (callbackTakeUp < 1 && callbackAfterSeconds < 0) {
                throw new IllegalArgumentException("a callback take-up needs the callback threshold: callbacks are"
                        + " offered only to callers told to wait longer than it");
            }
            routing = Map.copyOf(routing);
            if (routing.size() > MOST_ROUTED_QUEUES) {
                throw new IllegalArgumentException("routing may name at most " + MOST_ROUTED_QUEUES + " queues");
            }
            routing.forEach((queue, steps) -> {
                org.switchboard.core.model.Ids.require("a routed queue", queue);
                if (steps.isEmpty() || steps.size() > MOST_REPLAY_STEPS) {
                    throw new IllegalArgumentException(
                            "queue '" + queue + "' needs 1.." + MOST_REPLAY_STEPS + " routing steps");
                }
                for (int i = 0; i + 1 < steps.size(); i++) {
                    if (steps.get(i).seconds() == 0) {
                        throw new IllegalArgumentException("queue '" + queue + "': every step but the last needs"
                                + " its seconds (how long callers wait for its agents before the next step)");
                    }
                }
            });
            if (callbackAfterSeconds < -1 || callbackAfterSeconds > 86_400) {
                throw new IllegalArgumentException(
                        "the callback threshold must be 0..86400 s, was " + callbackAfterSeconds);
            }
            if (slSeconds < 1 || slSeconds > 86_400) {
                throw new IllegalArgumentException("the service-level threshold must be 1..86400 s, was " + slSeconds);
            }
            if (!(agentsTimes >= 0 && agentsTimes <= 100)) {
                throw new IllegalArgumentException("the agents' factor must be 0..100, was " + agentsTimes);
            }
            if (Math.abs(agentsPlus) > MOST_AGENTS_OF_AN_INTERVAL) {
                throw new IllegalArgumentException("agents added must be within ±" + MOST_AGENTS_OF_AN_INTERVAL);
            }
        }

        /** Every caller offered a callback takes it. */
        public ReplaySettings(
                int slSeconds,
                long seed,
                ZoneId zone,
                double agentsTimes,
                int agentsPlus,
                long callbackAfterSeconds,
                Map<String, List<ReplayStep>> routing) {
            this(slSeconds, seed, zone, agentsTimes, agentsPlus, callbackAfterSeconds, routing, 1);
        }

        /** With the queues' own routing. */
        public ReplaySettings(
                int slSeconds, long seed, ZoneId zone, double agentsTimes, int agentsPlus, long callbackAfterSeconds) {
            this(slSeconds, seed, zone, agentsTimes, agentsPlus, callbackAfterSeconds, Map.of());
        }

        /** With the queues' own routing and no callbacks. */
        public ReplaySettings(int slSeconds, long seed, ZoneId zone, double agentsTimes, int agentsPlus) {
            this(slSeconds, seed, zone, agentsTimes, agentsPlus, -1);
        }

        /** The agents of a planned interval after the what-if. */
        public int agents(int planned) {
            long times = (long) Math.ceil(planned * agentsTimes - 1e-9);
            return (int) Math.max(0, Math.min(MOST_AGENTS_OF_AN_INTERVAL, times + agentsPlus));
        }
    }

    /** The most queues a replay's routing what-if may name. */
    int MOST_ROUTED_QUEUES = 200;
    /** The most routing steps of a queue in a replay's what-if. */
    int MOST_REPLAY_STEPS = 10;

    /**
     * A routing step of a replay's what-if: the agents of {@code queues} (as the staffing gives each its agents) may
     * answer the callers at this step, for {@code seconds} before the next step (0: from then on).
     */
    record ReplayStep(List<String> queues, int seconds) {
        public ReplayStep {
            queues = List.copyOf(queues);
            if (queues.isEmpty() || queues.size() > MOST_ROUTED_QUEUES) {
                throw new IllegalArgumentException("a routing step names 1.." + MOST_ROUTED_QUEUES + " queues");
            }
            queues.forEach(queue -> org.switchboard.core.model.Ids.require("a step's queue", queue));
            if (seconds < 0 || seconds > 86_400) {
                throw new IllegalArgumentException("a step's seconds must be 0..86400, was " + seconds);
            }
        }
    }

    /**
     * The figures of a set of calls, as {@code switchboard simulate} gives them: fractions and seconds.
     *
     * @param callbacks callers who took a callback offered while they waited (a what-if of the replay)
     * @param unserved  callers still waiting when a replay ended (no agent came and they never hung up)
     */
    record ReplayFigures(
            long offered,
            long answered,
            long abandoned,
            long callbacks,
            long callbacksDeclined,
            long unserved,
            double serviceLevel,
            double asaSeconds,
            double probAbandon) {}

    /** The replay beside the log. */
    record ReplaySide(ReplayFigures replay, ReplayFigures log) {}

    /** One interval of one queue: its agents (after the what-if) and the figures of the calls that arrived in it. */
    record ReplayInterval(long startMs, String queue, int agents, ReplaySide figures) {}

    /**
     * @param total           all queues
     * @param queues          per queue id, sorted
     * @param intervals       per interval and queue, in time order
     * @param intervalMinutes the intervals' length
     */
    record ReplayResult(
            ReplaySide total, Map<String, ReplaySide> queues, List<ReplayInterval> intervals, int intervalMinutes) {}

    /**
     * What to schedule.
     *
     * @param required       agents needed by interval start (epoch ms); an interval without an entry is closed
     * @param from           the first day to schedule, or null for all of {@code required}
     * @param days           days from {@code from}
     * @param patterns       shift patterns by name: {@code 4h}, {@code 6h}, {@code 8h}, {@code 12h}
     * @param minRestHours   least rest between two shifts of an agent
     * @param maxWeeklyHours most paid hours of an agent per 7 days
     * @param zone           the center's zone: days, and the breaks' local times
     */
    record ScheduleRequest(
            java.util.SortedMap<Long, Double> required,
            @Nullable LocalDate from,
            int days,
            List<String> patterns,
            double minRestHours,
            double maxWeeklyHours,
            ZoneId zone) {}

    /** One shift: who works it, when, and its breaks as local times ({@code 10:00-10:15}). */
    record ScheduledShift(
            String agent, long startMs, long endMs, String pattern, double paidHours, List<String> breaks) {}

    /** One interval's agents on the phones against the requirement. */
    record Coverage(long startMs, double required, double scheduled) {}

    /**
     * A schedule: its summary (as {@code switchboard schedule} prints it), the shifts, the coverage and its chart.
     *
     * @param lowerBoundHours no schedule of the patterns covers the requirement with fewer paid hours
     * @param gap             {@code paidHours / lowerBoundHours − 1}
     * @param chartSvg        the coverage chart, SVG
     */
    record ScheduleResult(
            int agents,
            double paidHours,
            double lowerBoundHours,
            double gap,
            double requiredHours,
            double underCoverageHours,
            double overCoverageHours,
            List<ScheduledShift> shifts,
            List<Coverage> coverage,
            String chartSvg) {}

    /**
     * A scenario to simulate or staff.
     *
     * @param scenario     the scenario file's text, YAML or JSON (docs/planning.md, "Scenario files")
     * @param zone         the zone when the scenario names none
     * @param staffing     the groups' agents per interval in place of the scenario's own; null: the scenario's
     * @param replications runs pooled per staffing judged, each with its own callers
     * @param seed         the first run's seed in place of the scenario's; null: the scenario's
     */
    record ScenarioRequest(
            String scenario,
            ZoneId zone,
            @Nullable List<GroupAgents> staffing,
            int replications,
            @Nullable Long seed) {}

    /** {@code agents} of {@code group} from {@code startMs} for one of the scenario's intervals. */
    record GroupAgents(long startMs, String group, int agents) {}

    /**
     * A scenario's run.
     *
     * @param figuresJson one JSON object as {@code switchboard simulate --scenario} prints it
     * @param intervals   per interval and queue, in time order
     * @param zone        the scenario's zone
     */
    record ScenarioOutcome(String figuresJson, List<ScenarioInterval> intervals, ZoneId zone) {}

    /** The callers of one queue who arrived in one interval, pooled over the replications (fractions, seconds). */
    record ScenarioInterval(
            long startMs,
            String queue,
            long offered,
            long answered,
            long abandoned,
            long callbacks,
            double serviceLevel,
            double asaSeconds,
            double probAbandon,
            boolean meetsTarget) {}

    /**
     * The fewest agents per group and interval found to keep every queue's targets.
     *
     * @param staffing    every group's agents in every interval
     * @param summaryJson one JSON object as {@code switchboard staffing --scenario} prints it beside the CSV
     * @param zone        the scenario's zone
     */
    record ScenarioStaffing(List<GroupAgents> staffing, String summaryJson, ZoneId zone) {}

    /**
     * A launch day to plan from a forecast holding it.
     *
     * @param day                   the launch day, in {@code zone}
     * @param uplift                the launch's multiplier of the forecast day's contacts, 0.1..20
     * @param asaSeconds            the ASA to keep
     * @param patienceSeconds       callers' mean patience
     * @param slSeconds             the service-level threshold the figures report
     * @param intervalMinutes       the forecast's interval
     * @param zone                  the center's zone
     * @param seed                  the simulated callers' random numbers
     * @param callbackWithinSeconds callbacks must be made within this on average
     * @param callbackTakeUp        the share of callers offered a callback who take it (0.01..1); the others wait on
     * @param maxAbandon            at most this share of callers may hang up (0..1), or null
     */
    record LaunchRequest(
            LocalDate day,
            double uplift,
            double asaSeconds,
            double patienceSeconds,
            int slSeconds,
            int intervalMinutes,
            ZoneId zone,
            long seed,
            double callbackWithinSeconds,
            double callbackTakeUp,
            @Nullable Double maxAbandon) {
        public LaunchRequest {
            requireTakeUp(callbackTakeUp);
            if (maxAbandon != null && !(maxAbandon > 0 && maxAbandon < 1)) {
                throw new IllegalArgumentException("the abandon target must be above 0 % and below 100 %");
            }
            if (!(callbackWithinSeconds >= 60 && callbackWithinSeconds <= 86_400)) {
                throw new IllegalArgumentException("callbacks must be made within 1..1440 minutes, was "
                        + Math.round(callbackWithinSeconds / 6) / 10.0 + " minutes");
            }
            if (!(uplift >= 0.1 && uplift <= 20)) {
                throw new IllegalArgumentException("the uplift must be 0.1..20, was " + uplift);
            }
            if (!(asaSeconds >= 1 && asaSeconds <= 3_600)) {
                throw new IllegalArgumentException("the ASA target must be 1..3600 s, was " + asaSeconds);
            }
            if (!(patienceSeconds >= 1 && patienceSeconds <= 86_400)) {
                throw new IllegalArgumentException("the mean patience must be 1..86400 s, was " + patienceSeconds);
            }
            if (slSeconds < 1 || slSeconds > 3_600) {
                throw new IllegalArgumentException(
                        "the service-level threshold must be 1..3600 s, was " + slSeconds + " s");
            }
            if (intervalMinutes < 5 || intervalMinutes > 1_440 || 1_440 % intervalMinutes != 0) {
                throw new IllegalArgumentException(
                        "interval minutes must divide a day (5, 10, 15, 30, 60 ...), was " + intervalMinutes);
            }
        }
    }

    /**
     * A launch-day playbook.
     *
     * @param json       one JSON object as {@code switchboard plan-launch} prints it
     * @param reportHtml its one-page HTML report with charts
     */
    record LaunchPlan(String json, String reportHtml) {}

    /** Refuses a callback take-up (the share of callers offered a callback who take it) outside 1..100 %. */
    static void requireTakeUp(double takeUp) {
        if (!(takeUp >= 0.01 && takeUp <= 1)) {
            throw new IllegalArgumentException("the callback take-up must be 1..100 %, was " + percent(takeUp));
        }
    }

    /** A share as a percentage for a message: exact up to 12 digits, in short scientific form when huge, or NaN. */
    private static String percent(double share) {
        double percent = share * 100;
        if (!Double.isFinite(percent) || Math.abs(percent) >= 1e9) {
            return String.format(java.util.Locale.ROOT, "%.3g %%", percent);
        }
        return new java.math.BigDecimal(percent)
                        .round(new java.math.MathContext(12))
                        .stripTrailingZeros()
                        .toPlainString()
                + " %";
    }

    /** Refuses an instant outside the years 2000-2999 (UTC). */
    static void requireYear(long epochMs) {
        if (epochMs < YEAR_2000_MS || epochMs >= YEAR_3000_MS) {
            throw new IllegalArgumentException(
                    "the time " + java.time.Instant.ofEpochMilli(epochMs) + " is not between the years 2000 and 2999");
        }
    }

    /** 2000-01-01T00:00Z. */
    long YEAR_2000_MS = 946_684_800_000L;
    /** 3000-01-01T00:00Z. */
    long YEAR_3000_MS = 32_503_680_000_000L;

    Need staffing(Targets targets);

    List<IntervalNeed> staffing(Targets targets, List<Traffic> forecast, int intervalMinutes);

    ForecastResult forecast(List<Traffic> history, ForecastRequest request);

    /** Shifts covering the requirement with the fewest paid hours, given to agents. */
    ScheduleResult schedule(ScheduleRequest request);

    /** {@code calls} (oldest first) replayed through the routing engine with {@code staffing}'s agents. */
    ReplayResult replay(List<LoggedCall> calls, List<StaffedInterval> staffing, ReplaySettings settings);

    /** The scenario simulated on the routing engine, its figures per queue and interval. */
    ScenarioOutcome simulate(ScenarioRequest request);

    /**
     * The search for the fewest agents per group and interval keeping every target (the request's staffing is
     * ignored: the search finds it); with {@code checkSeed}, then the one-agent-fewer check with that seed.
     */
    ScenarioStaffing staff(ScenarioRequest request, @Nullable Long checkSeed);

    /**
     * The forecast's day × the uplift, staffed for the ASA, simulated with callers who hang up, and kept within the
     * ASA by the callback threshold and the fewest extra agents.
     */
    LaunchPlan planLaunch(List<Traffic> forecast, LaunchRequest request);
}
