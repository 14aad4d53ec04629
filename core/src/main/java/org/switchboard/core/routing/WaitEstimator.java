package org.switchboard.core.routing;

/**
 * The estimated wait (EWT) announced to the contacts of one queue and one capacity class, and everything it is
 * estimated from. Owned by {@link Queue}; fed by the engine where contacts join the line, are taken from it by an
 * agent, or leave it unserved.
 *
 * <h2>The estimator</h2>
 * Ibrahim and Whitt's queue-length estimator for a many-server queue with abandonment, for a contact that will be
 * answered. A contact with {@code i} contacts ahead moves up one place when the line is served (rate {@code r}) or
 * one of those ahead hangs up (rate {@code iθ}); as it is itself answered, it did not hang up meanwhile (rate
 * {@code θ}), so that stage lasts {@code 1 / (r + (i + 1)θ)} on average, and at 1-based position {@code k}
 * <pre>
 *     EWT(k) = Σ_{j=1..k} 1 / (r + jθ)        (= k / r when nobody hangs up: Erlang C's k / sμ)
 * </pre>
 * (The same sum over {@code j = 0..k−1}, the wait of a caller who would never hang up, ran 23 % above the
 * answered callers' waits with one minute of patience; docs/metrics.md has the comparison.)
 *
 * <h2>Its parameters, from what the engine observes</h2>
 * <ul>
 *   <li>{@code r}, the rate the line is served at: contacts taken from the line per second while it is not empty,
 *       per slot staffed (READY capacity of the class, busy or not), times the slots staffed now. Agents shared
 *       with other queues serve this one only part of the time; the observed rate says how much, and scaling by
 *       today's staffing answers a login wave at once. Until starts are observed it is the planned handle time
 *       over the staffed slots, worth {@link #PRIOR_STARTS} starts and fading as real ones come.</li>
 *   <li>{@code θ}, the rate a waiting contact hangs up at: abandonments per second of waiting (the exponential
 *       patience's maximum-likelihood estimate, callers still waiting counted as far as they got), starting from
 *       none in {@link #PRIOR_WAITED_MS} of waiting.</li>
 * </ul>
 * Both are ratios of sums discounted per event, not per second: each service start discounts the service sums by
 * {@link #START_SMOOTHING} (the last ~200 starts count), each abandonment the abandonment sums by
 * {@link #ABANDON_SMOOTHING} (the last ~50), so one odd caller moves neither much, in a quiet queue as in a busy
 * one. The handle time, which only seeds {@code r}, is smoothed per completed contact.
 *
 * <h2>Determinism</h2>
 * Engine time only, passed in; additions, multiplications and divisions of doubles (and {@link StrictMath} for
 * lines longer than {@link #EXACT_TERMS}), so a replay of the journal computes the very same estimates. Estimating
 * reads; only the feeding methods change the state. The whole state is one immutable {@link State}, and
 * {@link #restore} rebuilds an estimator that answers and evolves exactly as the one it was taken from.
 */
final class WaitEstimator {

    /** Share of the newest service start in the service sums: the last ~200 starts count. */
    static final double START_SMOOTHING = 1.0 / 200;
    /** Share of the newest abandonment in the abandonment sums: the last ~50 abandonments count. */
    static final double ABANDON_SMOOTHING = 1.0 / 50;
    /** Share of the newest completed contact in the smoothed handle time. */
    static final double AHT_SMOOTHING = 1.0 / 50;
    /** How many starts the planned rate (staffed slots / AHT) is worth before any is observed. */
    static final double PRIOR_STARTS = 10;
    /** How much waiting without an abandonment is assumed before any is observed. */
    static final double PRIOR_WAITED_MS = 600_000;
    /** Positions summed term by term; further ones in closed form. */
    private static final int EXACT_TERMS = 32;

    /**
     * The complete state of an estimator, for snapshots.
     *
     * @param averageHandleSeconds smoothed handle time (talk + wrap-up) of completed contacts
     * @param starts               discounted count of contacts taken from the line
     * @param busySlotMs           discounted slot-milliseconds staffed while the line was not empty
     * @param priorStarts          what the planned rate still weighs, in starts
     * @param abandons             discounted count of contacts that hung up while in the line
     * @param waitedMs             discounted milliseconds waited in the line, all contacts together
     * @param priorWaitedMs        what the prior "no abandonment" still weighs, in milliseconds waited
     * @param observedAtMs         engine time the sums run to
     * @param waiting              contacts in the line since then
     * @param staffed              slots staffed since then
     */
    record State(
            double averageHandleSeconds,
            double starts,
            double busySlotMs,
            double priorStarts,
            double abandons,
            double waitedMs,
            double priorWaitedMs,
            long observedAtMs,
            int waiting,
            int staffed) {}

    private double averageHandleSeconds;
    private double starts;
    private double busySlotMs;
    private double priorStarts;
    private double abandons;
    private double waitedMs;
    private double priorWaitedMs;
    private long observedAtMs;
    private int waiting;
    private int staffed;

