package org.switchboard.planning;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.model.AgentConfig;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Presence;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.model.RoutingStep;
import org.switchboard.core.model.RoutingStrategy;
import org.switchboard.core.model.ServiceLevelTarget;
import org.switchboard.core.model.SkillExpression;
import org.switchboard.core.routing.RoutingEngine;
import org.switchboard.core.stats.IntervalStats;
import org.switchboard.core.stats.ReportingCalendar;
import org.switchboard.core.stats.Statistics;

/**
 * A what-if run of the real {@link RoutingEngine} in virtual time: simulated callers arrive (Poisson), wait, maybe
 * hang up (exponential patience), talk for an exponential handle time to agents who accept every offer at once.
 * The figures come from the {@link Statistics} projection, so they mean exactly what the live wallboard means, and
 * the result carries the Erlang C (and, with patience, Erlang A) predictions beside them.
 *
 * <h2>The loop</h2>
 * A {@link VirtualCenter}: no threads, no sleeping; the engine is advanced from one instant to the next (an
 * arrival, a caller hanging up, an agent finishing, an engine timer) and offers are accepted the instant they are
 * made.
 *
 * <h2>Time</h2>
 * A run starts at midnight of Thursday 2026-01-01 in the configuration's time zone (UTC unless told: the center's
 * zone, for {@code switchboard simulate --time-zone}), and the {@link Statistics} projection cuts its intervals and
 * days in that zone, so a simulated day is a day of the center's calendar.
 *
 * <h2>Determinism</h2>
 * One {@link java.util.SplittableRandom} seeded from the configuration draws every random number in a fixed
 * order per caller, and the engine is deterministic, so a seed always gives the same result.
 *
 * <p>Each {@link #run} is independent and single-threaded; different runs may go in parallel.
 */
public final class Simulator {

    /** The moment simulations in UTC start: Thursday 2026-01-01 00:00 UTC (any fixed day would do). */
    public static final long START_MS = 1_767_225_600_000L;
    /** The day every simulation starts, at midnight in the configuration's zone. */
    public static final LocalDate START_DAY = LocalDate.of(2026, 1, 1);

    private final Config config;
    private final VirtualCenter center;
    private final long startMs;
    private final long horizonMs;

    private Simulator(Config config) {
        this.config = config;
        Map<String, ServiceLevelTarget> targets = new HashMap<>();
        for (String queueId : config.queueIds()) {
            targets.put(queueId, config.serviceLevelTarget());
        }
        this.startMs = config.startMs();
        this.horizonMs = startMs + Math.round(config.hours() * 3_600_000);
        this.center = new VirtualCenter(
                config.queueIds(),
                targets,
                config.timeZone(),
                callers(config, startMs, horizonMs),
                List.of(),
                VirtualCenter.Watcher.NONE,
                startMs);
    }

    /** The configuration's callers: Poisson arrivals until the horizon, in the order {@link CallerModel} draws. */
    private static VirtualCenter.Callers callers(Config config, long startMs, long horizonMs) {
        CallerModel model = new CallerModel(config, startMs);
        return next -> {
            next.atMs = model.nextArrivalMs();
            if (next.atMs >= horizonMs) {
                return false;
            }
            next.handleMs = model.handleMs();
            next.patienceMs = model.patienceMs();
            next.queue = model.queue();
            return true;
        };
    }

    /** Simulates {@code config} from an empty center until the last caller of the horizon is done. */
    public static Result run(Config config) {
        config.requireRunnable();
        Simulator simulator = new Simulator(config);
        simulator.center.run(staffing(config), simulator.startMs, Long.MAX_VALUE);
        return simulator.result();
    }

