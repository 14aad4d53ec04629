package org.switchboard.core.stats;

import org.jspecify.annotations.Nullable;

/**
 * The figures of one queue or agent (or the whole center) over one period: a 15-minute interval, a day, or any
 * span. Immutable. Contacts are attributed to a period as {@code docs/metrics.md} says: queue figures to the
 * interval the contact queued in, agent figures to the interval of the offer. Totals and sums are kept rather
 * than averages, so periods add up exactly ({@link #plus}); the averages are derived.
 *
 * @param subjectId               the queue or agent id, or {@link Statistics#CENTER} for all queues together
 * @param startMs                 start of the period, epoch ms, inclusive
 * @param endMs                   end of the period, epoch ms, exclusive
 * @param offered                 contacts that queued (callbacks excluded); for an agent, offers it received
 * @param answered                offered contacts connected to an agent, counted once at the first connection
 * @param answeredWithinThreshold answered contacts whose wait was at most the queue's service-level threshold
 * @param delayed                 answered or abandoned contacts whose wait was longer than 0 ms
 * @param abandoned               offered contacts that left before an agent answered, after waiting at least
 *                                {@link Statistics#SHORT_ABANDON_MS}
 * @param shortAbandoned          offered contacts that left before {@link Statistics#SHORT_ABANDON_MS}: counted
 *                                apart from {@code abandoned}, never against the service level
 * @param transferred             offered contacts that ended by transfer to another queue (overflow included)
 * @param callbacksRequested      waiting contacts converted into a callback
 * @param callbacksCompleted      callback contacts an agent completed
 * @param handled                 conversations that ended (completed or transferred after connecting), callbacks
 *                                included: the denominator of AHT
 * @param totalAnswerWaitMs       sum of the waits of the answered contacts
 * @param totalHandleMs           sum of talk plus wrap-up time of the handled conversations
 * @param totalWrapUpMs           sum of the wrap-up time of the handled conversations
 * @param longestWaitMs           longest wait of an answered or abandoned contact; 0 when none
 */
public record IntervalStats(
        String subjectId,
        long startMs,
        long endMs,
        long offered,
        long answered,
        long answeredWithinThreshold,
        long delayed,
        long abandoned,
        long shortAbandoned,
        long transferred,
        long callbacksRequested,
        long callbacksCompleted,
        long handled,
        long totalAnswerWaitMs,
        long totalHandleMs,
        long totalWrapUpMs,
        long longestWaitMs) {

    /** No figures yet for {@code subjectId} over {@code [startMs, endMs)}. */
    public static IntervalStats empty(String subjectId, long startMs, long endMs) {
        return new IntervalStats(subjectId, startMs, endMs, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The figures of one call that queued and waited {@code waitMs}, then was answered and talked for
     * {@code handleMs}, or hung up ({@code handleMs} null): counted exactly as {@link Statistics} counts a call, for
     * figures computed from outside the engine (a call log) to mean what the engine's mean.
     */
    public static IntervalStats ofCall(
            String subjectId, long startMs, long endMs, long waitMs, long thresholdMs, @Nullable Long handleMs) {
        Tally tally = new Tally();
        tally.offered = 1;
        if (handleMs == null) {
            tally.abandon(waitMs);
        } else {
            tally.answer(waitMs, thresholdMs);
            tally.endConversation(handleMs, 0, false);
        }
        return tally.snapshot(subjectId, startMs, endMs);
    }

    /** The figures of one call that queued and, after waiting, took a callback that keeps its place in line. */
    public static IntervalStats ofCallbackRequested(String subjectId, long startMs, long endMs) {
        Tally tally = new Tally();
        tally.offered = 1;
        tally.callbacksRequested = 1;
        return tally.snapshot(subjectId, startMs, endMs);
    }

    /** The figures of both under this record's subject and period: counts and sums add, the longest wait is the max. */
    public IntervalStats plus(IntervalStats other) {
        return new IntervalStats(
                subjectId,
                startMs,
                endMs,
                offered + other.offered,
                answered + other.answered,
                answeredWithinThreshold + other.answeredWithinThreshold,
                delayed + other.delayed,
                abandoned + other.abandoned,
                shortAbandoned + other.shortAbandoned,
                transferred + other.transferred,
                callbacksRequested + other.callbacksRequested,
                callbacksCompleted + other.callbacksCompleted,
                handled + other.handled,
                totalAnswerWaitMs + other.totalAnswerWaitMs,
                totalHandleMs + other.totalHandleMs,
                totalWrapUpMs + other.totalWrapUpMs,
                Math.max(longestWaitMs, other.longestWaitMs));
    }

    /**
     * Service level in percent: {@code answeredWithinThreshold / (answered + abandoned) × 100}, short abandons
     * excluded. Null when nothing was answered or abandoned.
     */
    public @Nullable Double serviceLevelPercent() {
        long base = answered + abandoned;
        return base == 0 ? null : 100.0 * answeredWithinThreshold / base;
    }

    /** Average speed of answer: mean wait of the answered contacts, in seconds; null when none was answered. */
    public @Nullable Double averageSpeedOfAnswerSeconds() {
        return answered == 0 ? null : totalAnswerWaitMs / 1000.0 / answered;
    }

    /** Average handle time (talk plus wrap-up) in seconds; null when no conversation ended. */
    public @Nullable Double averageHandleSeconds() {
        return handled == 0 ? null : totalHandleMs / 1000.0 / handled;
    }

    /** Average wrap-up time in seconds over the handled conversations (0 s ones included); null when none. */
    public @Nullable Double averageWrapUpSeconds() {
        return handled == 0 ? null : totalWrapUpMs / 1000.0 / handled;
    }

    /** Longest wait in seconds. */
    public double longestWaitSeconds() {
        return longestWaitMs / 1000.0;
    }

    /** All abandons, short ones included. */
    public long abandonedAll() {
        return abandoned + shortAbandoned;
    }
}