    WaitEstimator(double plannedAhtSeconds) {
        this(new State(plannedAhtSeconds, 0, 0, PRIOR_STARTS, 0, 0, PRIOR_WAITED_MS, 0, 0, 0));
    }

    private WaitEstimator(State s) {
        averageHandleSeconds = s.averageHandleSeconds;
        starts = s.starts;
        busySlotMs = s.busySlotMs;
        priorStarts = s.priorStarts;
        abandons = s.abandons;
        waitedMs = s.waitedMs;
        priorWaitedMs = s.priorWaitedMs;
        observedAtMs = s.observedAtMs;
        waiting = s.waiting;
        staffed = s.staffed;
    }

    static WaitEstimator restore(State state) {
        return new WaitEstimator(state);
    }

    State state() {
        return new State(
                averageHandleSeconds,
                starts,
                busySlotMs,
                priorStarts,
                abandons,
                waitedMs,
                priorWaitedMs,
                observedAtMs,
                waiting,
                staffed);
    }

    double averageHandleSeconds() {
        return averageHandleSeconds;
    }

    /** A contact of this class completed after {@code seconds} of talk and wrap-up. */
    void handled(double seconds) {
        averageHandleSeconds += AHT_SMOOTHING * (seconds - averageHandleSeconds);
    }

    /** The line changed at {@code nowMs}: it now holds {@code waitingNow} contacts, with {@code staffedNow} slots. */
    void lineChanged(long nowMs, int waitingNow, int staffedNow) {
        advance(nowMs, waitingNow, staffedNow);
    }

    /** An agent took a contact at {@code nowMs}; {@code fromLine} when the contact had waited for it. */
    void served(long nowMs, boolean fromLine, int waitingNow, int staffedNow) {
        if (fromLine) {
            starts = (1 - START_SMOOTHING) * starts + 1;
            busySlotMs *= 1 - START_SMOOTHING;
            priorStarts *= 1 - START_SMOOTHING;
        }
        advance(nowMs, waitingNow, staffedNow);
    }

    /** A contact left the line unserved at {@code nowMs}: hung up ({@code abandoned}), overflowed, called back. */
    void left(long nowMs, boolean abandoned, int waitingNow, int staffedNow) {
        if (abandoned) {
            abandons = (1 - ABANDON_SMOOTHING) * abandons + 1;
            waitedMs *= 1 - ABANDON_SMOOTHING;
            priorWaitedMs *= 1 - ABANDON_SMOOTHING;
        }
        advance(nowMs, waitingNow, staffedNow);
    }

    /**
     * Adds the time since the last observation to the sums (after any discount: the newest interval counts fully,
     * like the newest event), then records what the line looks like now.
     */
    private void advance(long nowMs, int waitingNow, int staffedNow) {
        long elapsedMs = Math.max(0, nowMs - observedAtMs);
        if (waiting > 0) {
            busySlotMs += (double) staffed * elapsedMs;
            waitedMs += (double) waiting * elapsedMs;
        }
        observedAtMs = Math.max(observedAtMs, nowMs);
        waiting = waitingNow;
        staffed = staffedNow;
    }

    /**
     * The expected wait, in seconds, of a contact at 1-based {@code position} that will be answered, with
     * {@code staffedNow} slots (at least one) staffed at {@code nowMs}. Reads only.
     */
    double expectedWaitSeconds(int position, long nowMs, int staffedNow) {
        return sumOfStages(serviceRatePerSecond(nowMs, staffedNow), abandonRatePerSecond(nowMs), position);
    }

    /** {@code r}: contacts taken from the line per second while it is not empty, at today's staffing. */
    double serviceRatePerSecond(long nowMs, int staffedNow) {
        long elapsedMs = waiting > 0 ? Math.max(0, nowMs - observedAtMs) : 0;
        double slotMs = busySlotMs + (double) staffed * elapsedMs + priorStarts * averageHandleSeconds * 1000;
        return staffedNow * (starts + priorStarts) / slotMs * 1000;
    }

    /** {@code θ}: abandonments per second of waiting in the line. */
    double abandonRatePerSecond(long nowMs) {
        long elapsedMs = Math.max(0, nowMs - observedAtMs);
        return abandons / (waitedMs + (double) waiting * elapsedMs + priorWaitedMs) * 1000;
    }

    /**
     * {@code Σ_{j=1..k} 1 / (r + jθ)}; past {@link #EXACT_TERMS} terms, in closed form (the integral over the
     * terms' unit intervals with Euler-Maclaurin's first correction: within 10⁻⁹ of the sum).
     */
    static double sumOfStages(double rate, double theta, int k) {
        if (theta == 0) {
            return k / rate;
        }
        double total = 0;
        int exact = Math.min(k, EXACT_TERMS);
        for (int j = 1; j <= exact; j++) {
            total += 1 / (rate + j * theta);
        }
        if (k > exact) {
            double from = rate / theta + exact + 0.5;
            double to = rate / theta + k + 0.5;
            total += (StrictMath.log1p((k - exact) / from) + (1 / (to * to) - 1 / (from * from)) / 24) / theta;
        }
        return total;
    }
}
