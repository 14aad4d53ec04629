package org.switchboard.planning;

/**
 * The Erlang C model of a queue (M/M/n): Poisson arrivals, exponential handle times, {@code n} identical agents,
 * callers who wait as long as it takes. Answers the planner's questions: how likely a caller waits, the average
 * speed of answer, the service level, and how many agents a target needs.
 *
 * <p>Numerically stable for thousands of agents: the Erlang B recursion {@code B(k) = A·B(k−1) / (k + A·B(k−1))}
 * is used instead of factorials and powers, and {@code C = n·B / (n − A·(1 − B))}. When the load reaches the
 * agents ({@code A ≥ n}) the queue grows without bound: every caller waits, ASA is infinite, service level 0.
 *
 * @param offeredLoadErlangs the traffic A = arrivals per second × AHT, in Erlangs; ≥ 0
 * @param ahtSeconds         the average handle time (talk plus wrap-up), seconds; > 0
 */
public record ErlangC(double offeredLoadErlangs, double ahtSeconds) {

    public ErlangC {
        if (!(offeredLoadErlangs >= 0) || Double.isInfinite(offeredLoadErlangs) || !(ahtSeconds > 0)) {
            throw new IllegalArgumentException(
                    "need offered load >= 0 and AHT > 0, got " + offeredLoadErlangs + " Erlang, " + ahtSeconds + " s");
        }
    }

    /** The model of {@code arrivalsPerHour} contacts with average handle time {@code ahtSeconds}. */
    public static ErlangC of(double arrivalsPerHour, double ahtSeconds) {
        return new ErlangC(arrivalsPerHour * ahtSeconds / 3600, ahtSeconds);
    }

    /** The Erlang B blocking probability of {@code servers} servers offered {@code load} Erlangs. */
    public static double erlangB(int servers, double load) {
        requireServers(servers);
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            if ((k & 0xFFFF) == 0) {
                Stopping.check();
            }
            b = nextErlangB(b, k, load);
        }
        return b;
    }

    /** Erlang B for {@code k} servers from Erlang B for {@code k − 1}. */
    static double nextErlangB(double previous, int k, double load) {
        double ab = load * previous;
        return ab / (k + ab);
    }

    /** The probability that a caller has to wait at all (Erlang C); 1 when {@code agents ≤ A}. */
    public double probabilityOfWaiting(int agents) {
        return probabilityOfWaiting(agents, erlangB(agents, offeredLoadErlangs));
    }

    private double probabilityOfWaiting(int agents, double erlangB) {
        if (agents <= offeredLoadErlangs) {
            return 1;
        }
        return agents * erlangB / (agents - offeredLoadErlangs * (1 - erlangB));
    }

    /** Average speed of answer over all callers, seconds: {@code C × AHT / (n − A)}; infinite when unstable. */
    public double averageSpeedOfAnswerSeconds(int agents) {
        return asa(agents, probabilityOfWaiting(agents));
    }

    private double asa(int agents, double probabilityOfWaiting) {
        return agents <= offeredLoadErlangs
                ? Double.POSITIVE_INFINITY
                : probabilityOfWaiting * ahtSeconds / (agents - offeredLoadErlangs);
    }

    /**
     * The share of callers answered within {@code thresholdSeconds}, 0..1:
     * {@code 1 − C × exp(−(n − A) × T / AHT)}; 0 when unstable.
     */
    public double serviceLevel(int agents, double thresholdSeconds) {
        return serviceLevel(agents, thresholdSeconds, probabilityOfWaiting(agents));
    }

    private double serviceLevel(int agents, double thresholdSeconds, double probabilityOfWaiting) {
        if (agents <= offeredLoadErlangs) {
            return 0;
        }
        return 1 - probabilityOfWaiting * Math.exp(-(agents - offeredLoadErlangs) * thresholdSeconds / ahtSeconds);
    }

    /** The share of agent time spent handling contacts: {@code A / n}, at most 1. */
    public double occupancy(int agents) {
        requireServers(agents);
        return Math.min(1, offeredLoadErlangs / agents);
    }

    /** All the figures for {@code agents} agents and a service-level threshold. */
    public Prediction predict(int agents, double thresholdSeconds) {
        double pw = probabilityOfWaiting(agents);
        return new Prediction(
                agents, pw, asa(agents, pw), serviceLevel(agents, thresholdSeconds, pw), occupancy(agents));
    }

    /**
     * The fewest agents that answer at least {@code targetFraction} of callers within {@code thresholdSeconds}.
     *
     * @param targetFraction the service-level goal, strictly between 0 and 1 (0.8 for "80/20")
     */
    public int agentsForServiceLevel(double targetFraction, double thresholdSeconds) {
        if (!(targetFraction > 0 && targetFraction < 1) || !(thresholdSeconds >= 0)) {
            throw new IllegalArgumentException("service-level goal must be in (0, 1) with a threshold >= 0");
        }
        return smallestStaffing(
                n -> serviceLevel(n.agents, thresholdSeconds, n.probabilityOfWaiting) >= targetFraction);
    }

    /** The fewest agents whose average speed of answer is at most {@code asaSeconds} (> 0). */
    public int agentsForAsa(double asaSeconds) {
        if (!(asaSeconds > 0)) {
            throw new IllegalArgumentException("ASA goal must be > 0 s, was " + asaSeconds);
        }
        return smallestStaffing(n -> asa(n.agents, n.probabilityOfWaiting) <= asaSeconds);
    }

    /** Walks n = ⌊A⌋+1, ⌊A⌋+2 … carrying Erlang B along, until the goal holds. */
    private int smallestStaffing(java.util.function.Predicate<Staffing> goal) {
        int agents = Math.max(1, (int) Math.floor(offeredLoadErlangs) + 1);
        double b = erlangB(agents, offeredLoadErlangs);
        while (!goal.test(new Staffing(agents, probabilityOfWaiting(agents, b)))) {
            if (agents == Integer.MAX_VALUE) {
                throw new ArithmeticException("no staffing reaches the goal");
            }
            agents++;
            b = nextErlangB(b, agents, offeredLoadErlangs);
        }
        return agents;
    }

    private record Staffing(int agents, double probabilityOfWaiting) {}

    private static void requireServers(int servers) {
        if (servers < 1) {
            throw new IllegalArgumentException("need at least one agent, was " + servers);
        }
    }

    /**
     * What Erlang C predicts for one staffing.
     *
     * @param probabilityOfWaiting share of callers who wait at all, 0..1
     * @param asaSeconds           average speed of answer over all callers; infinite when unstable
     * @param serviceLevel         share answered within the threshold, 0..1
     * @param occupancy            share of agent time busy, 0..1
     */
    public record Prediction(
            int agents, double probabilityOfWaiting, double asaSeconds, double serviceLevel, double occupancy) {}
}
