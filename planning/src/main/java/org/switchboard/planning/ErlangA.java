package org.switchboard.planning;

/**
 * The Erlang A model of a queue (M/M/n+M, Palm): Erlang C plus impatient callers, each of whom hangs up after an
 * exponentially distributed patience if not answered by then. Unlike Erlang C it is stable at any load: the queue
 * sheds callers instead of growing without bound.
 *
 * <p>Solved exactly on the birth-death chain of the number of contacts in the center, normalised at state
 * {@code n} so nothing overflows: the states below {@code n} sum to {@code 1/B − 1} (Erlang B), the states above
 * are summed until their terms vanish. A caller who finds {@code j} waiting ahead moves up one place at rate
 * {@code nμ + jθ} and leaves at rate {@code θ}; that gives its chance to be served and its expected wait when
 * served, hence the abandonment probability and the ASA of the served callers.
 *
 * @param offeredLoadErlangs the traffic A = arrivals per second × AHT, in Erlangs; ≥ 0
 * @param ahtSeconds         average handle time, seconds; > 0
 * @param patienceSeconds    average patience of a waiting caller, seconds; > 0
 */
public record ErlangA(double offeredLoadErlangs, double ahtSeconds, double patienceSeconds) {

    private static final double NEGLIGIBLE = 1e-17;
    private static final int MAX_QUEUE_STATES = 50_000_000;

    public ErlangA {
        new ErlangC(offeredLoadErlangs, ahtSeconds);
        if (!(patienceSeconds > 0) || Double.isInfinite(patienceSeconds)) {
            throw new IllegalArgumentException(
                    "patience must be a finite number of seconds > 0, was " + patienceSeconds);
        }
    }

    /** The model of {@code arrivalsPerHour} contacts, AHT {@code ahtSeconds}, mean patience {@code patienceSeconds}. */
    public static ErlangA of(double arrivalsPerHour, double ahtSeconds, double patienceSeconds) {
        return new ErlangA(arrivalsPerHour * ahtSeconds / 3600, ahtSeconds, patienceSeconds);
    }

    /** What {@code agents} agents deliver. */
    public Prediction predict(int agents) {
        double erlangB = ErlangC.erlangB(agents, offeredLoadErlangs);
        if (erlangB == 0) {
            return new Prediction(agents, 0, 0, 0, 0, offeredLoadErlangs / agents);
        }
        QueueStates queue = sumQueueStates(agents);
        double total = 1 / erlangB - 1 + queue.probability;
        double probabilityOfAbandoning = queue.abandoning / total;
        double served = 1 - probabilityOfAbandoning;
        double arrivalsPerSecond = offeredLoadErlangs / ahtSeconds;
        return new Prediction(
                agents,
                queue.probability / total,
                probabilityOfAbandoning,
                queue.servedWait / total / served,
                queue.length / total / arrivalsPerSecond,
                served * offeredLoadErlangs / agents);
    }

    /** Sums, over the states with every agent busy, the terms the figures need (relative to state n). */
    private QueueStates sumQueueStates(int agents) {
        double mu = 1 / ahtSeconds;
        double theta = 1 / patienceSeconds;
        double lambda = offeredLoadErlangs * mu;
        QueueStates sums = new QueueStates();
        double term = 1;
        double servedChance = 1;
        double expectedWait = 0;
        for (int waiting = 0; waiting < MAX_QUEUE_STATES; waiting++) {
            double moveUp = agents * mu + waiting * theta;
            double leaveOrMove = moveUp + theta;
            servedChance *= moveUp / leaveOrMove;
            expectedWait += 1 / leaveOrMove;
            sums.add(term, waiting, servedChance, expectedWait);
            double ratio = lambda / leaveOrMove;
            term *= ratio;
            if (ratio < 1 && term < NEGLIGIBLE * sums.probability) {
                return sums;
            }
        }
        throw new ArithmeticException("queue states did not converge: patience too long for this load");
    }

    /** Running sums over the states with all agents busy: an arrival there waits behind {@code waiting}. */
    private static final class QueueStates {
        double probability;
        double abandoning;
        double servedWait;
        double length;

        void add(double term, int waiting, double servedChance, double expectedWait) {
            probability += term;
            abandoning += term * (1 - servedChance);
            servedWait += term * servedChance * expectedWait;
            length += term * waiting;
        }
    }

    /**
     * What Erlang A predicts for one staffing.
     *
     * @param probabilityOfWaiting    share of callers who find every agent busy, 0..1
     * @param probabilityOfAbandoning share of callers who hang up before an answer, 0..1
     * @param asaSeconds              average wait of the answered callers (0 s ones included)
     * @param averageWaitSeconds      average time in queue over all callers, answered or not
     * @param occupancy               share of agent time busy, 0..1
     */
    public record Prediction(
            int agents,
            double probabilityOfWaiting,
            double probabilityOfAbandoning,
            double asaSeconds,
            double averageWaitSeconds,
            double occupancy) {}
}