    /**
     * The commands that open the simulated center: its queues ({@code sim-q1}…), its agents ({@code sim-a1}…,
     * one voice call at a time) and the agents going READY. With several queues each agent serves two: its own,
     * as an expert (proficiency 6–10), and the next one (1–5); each queue then routes in two bullseye steps:
     * experts only for 20 s, then everyone with the skill.
     */
    public static List<Command> staffing(Config config) {
        List<Command> commands = new ArrayList<>();
        List<String> queueIds = config.queueIds();
        for (int q = 0; q < queueIds.size(); q++) {
            commands.add(new Command.DefineQueue(queueConfig(config, queueIds.get(q), skillOf(q))));
        }
        for (int a = 0; a < config.agents(); a++) {
            Map<String, Integer> skills = new HashMap<>();
            boolean several = queueIds.size() > 1;
            skills.put(skillOf(a % queueIds.size()), several ? 6 + a % 5 : 5);
            skills.merge(skillOf((a + 1) % queueIds.size()), several ? 1 + a % 5 : 5, Math::max);
            String agentId = "sim-a" + (a + 1);
            commands.add(new Command.DefineAgent(
                    new AgentConfig(agentId, agentId, skills, Map.of(CapacityClass.VOICE, 1), true)));
            commands.add(new Command.ChangePresence(agentId, Presence.READY, null));
        }
        return commands;
    }

    private static String skillOf(int queueIndex) {
        return "sim-s" + (queueIndex + 1);
    }

    private static QueueConfig queueConfig(Config config, String queueId, String skill) {
        List<RoutingStep> steps = config.queues() == 1
                ? List.of(RoutingStep.of(SkillExpression.parse(skill), 0))
                : List.of(
                        RoutingStep.of(SkillExpression.parse(skill + ">=6"), 20),
                        RoutingStep.of(SkillExpression.parse(skill), 0));
        return new QueueConfig(
                queueId,
                "Simulated " + queueId,
                steps,
                config.serviceLevelTarget(),
                RoutingStrategy.LONGEST_IDLE,
                config.wrapUpSeconds(),
                QueueConfig.DEFAULT_OFFER_TIMEOUT_SECONDS,
                0,
                (int) Math.max(1, Math.min(86_400, Math.round(config.ahtSeconds() + config.wrapUpSeconds()))));
    }

    // ---------------------------------------------------------------- result

    private Result result() {
        Statistics statistics = center.statistics();
        long endMs = Math.max(horizonMs, center.lastEventMs());
        IntervalStats total = statistics.centerTotal(startMs, endMs + 1);
        double staffedMs = (double) config.agents() * (endMs - startMs);
        return new Result(
                config,
                total.offered(),
                total.answered(),
                total.abandonedAll(),
                total.shortAbandoned(),
                ratio(total.delayed(), total.offered()),
                ratio(total.abandonedAll(), total.offered()),
                ratio(total.totalAnswerWaitMs() / 1000.0, total.answered()),
                ratio(total.answeredWithinThreshold(), total.answered() + total.abandoned()),
                ratio(total.totalHandleMs() / 1000.0, total.handled()),
                total.longestWaitSeconds(),
                staffedMs == 0 ? 0 : total.totalHandleMs() / staffedMs,
                (endMs - startMs) / 3_600_000.0,
                days(statistics, Math.max(startMs, horizonMs - 1)),
                center.ewt(),
                config.queues() == 1 ? config.erlangC() : null,
                config.queues() == 1 ? config.erlangA() : null);
    }

    /**
     * The center's figures per local day, from the first day to the one of the last arrival: a call counts in the
     * interval it arrived in, so the play-out after the last arrival (callers still waiting) adds no day of its own.
     */
    private static List<IntervalStats> days(Statistics statistics, long lastArrivalMs) {
        ReportingCalendar calendar = statistics.calendar();
        List<IntervalStats> days = new ArrayList<>();
        for (LocalDate day = START_DAY; !day.isAfter(calendar.dayOf(lastArrivalMs)); day = day.plusDays(1)) {
            days.add(statistics.centerTotal(calendar.startOf(day), calendar.startOf(day.plusDays(1))));
        }
        return days;
    }

