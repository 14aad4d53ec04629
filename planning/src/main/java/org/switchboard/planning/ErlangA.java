package org.switchboard.planning;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.jspecify.annotations.Nullable;

/**
 * The Erlang A model of a queue (M/M/n+M, Palm): Erlang C plus impatient callers, each of whom hangs up after an
 * exponentially distributed patience if not answered by then. Unlike Erlang C it is stable at any load: the queue
 * sheds callers instead of growing without bound.
 *
 * <p>Solved exactly on the birth-death chain of the number of contacts in the center, normalised at state
 * {@code n}: the states below {@code n} sum to {@code 1/B − 1} (Erlang B), the states above are summed until their
 * terms vanish. A caller who finds {@code j} waiting ahead moves up one place at rate {@code nμ + jθ} and leaves at
 * rate {@code θ}; that gives its chance to be served, {@code nμ / (nμ + (j+1)θ)}, and its expected wait when served,
 * hence the abandonment probability and the ASA of the served callers.
 *
 * <p>Overload is where the care goes. Above capacity with patient callers the queue settles around
 * {@code (λ − nμ)/θ} waiting, and the terms of the states up to there multiply to far beyond a {@code double}
 * (1,000 agents at twice their load with 10 minutes' patience: about e<sup>1,000</sup>): the running sums are
 * renormalised whenever they grow large, keeping their scale as a logarithm. When the crowded states lie more than a
 * million places up, the sum starts a safe distance below them (12 standard deviations, where the terms are below
 * e<sup>−72</sup> of the peak) from closed forms — the term by the log-gamma function, the expected wait by the
 * digamma function — instead of walking there one state at a time.
 *
 * @param offeredLoadErlangs the traffic A = arrivals per second × AHT, in Erlangs; ≥ 0
 * @param ahtSeconds         average handle time, seconds; > 0
 * @param patienceSeconds    average patience of a waiting caller, seconds; > 0
 */
public record ErlangA(double offeredLoadErlangs, double ahtSeconds, double patienceSeconds) {

    private static final double NEGLIGIBLE = 1e-17;
    private static final long MAX_QUEUE_STATES = 50_000_000;
    private static final double RESCALE_ABOVE = 1e250;
    private static final double SKIP_BELOW = 1e6;

    public ErlangA {
        new ErlangC(offeredLoadErlangs, ahtSeconds);
        if (!(patienceSeconds > 0) || Double.isInfinite(patienceSeconds)) {
            throw new IllegalArgumentException(
                    "patience must be a finite number of seconds > 0, was " + patienceSeconds);
        }
    }

    /** Next to the states with an agent free, waiting states weighing less than e^-600 of them are nobody waiting. */
    private static final double NEGLIGIBLE_WAITING_LOG = 600;

    /**
     * The log of the states with an agent free, on the waiting states' scale: {@code log(1/B − 1) − logScale}, in logs
     * because {@code 1/B} overflows when Erlang B is tiny (4,096 agents for 2,100 Erlangs gave a service level of
     * 0/0, and the search for the fewest agents then answered twice the traffic).
     */
    private static double logBelow(double erlangB, QueueStates queue) {
        return Math.log1p(-erlangB) - Math.log(erlangB) - queue.logScale;
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
        QueueStates queue = sumQueueStates(agents, null);
        double logBelow = logBelow(erlangB, queue);
        if (logBelow > NEGLIGIBLE_WAITING_LOG) {
            return new Prediction(agents, 0, 0, 0, 0, offeredLoadErlangs / agents);
        }
        double below = Math.exp(logBelow); // the states with an agent free, on the waiting states' scale
        double total = below + queue.probability;
        double probabilityOfAbandoning = queue.abandoning / total;
        double served = 1 - probabilityOfAbandoning;
        double arrivalsPerSecond = offeredLoadErlangs / ahtSeconds;
        return new Prediction(
                agents,
                queue.probability / total,
                probabilityOfAbandoning,
                served > 0 ? queue.servedWait / total / served : 0,
                queue.length / total / arrivalsPerSecond,
                Math.min(1, served * offeredLoadErlangs / agents));
    }

    /**
     * The service level of {@code agents} agents as the center measures it (docs/metrics.md): callers answered within
     * {@code thresholdSeconds} over the offered callers less those who hung up within 5 s, 0..1.
     *
     * <p>A caller behind {@code j} waiting reaches an agent after {@code j+1} departures ahead of it, at rates
     * {@code θ(c+j)}, {@code θ(c+j−1)} … {@code θc}: the time of the {@code (j+1)}-th ring among {@code c+j}
     * independent exponential clocks of rate θ (Rényi), so P(answered within t) = {@code c/(c+j+1) · I_p(j+1, c+1)}
     * with {@code p = 1 − e^(−θt)}, I the regularised incomplete beta function; and P(still waiting at 5 s) =
     * {@code e^(−5θ) (1 − I_p5(j+1, c))}.
     */
    public double serviceLevel(int agents, double thresholdSeconds) {
        if (!(thresholdSeconds >= 0) || Double.isInfinite(thresholdSeconds)) {
            throw new IllegalArgumentException(
                    "service-level threshold must be a finite number of seconds >= 0, was " + thresholdSeconds);
        }
        double erlangB = ErlangC.erlangB(agents, offeredLoadErlangs);
        if (erlangB == 0) {
            return 1;
        }
        Thresholds within = new Thresholds(thresholdSeconds, patienceSeconds);
        QueueStates queue = sumQueueStates(agents, within);
        double logBelow = logBelow(erlangB, queue);
        if (logBelow > NEGLIGIBLE_WAITING_LOG) {
            return 1;
        }
        double below = Math.exp(logBelow);
        double total = below + queue.probability;
        double counted = total - within.shortAbandons;
        return counted > 0 ? Math.min(1, (below + within.answeredInTime) / counted) : 0;
    }