    private static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }

    // ---------------------------------------------------------------- configuration and result

    /**
     * What to simulate.
     *
     * @param agents          agents staffed the whole time, each taking one call at a time; 1..1,000,000
     * @param arrivalsPerHour mean arrival rate of callers (Poisson), over all queues
     * @param ahtSeconds      mean talk time (exponential), seconds
     * @param slSeconds       service-level threshold of the queues, seconds
     * @param hours           how long callers keep arriving; the run goes on until the last of them is done
     * @param seed            seed of the random numbers: equal configurations give equal results
     * @param patienceSeconds mean patience (exponential) of a waiting caller, or null when nobody hangs up
     * @param queues          number of queues (each with its own skill) the arrivals spread over evenly; 1 for the
     *                        single queue the Erlang models describe
     * @param wrapUpSeconds   fixed after-contact work per call, seconds; 0 by default
     * @param timeZone        the center's zone: the run starts at its midnight, days and intervals are its; UTC
     *                        when null
     */
    public record Config(
            int agents,
            double arrivalsPerHour,
            double ahtSeconds,
            int slSeconds,
            double hours,
            long seed,
            @Nullable Double patienceSeconds,
            int queues,
            int wrapUpSeconds,
            ZoneId timeZone) {

        public Config {
            requireRange("agents", agents, 1, 1_000_000);
            requireAtMost("arrivalsPerHour", arrivalsPerHour, MOST_ARRIVALS_PER_HOUR);
            requireAtMost("ahtSeconds", ahtSeconds, MOST_SECONDS);
            requireRange("slSeconds", slSeconds, 1, 86_400);
            requireAtMost("hours", hours, MOST_HOURS);
            if (patienceSeconds != null) {
                requireAtMost("patienceSeconds", patienceSeconds, MOST_SECONDS);
            }
            requireRange("queues", queues, 1, agents);
            requireRange("wrapUpSeconds", wrapUpSeconds, 0, 3_600);
            timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
        }

        /** A configuration in UTC. */
        public Config(
                int agents,
                double arrivalsPerHour,
                double ahtSeconds,
                int slSeconds,
                double hours,
                long seed,
                @Nullable Double patienceSeconds,
                int queues,
                int wrapUpSeconds) {
            this(
                    agents,
                    arrivalsPerHour,
                    ahtSeconds,
                    slSeconds,
                    hours,
                    seed,
                    patienceSeconds,
                    queues,
                    wrapUpSeconds,
                    ZoneOffset.UTC);
        }

        /** One queue, nobody hangs up, no wrap-up. */
        public static Config of(
                int agents, double arrivalsPerHour, double ahtSeconds, int slSeconds, double hours, long seed) {
            return new Config(agents, arrivalsPerHour, ahtSeconds, slSeconds, hours, seed, null, 1, 0);
        }

        public Config withPatienceSeconds(@Nullable Double seconds) {
            return new Config(
                    agents,
                    arrivalsPerHour,
                    ahtSeconds,
                    slSeconds,
                    hours,
                    seed,
                    seconds,
                    queues,
                    wrapUpSeconds,
                    timeZone);
        }

        public Config withQueues(int count) {
            return new Config(
                    agents,
                    arrivalsPerHour,
                    ahtSeconds,
                    slSeconds,
                    hours,
                    seed,
                    patienceSeconds,
                    count,
                    wrapUpSeconds,
                    timeZone);
        }

        public Config withWrapUpSeconds(int seconds) {
            return new Config(
                    agents,
                    arrivalsPerHour,
                    ahtSeconds,
                    slSeconds,
                    hours,
                    seed,
                    patienceSeconds,
                    queues,
                    seconds,
                    timeZone);
        }

        public Config withTimeZone(ZoneId zone) {
            return new Config(
                    agents,
                    arrivalsPerHour,
                    ahtSeconds,
                    slSeconds,
                    hours,
                    seed,
                    patienceSeconds,
                    queues,
                    wrapUpSeconds,
                    zone);
        }

        /** When the run starts: midnight of {@link #START_DAY} in the zone, epoch ms. */
        public long startMs() {
            return new ReportingCalendar(timeZone).startOf(START_DAY);
        }

        /** The ids of the simulated queues: {@code sim-q1}, {@code sim-q2} … */
        public List<String> queueIds() {
            List<String> ids = new ArrayList<>();
            for (int q = 1; q <= queues; q++) {
                ids.add("sim-q" + q);
            }
            return ids;
        }

        ServiceLevelTarget serviceLevelTarget() {
            return new ServiceLevelTarget(slSeconds, 80, slSeconds);
        }

        /** Erlang C for all agents and all arrivals as one queue; handle time is talk plus wrap-up. */
        public ErlangC.Prediction erlangC() {
            return ErlangC.of(arrivalsPerHour, ahtSeconds + wrapUpSeconds).predict(agents, slSeconds);
        }

        /** Erlang A's service level as the center measures it, or NaN without patience. */
        public double erlangAServiceLevel() {
            return patienceSeconds == null
                    ? Double.NaN
                    : ErlangA.of(arrivalsPerHour, ahtSeconds + wrapUpSeconds, patienceSeconds)
                            .serviceLevel(agents, slSeconds);
        }

        /** Erlang A likewise, or null without patience. */
        public ErlangA.@Nullable Prediction erlangA() {
            return patienceSeconds == null
                    ? null
                    : ErlangA.of(arrivalsPerHour, ahtSeconds + wrapUpSeconds, patienceSeconds)
                            .predict(agents);
        }

        Json toJson() {
            return new Json()
                    .field("agents", agents)
                    .field("arrivalsPerHour", arrivalsPerHour)
                    .field("ahtSeconds", ahtSeconds)
                    .field("slSeconds", slSeconds)
                    .field("hours", hours)
                    .field("seed", seed)
                    .field("patienceSeconds", patienceSeconds)
                    .field("queues", queues)
                    .field("wrapUpSeconds", wrapUpSeconds)
                    .field("timeZone", timeZone.getId());
        }

        private static void requireRange(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be " + min + ".." + max + ", was " + value);
            }
        }

        /**
         * Refuses a run that could not end in reasonable time or memory: more than {@link #MOST_CALLERS} callers, or an
         * overloaded center leaving more than {@link #MOST_WAITING} waiting. Checked by {@link Simulator#run}: a
         * traffic generator that feeds a live center for years takes the same configuration and is not a run.
         */
        void requireRunnable() {
            if (arrivalsPerHour * hours > MOST_CALLERS) {
                throw new IllegalArgumentException("arrivalsPerHour × hours is at most " + (long) MOST_CALLERS
                        + " callers (about an hour of simulation on this kind of machine), was " + arrivalsPerHour
                        + " × " + hours);
            }
            double backlog =
                    expectedBacklog(agents, arrivalsPerHour, ahtSeconds + wrapUpSeconds, hours, patienceSeconds);
            if (backlog > MOST_WAITING) {
                throw new IllegalArgumentException("the center would be overloaded: about " + Math.round(backlog)
                        + " callers would be waiting at the end (at most " + (long) MOST_WAITING + " are simulated);"
                        + " give more agents, fewer arrivals or hours, or callers' patience");
            }
        }

        /** The most simulated hours: ten years. */
        static final double MOST_HOURS = 87_600;
        /** The most arrivals per hour: a thousand a second, where whole milliseconds still part them. */
        static final double MOST_ARRIVALS_PER_HOUR = 3_600_000;
        /** The most callers one run may expect. */
        static final double MOST_CALLERS = 1e9;
        /** The longest handle time or patience: a year. */
        static final double MOST_SECONDS = 31_536_000;
        /** The most callers an overloaded run may leave waiting (each one holds memory until it ends). */
        static final double MOST_WAITING = 2_000_000;

        /**
         * The callers an overloaded center has waiting at the end: arrivals beyond what the agents serve pile up for
         * the whole run, or for as long as callers' patience lasts. Zero when the agents keep up.
         */
        private static double expectedBacklog(
                int agents, double arrivalsPerHour, double busySeconds, double hours, @Nullable Double patience) {
            double excessPerHour = arrivalsPerHour - agents * 3_600 / busySeconds;
            if (!(excessPerHour > 0)) {
                return 0;
            }
            double pilingHours = patience == null ? hours : Math.min(hours, patience / 3_600);
            return excessPerHour * pilingHours;
        }

        private static void requireAtMost(String field, double value, double most) {
            if (!(value > 0) || !(value <= most)) {
                throw new IllegalArgumentException(
                        field + " must be a number > 0 and at most " + (long) most + ", was " + value);
            }
        }
    }

    /**
     * What a simulation measured, with the analytic predictions beside it. Rates and shares are fractions 0..1
     * (not percent), times are seconds; the JSON of {@link #toJson} uses these names and units.
     *
     * @param offered           callers who queued
     * @param answered          callers connected to an agent
     * @param abandoned         callers who hung up before an answer, short abandons included
     * @param shortAbandoned    of those, the ones who waited less than 5 s
     * @param probWait          share of offered callers who waited at all (wait > 0)
     * @param probAbandon       share of offered callers who hung up ({@code abandoned / offered})
     * @param asaSeconds        average speed of answer over the answered callers
     * @param serviceLevel      fraction 0..1: answered within the threshold / (answered + abandoned after 5 s or
     *                          more), as defined in docs/metrics.md
     * @param ahtSeconds        measured average handle time (talk plus wrap-up)
     * @param longestWaitSeconds the longest wait of an answered or abandoned caller
     * @param occupancy         busy agent time / staffed agent time (agents × simulated hours)
     * @param simulatedHours    from the start until the last caller was done
     * @param days              the figures of each local day of the run (all queues), in order: the calls of a
     *                          day, in the center's zone
     * @param ewt               the engine's EWT against the measured waits, over all queues and per queue
     * @param erlangC           the Erlang C prediction, or null for several queues: agents shared between queues
     *                          are not one pooled Erlang queue (20 queues: simulated P(wait) 0.386, pooled 0.071)
     * @param erlangA           the Erlang A prediction, or null without patience or for several queues
     */
    public record Result(
            Config config,
            long offered,
            long answered,
            long abandoned,
            long shortAbandoned,
            double probWait,
            double probAbandon,
            double asaSeconds,
            double serviceLevel,
            double ahtSeconds,
            double longestWaitSeconds,
            double occupancy,
            double simulatedHours,
            List<IntervalStats> days,
            EwtCheck ewt,
            ErlangC.@Nullable Prediction erlangC,
            ErlangA.@Nullable Prediction erlangA) {

        public Result {
            days = List.copyOf(days);
        }

        /** One JSON object with the configuration, the measured figures and the predictions. */
        public String toJson() {
            Json json = new Json()
                    .field("config", config.toJson())
                    .field("offered", offered)
                    .field("answered", answered)
                    .field("abandoned", abandoned)
                    .field("shortAbandoned", shortAbandoned)
                    .field("probWait", probWait)
                    .field("probAbandon", probAbandon)
                    .field("asaSeconds", asaSeconds)
                    .field("serviceLevel", serviceLevel)
                    .field("ahtSeconds", ahtSeconds)
                    .field("longestWaitSeconds", longestWaitSeconds)
                    .field("occupancy", occupancy)
                    .field("simulatedHours", simulatedHours)
                    .field("days", dayJson(config.timeZone()))
                    .field("ewt", ewt.toJson())
                    .field(
                            "erlangC",
                            erlangC == null
                                    ? null
                                    : new Json()
                                            .field("agents", erlangC.agents())
                                            .field("probWait", erlangC.probabilityOfWaiting())
                                            .field("asaSeconds", erlangC.asaSeconds())
                                            .field("serviceLevel", erlangC.serviceLevel())
                                            .field("occupancy", erlangC.occupancy()));
            return json.field(
                            "erlangA",
                            erlangA == null
                                    ? null
                                    : new Json()
                                            .field("agents", erlangA.agents())
                                            .field("probWait", erlangA.probabilityOfWaiting())
                                            .field("probAbandon", erlangA.probabilityOfAbandoning())
                                            .field("asaSeconds", erlangA.asaSeconds())
                                            .field("serviceLevel", config.erlangAServiceLevel())
                                            .field("occupancy", erlangA.occupancy()))
                    .toString();
        }

        private List<Json> dayJson(ZoneId zone) {
            ReportingCalendar calendar = new ReportingCalendar(zone);
            return days.stream()
                    .map(day -> new Json()
                            .field("date", calendar.dayOf(day.startMs()).toString())
                            .field("offered", day.offered())
                            .field("answered", day.answered())
                            .field("abandoned", day.abandonedAll())
                            .field(
                                    "serviceLevel",
                                    ratio(day.answeredWithinThreshold(), day.answered() + day.abandoned()))
                            .field("asaSeconds", ratio(day.totalAnswerWaitMs() / 1000.0, day.answered())))
                    .toList();
        }
    }
}