    /** Sums, over the waiting states, the chances a caller is answered in time or hangs up within 5 s. */
    private static final class Thresholds {
        private static final double SHORT_ABANDON_SECONDS = 5;
        private static final double NEGLIGIBLE_LOG = -60;
        private final double inTime;
        private final double inShort;
        private final double stillWaitingAfterShort;
        private boolean inTimeVanished;
        private boolean inShortVanished;
        double answeredInTime;
        double shortAbandons;

        Thresholds(double thresholdSeconds, double patienceSeconds) {
            this.inTime = -Math.expm1(-thresholdSeconds / patienceSeconds);
            this.inShort = -Math.expm1(-SHORT_ABANDON_SECONDS / patienceSeconds);
            this.stillWaitingAfterShort = Math.exp(-SHORT_ABANDON_SECONDS / patienceSeconds);
        }

        void add(double term, long waiting, double c) {
            double a = waiting + 1.0;
            double served = c / (c + a);
            if (!inTimeVanished) {
                double answered = regularizedBeta(inTime, a, c + 1);
                inTimeVanished = answered == 0;
                answeredInTime += term * served * answered;
            }
            double reachedFront = inShortVanished ? 0 : regularizedBeta(inShort, a, c);
            double servedInShort = inShortVanished ? 0 : served * regularizedBeta(inShort, a, c + 1);
            inShortVanished = reachedFront == 0;
            double abandoned = 1 - servedInShort - stillWaitingAfterShort * (1 - reachedFront);
            shortAbandons += term * Math.max(0, abandoned);
        }

        /** I_x(a, b), or 0 once it is negligible and only falling (a past the binomial mean x(a+b−1)). */
        private static double regularizedBeta(double x, double a, double b) {
            if (x <= 0) {
                return 0;
            }
            if (a > 1.5 * x * (a + b) + 10) {
                double leading = a * Math.log(x) + b * Math.log1p(-x) - Math.log(a) - Beta.logBeta(a, b);
                if (leading < NEGLIGIBLE_LOG) {
                    return 0;
                }
            }
            return Beta.regularizedBeta(x, a, b);
        }
    }

    /**
     * Sums, over the states with every agent busy, the terms the figures need, relative to state n (times
     * {@code e^-logScale}). In units of θ: a caller behind {@code j} waiting moves up at {@code c + j} and leaves or
     * moves at {@code c + j + 1}, {@code c = nμ/θ}; arrivals come at {@code r = λ/θ}.
     */
    private QueueStates sumQueueStates(int agents, @Nullable Thresholds thresholds) {
        double c = agents * patienceSeconds / ahtSeconds;
        double r = offeredLoadErlangs * patienceSeconds / ahtSeconds;
        double theta = 1 / patienceSeconds;
        QueueStates sums = new QueueStates();
        long first = firstStateWorthSumming(c, r);
        double term = 1;
        KahanSum expectedWait = new KahanSum();
        if (first > 0) {
            sums.logScale = first * Math.log(r) + Gamma.logGamma(c + 1) - Gamma.logGamma(c + first + 1);
            expectedWait.add((Gamma.digamma(c + first + 1) - Gamma.digamma(c + 1)) * patienceSeconds);
        }
        for (long waiting = first; waiting < first + MAX_QUEUE_STATES; waiting++) {
            if ((waiting & 0xFFF) == 0) {
                Stopping.check();
            }
            double leaveOrMove = c + waiting + 1;
            expectedWait.add(1 / (leaveOrMove * theta));
            sums.add(term, waiting, c / leaveOrMove, expectedWait.value());
            if (thresholds != null) {
                thresholds.add(term, waiting, c);
            }
            double ratio = r / leaveOrMove;
            term *= ratio;
            if (term > RESCALE_ABOVE) {
                sums.rescale();
                if (thresholds != null) {
                    thresholds.answeredInTime /= RESCALE_ABOVE;
                    thresholds.shortAbandons /= RESCALE_ABOVE;
                }
                term /= RESCALE_ABOVE;
            }
            if (ratio < 1 && term < NEGLIGIBLE * sums.probability) {
                return sums;
            }
        }
        throw new ArithmeticException("queue states did not converge (load " + offeredLoadErlangs + " Erlangs on "
                + agents + " agents, patience " + patienceSeconds + " s)");
    }

    /** 0, or a state 12 standard deviations below a peak of crowded states lying over a million places up. */
    static long firstStateWorthSumming(double c, double r) {
        double peak = r - c - 1; // where a term stops growing: r / (c + j + 1) = 1
        double start = Math.floor(peak - 12 * Math.sqrt(r));
        return start > SKIP_BELOW ? (long) start : 0;
    }

    /** Running sums over the states with all agents busy: an arrival there waits behind {@code waiting}. */
    private static final class QueueStates {
        double logScale;
        double probability;
        double abandoning;
        double servedWait;
        double length;

        void add(double term, long waiting, double servedChance, double expectedWait) {
            probability += term;
            abandoning += term * (1 - servedChance);
            servedWait += term * servedChance * expectedWait;
            length += term * waiting;
        }

        void rescale() {
            probability /= RESCALE_ABOVE;
            abandoning /= RESCALE_ABOVE;
            servedWait /= RESCALE_ABOVE;
            length /= RESCALE_ABOVE;
            logScale += Math.log(RESCALE_ABOVE);
        }
    }

    /** Compensated summation: millions of small waits added to a large one keep their digits. */
    private static final class KahanSum {
        private double sum;
        private double carry;

        void add(double x) {
            double y = x - carry;
            double t = sum + y;
            carry = (t - sum) - y;
            sum = t;
        }

        double value() {
            return sum;
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
